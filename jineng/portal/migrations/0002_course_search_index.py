"""The full-text index of the course search, per database vendor.

SQLite: an FTS5 table with the trigram tokenizer over ``portal_courseentry.search_text`` (external content),
kept in step by triggers on every insert, update and delete. PostgreSQL: the pg_trgm extension and a GIN
trigram index, which serves ``LIKE '%…%'`` on the same column.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE portal_course_fts USING fts5(search_text, content='portal_courseentry', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER portal_course_fts_ai AFTER INSERT ON portal_courseentry BEGIN "
    "INSERT INTO portal_course_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER portal_course_fts_ad AFTER DELETE ON portal_courseentry BEGIN "
    "INSERT INTO portal_course_fts(portal_course_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER portal_course_fts_au AFTER UPDATE ON portal_courseentry BEGIN "
    "INSERT INTO portal_course_fts(portal_course_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO portal_course_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO portal_course_fts(portal_course_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS portal_course_fts_au",
    "DROP TRIGGER IF EXISTS portal_course_fts_ad",
    "DROP TRIGGER IF EXISTS portal_course_fts_ai",
    "DROP TABLE IF EXISTS portal_course_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS portal_course_trgm ON portal_courseentry USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS portal_course_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
                             _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})),
    ]
