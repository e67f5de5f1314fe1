"""The embedded backend's PostgreSQL token index: a GIN-indexed tsvector of n-grams.

Each entry's tsvector holds the distinct 2-, 3- and 4-character grams of its title and
body (search.analysis.gram_sequences) and its facet tokens, marked with ``~`` so no
user's word can ever equal one. It is written as a tsvector literal, so PostgreSQL's
own parser never splits or normalises our tokens. No positions and no weights: GIN keeps
neither, and a query that needs them makes PostgreSQL re-read each candidate's stored
tsvector (the slow "recheck"); without them every lookup is exact in the index alone.

A word of two to four characters is one token: one exact index lookup. A longer phrase
is narrowed by its 4-grams and confirmed in the stored text (search.backends.phrases).
Relevance is not scored here: ``ts_rank`` would read every hit's tsvector (tens of KB
each), so hits are ordered title matches first, then newest (search.backends.embedded).
See docs/architecture.md "Search index".
"""

from typing import NamedTuple

import numpy as np
from django.db import transaction

from search.analysis import MAX_GRAM, gram_sequences, is_cjk_run, runs
from search.backends import phrases
from search.backends.facets import FacetClause
from search.backends.phrases import CHUNK_TABLE, quote
from search.backends.token_index import ENTRY_TABLE, IndexRow, _joined_ids

GIN_INDEX = "fulltext_searchentry_tsv"
CHUNK_GIN_INDEX = "fulltext_phrasechunk_tsv"
CHUNK = 200  # characters per phrase chunk (whole runs; a run longer than this is one chunk)
FACET_MARK = "~"  # never in a user's token (search.analysis: letters, digits, CJK)
_COPIED = ("key", "kind", "object_id", "title", "text", "doc_number", "issuer")
_COPIED += ("department_id", "status", "year", "published_on", "live", "url")


def tokens(text: str) -> set[str]:
    """The distinct n-grams of ``text``."""
    found: set[str] = set()
    for grams, _ in gram_sequences(text):
        found.update(grams)
    return found


def tsvector_literal(row: IndexRow) -> str:
    """One entry's tokens as a tsvector literal: ``'token'`` each, no positions."""
    grams = tokens(row.title) | tokens(row.body)
    marked = [FACET_MARK + token for token in row.facets.split()]
    return " ".join(f"'{token}'" for token in (*grams, *marked))  # tokens hold no quote


def phrase_chunks(row: IndexRow) -> list[tuple[str, str]]:
    """``(text, tsvector literal of its 4-grams)`` per chunk of the entry's Chinese runs
    longer than MAX_GRAM (only those can hold a longer phrase), runs kept whole and
    joined by newlines, so a phrase never spans two runs or two chunks."""
    chunks, current, size = [], [], 0
    for run in (*runs(row.title), *runs(row.body)):
        if len(run) <= MAX_GRAM or not is_cjk_run(run):
            continue
        current.append(run)
        size += len(run)
        if size >= CHUNK:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return [("\n".join(chunk), _four_grams(chunk)) for chunk in chunks]


def _four_grams(chunk: list[str]) -> str:
    grams = {run[i : i + MAX_GRAM] for run in chunk for i in range(len(run) - MAX_GRAM + 1)}
    return " ".join(f"'{gram}'" for gram in grams)


def write_chunks(cursor, rows: list[IndexRow]) -> None:
    """Replace the phrase chunks of ``rows`` (pk set) in one ``COPY``."""
    if not rows:
        return
    cursor.execute(f"DELETE FROM {CHUNK_TABLE} WHERE entry_id = ANY(%s)", [[r.pk for r in rows]])
    with cursor.cursor.copy(f"COPY {CHUNK_TABLE} (entry_id, text, tsv) FROM STDIN") as copy:
        for row in rows:
            for text, grams in phrase_chunks(row):
                copy.write_row((row.pk, text, grams))


class PostgresIndex:
    ranks = False  # hits are ordered in memory, never by ts_rank (see module docstring)

    def write(self, cursor, rows: list[IndexRow]) -> None:
        cursor.executemany(
            f"UPDATE {ENTRY_TABLE} SET tsv = %s::tsvector WHERE id = %s",
            [(tsvector_literal(r), r.pk) for r in rows],
        )
        write_chunks(cursor, rows)

    def insert(self, cursor, entries: list[tuple]) -> bool:
        """New entries with their tokens in one ``COPY``: each row written once.

        ``entries`` are ``(EntryData, IndexRow)`` pairs; returns True (done here).
        """
        columns = ", ".join((*_COPIED, "updated_at", "tsv"))
        with cursor.cursor.copy(f"COPY {ENTRY_TABLE} ({columns}) FROM STDIN") as copy:
            for entry, row in entries:
                values = [getattr(entry, field) for field in _COPIED]
                copy.write_row((*values, "now", tsvector_literal(row)))
        cursor.execute(
            f"SELECT key, id FROM {ENTRY_TABLE} WHERE key = ANY(%s)",
            [[entry.key for entry, _ in entries]],
        )
        ids = dict(cursor.fetchall())
        write_chunks(cursor, [row._replace(pk=ids[entry.key]) for entry, row in entries])
        return True

    def delete(self, cursor, ids: list[int]) -> None:
        pass  # the column goes with the row, the chunks by cascade

    def clear(self, cursor) -> None:
        """Before a rebuild: drop the GIN indexes; ``finish`` builds them again in one
        pass, many times faster than updating them row by row (the tables are locked
        until the rebuild commits)."""
        cursor.execute(f"TRUNCATE {CHUNK_TABLE}")
        cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
        cursor.execute(f"DROP INDEX IF EXISTS {CHUNK_GIN_INDEX}")

    def finish(self, cursor) -> None:
        # CREATE INDEX refuses to run while deferred foreign-key checks are pending
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {ENTRY_TABLE} USING gin(tsv)")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {CHUNK_GIN_INDEX} ON {CHUNK_TABLE} USING gin(tsv)"
        )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def expression(self, tree, clause: FacetClause) -> "PostgresQuery":
        """The user's query AND the facet clause as a tsquery for the GIN index, plus the
        check that makes a long phrase exact (see ``phrases``)."""
        compiler = phrases.Compiler()
        tsquery = compiler.tsquery(tree)
        if clause:
            groups = [
                "("
                + " | ".join(
                    "(" + " & ".join(quote(FACET_MARK + token) for token in alt) + ")"
                    for alt in group
                )
                + ")"
                for group in clause
            ]
            tsquery = f"({tsquery}) & " + " & ".join(groups)
        check, params = compiler.check(tree)
        return PostgresQuery(tsquery, check or "TRUE", params)

    def ids(self, cursor, expression: "PostgresQuery") -> np.ndarray:
        """The matching ids, always through the GIN indexes. The planner does not count
        that testing a row's tsvector unpacks it (tens of KB): for a word in most
        entries it would scan the table (20x slower at 20,000 entries), and for a long
        phrase loop over the chunks' entries testing each one's tsvector (5x slower)
        instead of joining the two index scans' ids."""
        with transaction.atomic():
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_nestloop = off")
            cursor.execute(
                f"SELECT string_agg(id::text, ',') FROM {ENTRY_TABLE} "
                f"WHERE tsv @@ %s::tsquery AND {expression.check}",
                [expression.tsquery, *expression.params],
            )
            ids = _joined_ids(cursor)
            # inside a caller's transaction the setting would outlive this savepoint
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
            cursor.execute("SET LOCAL enable_nestloop TO DEFAULT")
        return ids


class PostgresQuery(NamedTuple):
    tsquery: str  # for the GIN index: exact for words of up to four characters
    check: str  # SQL condition confirming longer phrases in the text ("TRUE" if none)
    params: list
