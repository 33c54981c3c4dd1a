"""Constant statements on hot read paths, prepared once per database connection on PostgreSQL.

For a one-row lookup by a unique key PostgreSQL spends more time planning the statement than running it (the
public certificate verification: planning 0.18 ms, execution 0.06 ms, with the table's dozen indexes to weigh).
A statement prepared with SQL ``PREPARE`` is planned for the session and then run by name with ``EXECUTE``,
through the same simple protocol as every other statement Django sends; the server's time per lookup halves.

Prepared statements belong to the database session. The names a session has prepared are kept on the driver's
connection object, so a new connection (``CONN_MAX_AGE`` reached, a dropped connection) prepares again and the web
process keeps nothing beyond its connection. ``PREPARE`` is not undone by a rollback; a change to a table the
statement reads makes PostgreSQL plan it again. Other databases run the statement as it is.

Not for a connection pooler in transaction mode, where consecutive statements may reach different sessions
(docs/deploy.md).
"""

from django.db import connection


def fetch_one(name: str, sql: str, params: list | tuple) -> tuple | None:
    """The first row of ``sql`` (``%s`` placeholders, no literal ``%``) with ``params``; ``name`` identifies the
    statement and must be the same for the same text."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchone()
        prepared = vars(connection.connection).setdefault("jineng_prepared", set())
        if name not in prepared:
            pieces = sql.split("%s")
            text = "".join(piece + (f"${i}" if i < len(pieces) else "") for i, piece in enumerate(pieces, start=1))
            cursor.execute(f"PREPARE jineng_{name} AS {text}")
            prepared.add(name)
        cursor.execute(f"EXECUTE jineng_{name}({', '.join(['%s'] * len(params))})", params)
        return cursor.fetchone()
