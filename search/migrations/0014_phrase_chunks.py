"""Phrase chunks (search.models.PhraseChunk): on PostgreSQL a long phrase is confirmed in
the chunks holding its 4-grams (a GIN-indexed ``tsv`` column added here, not a model
field) instead of every candidate's whole text. Fills the chunks of every existing entry
and builds the GIN index once at the end. The table stays empty on SQLite.
"""

import django.db.models.deletion
from django.db import migrations, models


FIELDS = ("key", "kind", "object_id", "title", "text", "doc_number", "issuer", "department_id")
FIELDS += ("status", "year", "published_on", "live", "url")
TABLE = "fulltext_phrasechunk"


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.base import EntryData
    from search.backends.embedded import index_row
    from search.backends.postgres_index import write_chunks

    entries = apps.get_model("fulltext", "SearchEntry").objects.values_list("pk", *FIELDS)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN tsv tsvector")
        batch = []
        for pk, *values in entries.iterator(chunk_size=500):
            batch.append(index_row(pk, EntryData(*values)))
            if len(batch) >= 500:
                write_chunks(cursor, batch)
                batch = []
        if batch:
            write_chunks(cursor, batch)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # CREATE INDEX refuses pending checks
        cursor.execute(f"CREATE INDEX fulltext_phrasechunk_tsv ON {TABLE} USING gin(tsv)")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):

    dependencies = [
        ('fulltext', '0013_postgres_tokens_without_positions'),
    ]

    operations = [
        migrations.CreateModel(
            name='PhraseChunk',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField()),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='fulltext.searchentry')),
            ],
            options={
                'verbose_name': '短语片段',
                'verbose_name_plural': '短语片段',
                'default_permissions': (),
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
