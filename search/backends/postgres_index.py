"""The embedded backend's PostgreSQL token index: a GIN-indexed tsvector of n-grams.

Each entry's tsvector holds, for every Chinese character, the 2-, 3- and 4-character
grams starting there (search.analysis.gram_sequences), each at its first character's
offset as position, weighted A (title), B (body) or D (facet tokens). It is written as a
tsvector literal, so PostgreSQL's own parser never splits or normalises our tokens.

Why: a GIN index stores which rows hold a token but not where, so a phrase of bigrams
(人民 <-> 民法 <-> 法院) makes PostgreSQL re-read every candidate's stored tsvector to
check positions — for a common word, most of the collection. Here a word of two to four
characters is one token: an exact index lookup that needs no recheck. A longer phrase is
narrowed by its 4-grams and confirmed in the stored text (search.backends.phrases).
Positions are kept for ts_rank. See docs/architecture.md.
"""

from typing import NamedTuple

import numpy as np

from search.analysis import gram_sequences
from search.backends import facets, phrases
from search.backends.facets import FacetClause
from search.backends.phrases import quote
from search.backends.token_index import ENTRY_TABLE, IndexRow, _joined_ids, _tokens_of

# Each field a literal of its own, weighted by setweight; ``||`` shifts the body's
# positions past the title's.
_TSV = (
    "setweight(%s::tsvector, 'A') || setweight(%s::tsvector, 'B') || setweight(%s::tsvector, 'D')"
)
_ENTRY = "'{}':{}".format  # tokens are letters, digits and CJK only: never a quote


def tsvector_literal(text: str) -> str:
    """The n-grams of ``text`` as a tsvector literal, ``'token':position`` per occurrence.

    PostgreSQL merges a token's occurrences into one lexeme while parsing (in C, cheaper
    than grouping them here), keeps up to 256 positions per lexeme and clamps positions
    past 16383, as ``to_tsvector`` does.
    """
    return " ".join(
        " ".join(map(_ENTRY, grams, range(start, start + len(grams))))
        for grams, start in gram_sequences(text)
    )


def facets_literal(tokens: str) -> str:
    return " ".join(f"{quote(token)}:1" for token in tokens.split())


class PostgresIndex:
    higher_is_better = True

    def write(self, cursor, rows: list[IndexRow]) -> None:
        cursor.executemany(
            f"UPDATE {ENTRY_TABLE} SET tsv = {_TSV} WHERE id = %s",
            [
                (
                    tsvector_literal(r.title),
                    tsvector_literal(r.body),
                    facets_literal(r.facets),
                    r.pk,
                )
                for r in rows
            ],
        )

    def delete(self, cursor, ids: list[int]) -> None:
        pass  # the column goes with the row

    def clear(self, cursor) -> None:
        pass

    def expression(self, tree, clause: FacetClause) -> "PostgresQuery":
        """The user's query AND the facet clause as a tsquery for the GIN index, plus the
        check that makes a long phrase exact (see ``phrases``).

        A weight restriction (``:AB``, title and body) makes the GIN index recheck every
        candidate row against its stored tsvector, and only an ASCII word shaped like a
        facet token could ever match the facet section (weight D); so, as on SQLite,
        only such a query has it.
        """
        facet_shaped = any(facets.is_facet_token(token) for token in _tokens_of(tree))
        compiler = phrases.Compiler(":AB" if facet_shaped else "")
        tsquery = compiler.tsquery(tree)
        if clause:
            groups = [
                "(" + " | ".join("(" + " & ".join(map(quote, alt)) + ")" for alt in group) + ")"
                for group in clause
            ]
            tsquery = f"({tsquery}) & " + " & ".join(groups)
        check, params = compiler.check(tree)
        return PostgresQuery(tsquery, check or "TRUE", params)

    def ids(self, cursor, expression: "PostgresQuery") -> np.ndarray:
        cursor.execute(
            f"SELECT string_agg(id::text, ',') FROM {ENTRY_TABLE} "
            f"WHERE tsv @@ %s::tsquery AND {expression.check}",
            [expression.tsquery, *expression.params],
        )
        return _joined_ids(cursor)

    def ranked(self, cursor, expression: "PostgresQuery") -> list[tuple[int, float]]:
        cursor.execute(
            f"SELECT id, ts_rank('{{0, 0, 0.4, 1.0}}', tsv, query) "
            f"FROM {ENTRY_TABLE}, CAST(%s AS tsquery) query WHERE tsv @@ query "
            f"AND {expression.check}",
            [expression.tsquery, *expression.params],
        )
        return cursor.fetchall()


class PostgresQuery(NamedTuple):
    tsquery: str  # for the GIN index: exact for words of up to four characters
    check: str  # SQL condition confirming longer phrases in the text ("TRUE" if none)
    params: list
