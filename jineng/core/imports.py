"""The one pipeline every bulk file goes through: read safely, then write in bulk.

Reading (``table_read``): the size limit, the zip-bomb check from the archive's directory (``.xlsx``), the
formula check, CSV in UTF-8 (with or without BOM) or GBK; every refusal is an ``ImportRejected`` with a
Chinese message. Row validation is the app's pure engine (errors ``第 N 行“列”：…``); the app's service runs
it and calls the writer inside one transaction, so a file is written whole or not at all.

Writing (``rows_insert``, ``rows_insert_with_ids``, ``rows_upsert``): ``COPY`` on PostgreSQL, ``executemany``
on SQLite, no ORM object per row; changed rows go through a staged ``INSERT … ON CONFLICT … DO UPDATE … WHERE``
changed; history rows are copied in the database (``history_copy``). A very large file can be staged instead
(``stage_create``, ``stage_fill``: a temporary table filled by ``COPY``) and written with set-based statements
over the staged rows (the certificate register does). Table and column names come from the
caller's constants, never from the file. Every write drops, on commit, the desk's cached metrics that read the
written model (``core.metrics.metrics_records_changed``), as a model save would.
"""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from jineng.core.engine.files import text_decode
from jineng.core.exceptions import ImportRejected
from jineng.core.metrics import metrics_records_changed
from jineng.core.spreadsheets import check_upload_size, read_xlsx_rows

KINDS = (".csv", ".xlsx")


@dataclass
class Table:
    """Every row of the file's first sheet as text, from row 1; ``total`` counts them (for a progress bar)."""

    rows: Iterator[list[str]]
    total: int


def table_read(*, content: bytes, file_name: str) -> Table:
    check_upload_size(len(content))
    lower = file_name.lower()
    if lower.endswith(".xlsx"):
        rows = read_xlsx_rows(content)
        total = len(rows)
        while total and not any(rows[total - 1]):
            total -= 1
        return Table(rows=iter(rows[:total]), total=total)
    if not lower.endswith(".csv"):
        raise ImportRejected(["只接受 .csv 或 .xlsx 文件，请使用下载的模板"])
    text = text_decode(content)
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    return Table(rows=csv.reader(io.StringIO(text)), total=lines)


def table_header(table: Table) -> list[str]:
    header = next(table.rows, None)
    if header is None or not any(cell.strip() for cell in header):
        raise ImportRejected(["文件是空的"])
    return header


# Writing -----------------------------------------------------------------------------------------------


def records_changed(table: str) -> None:
    """The desk's cached metrics that read ``table``'s model are dropped once the caller's transaction commits
    (bulk writes send no model signals)."""
    label = _model_labels().get(table)
    if label is not None:
        transaction.on_commit(lambda: metrics_records_changed(label))


@cache
def _model_labels() -> dict[str, str]:
    return {model._meta.db_table: model._meta.label for model in apps.get_models()}


def rows_insert(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Plain inserts, inside the caller's transaction (``rows`` may be a generator)."""
    if isinstance(rows, Sequence) and not rows:
        return
    records_changed(table)
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - constants


def rows_insert_with_ids(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> list[int]:
    """Insert rows with their ids reserved first (so callers can refer to them at once): the ids, in order."""
    if not rows:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "  # noqa: S608 - constant
                           "FROM generate_series(1, %s)", [len(rows)])
            ids = [row[0] for row in cursor.fetchall()]
        else:
            # The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so nobody else takes these ids.
            cursor.execute(f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0), "  # noqa: S608 - constant
                           f"coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))")
            first = cursor.fetchone()[0] + 1
            ids = list(range(first, first + len(rows)))
    rows_insert(table, ("id", *columns), [(pk, *row) for pk, row in zip(ids, rows, strict=True)])
    return ids


def rows_upsert(table: str, columns: Sequence[str], rows: Sequence[tuple], *, conflict: Sequence[str],
                compared: Sequence[str]) -> None:
    """Insert, or update the ``compared`` columns of the row with the same ``conflict`` key when one differs."""
    if not rows:
        return
    records_changed(table)
    names = ", ".join(columns)
    updated = [name for name in columns if name not in conflict]
    assignments = ", ".join(f"{name} = excluded.{name}" for name in updated)
    keys = ", ".join(conflict)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stage = f"{table}_stage"
            cursor.execute(f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS "  # noqa: S608 - constants
                           f"SELECT {names} FROM {table} WITH NO DATA")
            with cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            old = ", ".join(f"{table}.{name}" for name in compared)
            new = ", ".join(f"excluded.{name}" for name in compared)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage} "  # noqa: S608 - constants
                f"ON CONFLICT ({keys}) DO UPDATE SET {assignments} WHERE ({old}) IS DISTINCT FROM ({new})"
            )
            cursor.execute(f"DROP TABLE {stage}")
            return
        changed = " OR ".join(f"{table}.{name} IS NOT excluded.{name}" for name in compared)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks}) "  # noqa: S608 - constants
            f"ON CONFLICT ({keys}) DO UPDATE SET {assignments} WHERE {changed}",
            rows,
        )


def stage_create(stage: str, *, like: str, columns: Sequence[str], extra: Sequence[tuple[str, str]] = ()) -> None:
    """An empty temporary table ``stage`` with ``columns`` typed as in the table ``like`` plus ``extra`` columns
    (name, SQL type), for a bulk write done as set-based statements over the staged rows (``stage_fill``). It lives
    in the caller's transaction (dropped at its end on PostgreSQL); ``stage_drop`` drops it earlier."""
    names = ", ".join(columns)
    extras = "".join(f", CAST(NULL AS {kind}) AS {name}" for name, kind in extra)
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        stage_drop(stage)
        cursor.execute(f"CREATE TEMP TABLE {stage}{' ON COMMIT DROP' if postgres else ''} AS "  # noqa: S608
                       f"SELECT {names}{extras} FROM {like} LIMIT 0")  # constants


def stage_fill(stage: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Rows into a staging table (``COPY`` on PostgreSQL, then ``ANALYZE`` so the planner knows its size)."""
    rows_insert(stage, columns, rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {stage}")


def stage_drop(stage: str) -> None:
    schema = "pg_temp" if connection.vendor == "postgresql" else "temp"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {schema}.{stage}")


def history_insert(model, columns: Sequence[str], rows: Sequence[tuple], *, history_type: str, user_id: int | None,
                   reason: str) -> None:
    """The django-simple-history rows for bulk-written ``rows`` (``columns`` include ``id``): one per row."""
    if not rows:
        return
    table = model.history.model._meta.db_table
    stamp = (db_now(), reason, history_type, user_id)
    rows_insert(table, (*columns, "history_date", "history_change_reason", "history_type", "history_user_id"),
                [(*row, *stamp) for row in rows])


def history_copy(model, columns: Sequence[str], *, where: str, params: Sequence, history_type: str,
                 user_id: int | None, reason: str) -> None:
    """The django-simple-history rows for rows just bulk-written, copied inside the database (one
    ``INSERT … SELECT``, no row through Python): ``columns`` (with ``id``) of ``model``'s rows matching ``where``."""
    table, history = model._meta.db_table, model.history.model._meta.db_table
    names = ", ".join(columns)
    stamp = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    # PostgreSQL cannot tell a bare parameter's type in a select list (a NULL user would be text).
    marks = "%s::timestamptz, %s::varchar, %s::varchar, %s::integer" if connection.vendor == "postgresql" \
        else "%s, %s, %s, %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history} ({names}, {', '.join(stamp)}) "  # noqa: S608 - constants
            f"SELECT {names}, {marks} FROM {table} WHERE {where}",
            [db_now(), reason, history_type, user_id, *params],
        )


def db_now():
    """Now, in the form the database driver takes for a raw datetime parameter."""
    now = timezone.now()
    return now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)
