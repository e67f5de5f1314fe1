"""PostgreSQL queries over the n-gram index: what the GIN index answers, what the text confirms.

A word of up to four Chinese characters (or a Latin word or number) is one token, and the
index answers it exactly. A longer run — 依法追究刑事责任 — is asked of the index as all
its overlapping 4-grams, without positions: rows holding every one, which are nearly
always the rows holding the phrase, found with no recheck. The phrase chunks
(search.models.PhraseChunk) then confirm it: only the chunks holding all its 4-grams, a
few hundred characters each, are read with ``strpos``, never a candidate's whole text;
see docs/architecture.md.

The tsquery must never drop a row that matches, so a NOT over a long phrase is left to
the check (leaving it in the tsquery would drop rows holding the 4-grams apart).
"""

from search import query as q
from search.analysis import MAX_GRAM, is_cjk_run, runs
from search.models import PhraseChunk

CHUNK_TABLE = PhraseChunk._meta.db_table


def _grams(run: str) -> list[str]:
    if len(run) <= MAX_GRAM or not is_cjk_run(run):
        return [run.lower()]
    return [run[i : i + MAX_GRAM] for i in range(len(run) - MAX_GRAM + 1)]


def _long_runs(text: str) -> list[str]:
    return [run for run in runs(text) if len(run) > MAX_GRAM and is_cjk_run(run)]


def has_long(node) -> bool:
    if isinstance(node, q.Term):
        return bool(_long_runs(node.text))
    if isinstance(node, q.Not):
        return has_long(node.part)
    return any(has_long(part) for part in node.parts)


def quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


class Compiler:
    """``tsquery(tree)``: what every matching row satisfies; ``check(tree)``: the SQL that,
    on the rows the tsquery finds, keeps exactly the matching ones."""

    def tsquery(self, node) -> str:
        found = self._necessary(node)
        if found is None:
            raise q.QueryError("检索式不能只包含排除条件（NOT）。")
        return found

    def _necessary(self, node) -> str | None:
        if isinstance(node, q.Term):
            tokens = [quote(g) for run in runs(node.text) for g in _grams(run)]
            return "(" + " & ".join(tokens) + ")"
        if isinstance(node, q.Not):
            inner = None if has_long(node.part) else self._necessary(node.part)
            return f"!{inner}" if inner else None
        parts = [self._necessary(part) for part in node.parts]
        if isinstance(node, q.Or):
            return None if None in parts else "(" + " | ".join(parts) + ")"
        parts = [part for part in parts if part]
        return "(" + " & ".join(parts) + ")" if parts else None

    def check(self, node) -> tuple[str | None, list]:
        """None when the tsquery alone is exact (no long phrase in the query)."""
        if not has_long(node):
            return None, []
        if isinstance(node, q.Term):
            return _all([_contains(run) for run in _long_runs(node.text)])
        if isinstance(node, q.And):
            conditions = []
            for part in node.parts:
                if not has_long(part):
                    continue  # the tsquery is exact for it
                if isinstance(part, q.Not) or self._necessary(part) is None:
                    conditions.append(self.exact(part))
                else:
                    conditions.append(self.check(part))
            return _all(conditions)
        return self.exact(node)

    def exact(self, node) -> tuple[str, list]:
        """A condition exact on its own, not relying on the tsquery (inside OR and NOT)."""
        if isinstance(node, q.Term):
            conditions = []
            for run in runs(node.text):
                if len(run) > MAX_GRAM and is_cjk_run(run):
                    conditions.append(_contains(run))
                else:
                    conditions.append(("tsv @@ %s::tsquery", [quote(run.lower())]))
            return _all(conditions)
        if isinstance(node, q.Not):
            sql, params = self.exact(node.part)
            return f"NOT {sql}", params
        conditions = [self.exact(part) for part in node.parts]
        if isinstance(node, q.Or):
            return "(" + " OR ".join(c[0] for c in conditions) + ")", _params(conditions)
        return _all(conditions)


def _contains(run: str) -> tuple[str, list]:
    """``run`` in the entry's title, 文号 or text: in one of its phrase chunks (pieces of
    those, search.models.PhraseChunk) that holds all the run's 4-grams."""
    sql = (
        f"id IN (SELECT entry_id FROM {CHUNK_TABLE} "
        "WHERE tsv @@ %s::tsquery AND strpos(text, %s) > 0)"
    )
    return sql, [" & ".join(map(quote, _grams(run))), run]


def _all(conditions: list[tuple[str, list]]) -> tuple[str, list]:
    return "(" + " AND ".join(c[0] for c in conditions) + ")", _params(conditions)


def _params(conditions: list[tuple[str, list]]) -> list:
    return [param for condition in conditions for param in condition[1]]
