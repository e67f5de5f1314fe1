"""The embedded backend's PostgreSQL token index: a GIN-indexed tsvector of n-grams.

Each entry's tsvector holds, for every Chinese character, the 2-, 3- and 4-character
grams starting there (search.analysis.positioned_grams), all at that character's offset
as position, weighted A (title), B (body) or D (facet tokens). It is written as a
tsvector literal, so PostgreSQL's own parser never splits or normalises our tokens.

Why: a GIN index stores which rows hold a token but not where, so a phrase of bigrams
(人民 <-> 民法 <-> 法院) makes PostgreSQL re-read every candidate's stored tsvector to
check positions — for a common word, most of the collection. Here a word of two to four
characters is one token: an exact index lookup that needs no recheck. A longer phrase is
a chain of 4-grams at their distances (依法追究 <4> 刑事责任): the index narrows to rows
holding all of them, and only those are checked for positions. See docs/architecture.md.
"""

import numpy as np

from search import query as q
from search.analysis import gram_chains, gram_sequences
from search.backends import facets
from search.backends.facets import FacetClause
from search.backends.token_index import ENTRY_TABLE, IndexRow, _joined_ids, _tokens_of

# Each field a literal of its own, weighted by setweight; ``||`` shifts the body's
# positions past the title's, so no 4-gram (nor chain of them) spans the two.
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

    def expression(self, tree, clause: FacetClause) -> str:
        """The user's query, AND the facet clause, as a tsquery literal.

        A weight restriction (``:AB``, title and body) makes the GIN index recheck every
        candidate row against its stored tsvector, and only an ASCII word shaped like a
        facet token could ever match the facet section (weight D); so, as on SQLite,
        only such a query has it.
        """
        facet_shaped = any(facets.is_facet_token(token) for token in _tokens_of(tree))
        expression = self._compile(tree, ":AB" if facet_shaped else "")
        if clause:
            groups = [
                "(" + " | ".join("(" + " & ".join(map(quote, alt)) + ")" for alt in group) + ")"
                for group in clause
            ]
            expression = f"({expression}) & " + " & ".join(groups)
        return expression

    def ids(self, cursor, expression: str) -> np.ndarray:
        cursor.execute(
            f"SELECT string_agg(id::text, ',') FROM {ENTRY_TABLE} WHERE tsv @@ %s::tsquery",
            [expression],
        )
        return _joined_ids(cursor)

    def ranked(self, cursor, expression: str) -> list[tuple[int, float]]:
        cursor.execute(
            f"SELECT id, ts_rank('{{0, 0, 0.4, 1.0}}', tsv, query) "
            f"FROM {ENTRY_TABLE}, CAST(%s AS tsquery) query WHERE tsv @@ query",
            [expression],
        )
        return cursor.fetchall()

    def _compile(self, node, weights: str) -> str:
        if isinstance(node, q.Term):
            chains = [_chain(chain, weights) for chain in gram_chains(node.text)]
            return "(" + " & ".join(chains) + ")"
        if isinstance(node, q.Or):
            return "(" + " | ".join(self._compile(part, weights) for part in node.parts) + ")"
        if isinstance(node, q.And):
            parts = [
                f"!{self._compile(p.part, weights)}"
                if isinstance(p, q.Not)
                else self._compile(p, weights)
                for p in node.parts
            ]
            return "(" + " & ".join(parts) + ")"
        raise q.QueryError("检索式不能只包含排除条件（NOT）。")


def _chain(chain: list[tuple[str, int]], weights: str) -> str:
    """``'依法追究' <4> '刑事责任'``: each token at its distance from the one before."""
    first, *rest = chain
    expression = quote(first[0]) + weights
    for token, distance in rest:
        expression += f" <{distance}> {quote(token)}{weights}"
    return "(" + expression + ")"


def quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
