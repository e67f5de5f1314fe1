"""The token index gets fields: title, body and facet tokens (search.backends.token_index).

SQLite's FTS5 table cannot gain columns, so it is recreated and every existing entry is
re-tokenised here, so search keeps working without a manual rebuild. PostgreSQL keeps its
tsvector column and GIN index; 0010 and 0011 rewrite its entries.
"""

from django.db import migrations

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE fulltext_entry_fts USING fts5(title, body, facets, tokenize='unicode61')"
)
SQLITE_OLD_TABLE = "CREATE VIRTUAL TABLE fulltext_entry_fts USING fts5(tokens, tokenize='unicode61')"
FIELDS = ("key", "kind", "object_id", "title", "text", "doc_number", "issuer", "department_id")
FIELDS += ("status", "year", "published_on", "live", "url")


def reindex(apps, schema_editor):
    from search.backends import token_index
    from search.backends.base import EntryData
    from search.backends.embedded import index_row

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS fulltext_entry_fts")
        schema_editor.execute(SQLITE_TABLE)
    else:
        return  # PostgreSQL: 0010 and 0011 rewrite every entry's tsvector
    index = token_index.for_connection(connection)
    entries = apps.get_model("fulltext", "SearchEntry").objects.values_list("pk", *FIELDS)
    batch = []
    with connection.cursor() as cursor:
        for pk, *values in entries.iterator(chunk_size=500):
            batch.append(index_row(pk, EntryData(*values)))
            if len(batch) >= 500:
                index.write(cursor, batch)
                batch = []
        index.write(cursor, batch)


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS fulltext_entry_fts")
        schema_editor.execute(SQLITE_OLD_TABLE)  # empty: rebuild_search_index refills it


class Migration(migrations.Migration):
    dependencies = [("fulltext", "0005_index_generation")]

    operations = [migrations.RunPython(reindex, back)]
