"""The embedded backend's token index, in the database: SQLite FTS5 or PostgreSQL tsvector.

Each entry is indexed as three fields of tokens (search.analysis):
``title``, ``body`` (文号 and full text) and ``facets`` — one opaque ASCII token per
facet value (search.backends.facets.entry_tokens). The facet tokens let a filtered
query — 年份:2020, a drafter's permission filter — narrow the match inside the index,
so bm25 (SQLite) scores only the rows that can be shown. A user's terms are matched in
title and body only, never against the facet tokens.

SQLite: an FTS5 table with the three columns of CJK-bigram tokens, ranked with bm25
(title weighted 3, body 1, facets 0). PostgreSQL (search.backends.postgres_index): a
GIN-indexed tsvector column on the entry table holding the distinct 2-, 3- and
4-character grams of title and body and the marked facet tokens, not ranked.
"""

from typing import NamedTuple

import numpy as np

from search import query as q
from search.analysis import index_text, phrase_tokens
from search.backends import facets
from search.backends.facets import FacetClause
from search.models import SearchEntry

ENTRY_TABLE = SearchEntry._meta.db_table
FTS_TABLE = "fulltext_entry_fts"


class IndexRow(NamedTuple):
    """What one entry's tokens are made from: its title and body as written (each index
    tokenises them its own way) and its facet tokens (space-separated)."""

    pk: int
    title: str
    body: str
    facets: str


def _joined_ids(cursor) -> np.ndarray:
    """The ids of a one-row ``id,id,…`` result: ~5x cheaper than fetching a row per hit."""
    joined = cursor.fetchone()[0]
    if not joined:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")  # C parse; np.array(split) is 7x slower


class SQLiteIndex:
    ranks = True  # bm25 (lower is better) orders at most RANK_LIMIT hits

    def write(self, cursor, rows: list[IndexRow]) -> None:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r.pk,) for r in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, title, body, facets) VALUES (%s, %s, %s, %s)",
            [(r.pk, index_text(r.title), index_text(r.body), r.facets) for r in rows],
        )

    def insert(self, cursor, entries: list[tuple]) -> bool:
        return False  # the backend creates the rows, then ``write`` indexes them

    def finish(self, cursor) -> None:
        pass

    def delete(self, cursor, ids: list[int]) -> None:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def expression(self, tree, clause: FacetClause) -> str:
        """The user's query in title and body, AND the facet clause in facets.

        A column filter on the user's query costs up to half again on long phrases of
        common bigrams, and only an ASCII word shaped like a facet token could ever
        match in ``facets``; so the filter is added only for such a query.
        """
        expression = self._compile(tree)
        if any(facets.is_facet_token(token) for token in _tokens_of(tree)):
            expression = "{title body} : " + expression
        if clause:
            expression = f"({expression}) AND (facets : {self._clause(clause)})"
        return expression

    def ids(self, cursor, expression: str) -> np.ndarray:
        cursor.execute(
            f"SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [expression],
        )
        return _joined_ids(cursor)

    def ranked(self, cursor, expression: str) -> list[tuple[int, float]]:
        cursor.execute(
            f"SELECT rowid, bm25({FTS_TABLE}, 3.0, 1.0, 0.0) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s",
            [expression],
        )
        return cursor.fetchall()

    def _compile(self, node) -> str:
        if isinstance(node, q.Term):
            phrases = [f'"{" ".join(run)}"' for run in phrase_tokens(node.text)]
            return "(" + " AND ".join(phrases) + ")"
        if isinstance(node, q.Or):
            return "(" + " OR ".join(self._compile(part) for part in node.parts) + ")"
        if isinstance(node, q.And):
            positive = [self._compile(p) for p in node.parts if not isinstance(p, q.Not)]
            expression = "(" + " AND ".join(positive) + ")"
            for part in (p.part for p in node.parts if isinstance(p, q.Not)):
                expression = f"({expression} NOT {self._compile(part)})"
            return expression
        raise q.QueryError("检索式不能只包含排除条件（NOT）。")

    @staticmethod
    def _clause(clause: FacetClause) -> str:
        return (
            "("
            + " AND ".join(
                "(" + " OR ".join("(" + " AND ".join(alt) + ")" for alt in group) + ")"
                for group in clause
            )
            + ")"
        )


def _tokens_of(node):
    if isinstance(node, q.Term):
        yield from (token for run in phrase_tokens(node.text) for token in run)
    elif isinstance(node, q.Not):
        yield from _tokens_of(node.part)
    else:
        for part in node.parts:
            yield from _tokens_of(part)


def for_connection(connection):
    if connection.vendor == "postgresql":
        from search.backends.postgres_index import PostgresIndex

        return PostgresIndex()
    return SQLiteIndex()
