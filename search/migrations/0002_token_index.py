"""The embedded backend's token index: FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL."""

from django.db import migrations

SQLITE_UP = "CREATE VIRTUAL TABLE IF NOT EXISTS fulltext_entry_fts USING fts5(tokens, tokenize='unicode61')"
SQLITE_DOWN = "DROP TABLE IF EXISTS fulltext_entry_fts"
POSTGRES_UP = [
    "ALTER TABLE fulltext_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE INDEX IF NOT EXISTS fulltext_searchentry_tsv ON fulltext_searchentry USING gin(tsv)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS fulltext_searchentry_tsv",
    "ALTER TABLE fulltext_searchentry DROP COLUMN IF EXISTS tsv",
]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_UP], "postgresql": POSTGRES_UP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_DOWN], "postgresql": POSTGRES_DOWN}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("fulltext", "0001_initial")]

    operations = [migrations.RunPython(up, down)]
