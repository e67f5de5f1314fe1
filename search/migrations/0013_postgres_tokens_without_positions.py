"""PostgreSQL: the token index keeps each entry's distinct n-grams without positions or
weights, and marks facet tokens with ``~`` (search.backends.postgres_index), so every
entry's tsvector is rewritten here: with the GIN index dropped and built again in one
pass, which is many times faster than updating it row by row. SQLite is unchanged.
Going back rewrites the entries with the positional, weighted n-grams of 0010.
"""

from django.db import migrations

FIELDS = ("key", "kind", "object_id", "title", "text", "doc_number", "issuer", "department_id")
FIELDS += ("status", "year", "published_on", "live", "url")
GIN_INDEX = "fulltext_searchentry_tsv"
TABLE = "fulltext_searchentry"
WEIGHTED_TSV = (
    "setweight(%s::tsvector, 'A') || setweight(%s::tsvector, 'B') || setweight(%s::tsvector, 'D')"
)


def _rows(apps):
    from search.backends.base import EntryData
    from search.backends.embedded import index_row

    entries = apps.get_model("fulltext", "SearchEntry").objects.values_list("pk", *FIELDS)
    for pk, *values in entries.iterator(chunk_size=500):
        yield index_row(pk, EntryData(*values))


def _rewrite(schema_editor, statement, values) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        batch = []
        for params in values:
            batch.append(params)
            if len(batch) >= 500:
                cursor.executemany(statement, batch)
                batch = []
        cursor.executemany(statement, batch)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # CREATE INDEX refuses pending checks
        cursor.execute(f"CREATE INDEX {GIN_INDEX} ON {TABLE} USING gin(tsv)")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def forwards(apps, schema_editor):
    from search.backends.postgres_index import tsvector_literal

    statement = f"UPDATE {TABLE} SET tsv = %s::tsvector WHERE id = %s"
    _rewrite(schema_editor, statement, ((tsvector_literal(r), r.pk) for r in _rows(apps)))


def _positional(text: str) -> str:
    from search.analysis import gram_sequences

    return " ".join(
        " ".join(f"'{gram}':{at + i}" for i, gram in enumerate(grams))
        for grams, at in gram_sequences(text)
    )


def backwards(apps, schema_editor):
    statement = f"UPDATE {TABLE} SET tsv = {WEIGHTED_TSV} WHERE id = %s"
    values = (
        (_positional(r.title), _positional(r.body), " ".join(f"{t}:1" for t in r.facets.split()), r.pk)
        for r in _rows(apps)
    )
    _rewrite(schema_editor, statement, values)


class Migration(migrations.Migration):
    dependencies = [("fulltext", "0012_cleanup_statute_changes")]

    operations = [migrations.RunPython(forwards, backwards)]
