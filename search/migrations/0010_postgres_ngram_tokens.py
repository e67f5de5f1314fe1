"""PostgreSQL: the token index holds 2-, 3- and 4-character grams at character positions
(search.backends.postgres_index), so every existing entry's tsvector is rewritten here and
search keeps working without a manual rebuild. SQLite's FTS5 index is unchanged (bigrams).
Going back rewrites the entries with the bigram tokens of 0006.
"""

from django.db import migrations

FIELDS = ("key", "kind", "object_id", "title", "text", "doc_number", "issuer", "department_id")
FIELDS += ("status", "year", "published_on", "live", "url")
BIGRAM_TSV = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    " || setweight(to_tsvector('simple', %s), 'D')"
)


def _rows(apps):
    from search.backends.base import EntryData
    from search.backends.embedded import index_row

    entries = apps.get_model("fulltext", "SearchEntry").objects.values_list("pk", *FIELDS)
    for pk, *values in entries.iterator(chunk_size=500):
        yield index_row(pk, EntryData(*values))


def _write_in_batches(rows, write) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 500:
            write(batch)
            batch = []
    write(batch)


NGRAM_TSV = (
    "setweight(%s::tsvector, 'A') || setweight(%s::tsvector, 'B') || setweight(%s::tsvector, 'D')"
)


def _positional(text: str) -> str:
    """The n-grams of ``text`` with their positions, as this migration wrote them (kept
    here: the index code has moved on, see 0011)."""
    from search.analysis import gram_sequences

    return " ".join(
        " ".join(f"'{gram}':{at + i}" for i, gram in enumerate(grams))
        for grams, at in gram_sequences(text)
    )


def ngrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.token_index import ENTRY_TABLE

    def write(cursor, batch):
        cursor.executemany(
            f"UPDATE {ENTRY_TABLE} SET tsv = {NGRAM_TSV} WHERE id = %s",
            [
                (
                    _positional(r.title),
                    _positional(r.body),
                    " ".join(f"{token}:1" for token in r.facets.split()),
                    r.pk,
                )
                for r in batch
            ],
        )

    with schema_editor.connection.cursor() as cursor:
        _write_in_batches(_rows(apps), lambda batch: write(cursor, batch))


def bigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.analysis import index_text
    from search.backends.token_index import ENTRY_TABLE

    def write(cursor, batch):
        cursor.executemany(
            f"UPDATE {ENTRY_TABLE} SET tsv = {BIGRAM_TSV} WHERE id = %s",
            [(index_text(r.title), index_text(r.body), r.facets, r.pk) for r in batch],
        )

    with schema_editor.connection.cursor() as cursor:
        _write_in_batches(_rows(apps), lambda batch: write(cursor, batch))


class Migration(migrations.Migration):
    dependencies = [("fulltext", "0009_search_entry_kind_from_cms_item_kinds")]

    operations = [migrations.RunPython(ngrams, bigrams)]
