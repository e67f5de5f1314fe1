"""The embedded backend (default): the database itself, no server to run.

SQLite: an FTS5 table of CJK-bigram tokens, ranked with bm25. PostgreSQL: a GIN-indexed
tsvector of the same tokens (``simple`` configuration), ranked with ts_rank. Both give
exact substring semantics for queries of two or more Chinese characters. The token index
answers "which entries match, how well"; the permission filter, field filters, facets
and ordering then run over the cached facet columns (search.backends.facets), and only
the page of hits is read from ``SearchEntry`` (original text, for highlights).
"""

import heapq

import numpy as np
from django.db import connection, transaction

from search import query as q
from search.analysis import index_text, phrase_tokens
from search.backends import facets
from search.backends.base import (
    FACET_FIELDS,
    EntryData,
    Hit,
    SearchRequest,
    SearchResults,
    Visibility,
)
from search.highlight import snippets
from search.models import SearchEntry

ENTRY_TABLE = SearchEntry._meta.db_table
FTS_TABLE = "fulltext_entry_fts"
BATCH = 500
RANK_LIMIT = 2000  # above this many hits, order by title match and date (see search)


class _SQLite:
    higher_is_better = False  # bm25: lower is better

    def write_tokens(self, cursor, rows: list[tuple[int, str]]) -> None:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])
        cursor.executemany(f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES (%s, %s)", rows)

    def delete_tokens(self, cursor, ids: list[int]) -> None:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def compile(self, node) -> str:
        if isinstance(node, q.Term):
            phrases = [f'"{" ".join(run)}"' for run in phrase_tokens(node.text)]
            return "(" + " AND ".join(phrases) + ")"
        if isinstance(node, q.Or):
            return "(" + " OR ".join(self.compile(part) for part in node.parts) + ")"
        if isinstance(node, q.And):
            positive = [self.compile(p) for p in node.parts if not isinstance(p, q.Not)]
            expression = "(" + " AND ".join(positive) + ")"
            for part in (p.part for p in node.parts if isinstance(p, q.Not)):
                expression = f"({expression} NOT {self.compile(part)})"
            return expression
        raise q.QueryError("检索式不能只包含排除条件（NOT）。")

    def matches(self, cursor, expression: str, ranked: bool) -> list[tuple[int, float]]:
        score = "rank" if ranked else "0"
        cursor.execute(
            f"SELECT rowid, {score} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression]
        )
        return cursor.fetchall()


class _Postgres:
    higher_is_better = True

    def write_tokens(self, cursor, rows: list[tuple[int, str]]) -> None:
        cursor.executemany(
            f"UPDATE {ENTRY_TABLE} SET tsv = to_tsvector('simple', %s) WHERE id = %s",
            [(tokens, pk) for pk, tokens in rows],
        )

    def delete_tokens(self, cursor, ids: list[int]) -> None:
        pass  # the column goes with the row

    def clear(self, cursor) -> None:
        pass

    def compile(self, node) -> str:
        if isinstance(node, q.Term):
            phrases = [
                "(" + " <-> ".join(_pg_quote(token) for token in run) + ")"
                for run in phrase_tokens(node.text)
            ]
            return "(" + " & ".join(phrases) + ")"
        if isinstance(node, q.Or):
            return "(" + " | ".join(self.compile(part) for part in node.parts) + ")"
        if isinstance(node, q.And):
            parts = [
                f"!{self.compile(p.part)}" if isinstance(p, q.Not) else self.compile(p)
                for p in node.parts
            ]
            return "(" + " & ".join(parts) + ")"
        raise q.QueryError("检索式不能只包含排除条件（NOT）。")

    def matches(self, cursor, expression: str, ranked: bool) -> list[tuple[int, float]]:
        score = "ts_rank(tsv, query)" if ranked else "0"
        cursor.execute(
            f"SELECT id, {score} FROM {ENTRY_TABLE}, to_tsquery('simple', %s) query "
            f"WHERE tsv @@ query",
            [expression],
        )
        return cursor.fetchall()


def _pg_quote(token: str) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


def _dialect():
    return _Postgres() if connection.vendor == "postgresql" else _SQLite()


def _filter(
    table: facets.FacetTable, ids: np.ndarray, visibility: Visibility, filters
) -> np.ndarray:
    """The permission filter and each field filter, as vectorised masks over entry ids."""
    ids = ids[(ids < len(table.present))]
    ids = ids[table.present[ids]]
    columns = table.columns
    if not visibility.all_items:
        public = [columns["kind"].code_of(kind) for kind in visibility.public_kinds]
        own = [columns["department"].code_of(pk) for pk in visibility.department_ids]
        mask = table.live[ids] & np.isin(columns["kind"].codes[ids], public)
        if own:
            mask |= np.isin(columns["department"].codes[ids], own)
        ids = ids[mask]
    for field, values in filters.items():
        if field not in columns or not values:
            continue
        if field in {"year", "department"}:
            try:
                values = [int(value) for value in values]
            except ValueError:
                raise q.QueryError(f"筛选条件“{field}”须为数字。") from None
        column = columns[field]
        ids = ids[np.isin(column.codes[ids], [column.code_of(value) for value in values])]
    return ids


class EmbeddedBackend:
    """See module docstring; stateless apart from the per-process facet cache."""

    @transaction.atomic
    def index(self, entries: list[EntryData]) -> None:
        rows = []
        for entry in entries:
            data = entry._asdict()
            key = data.pop("key")
            obj, _ = SearchEntry.objects.update_or_create(key=key, defaults=data)
            rows.append((obj.pk, _tokens(entry)))
        with connection.cursor() as cursor:
            _dialect().write_tokens(cursor, rows)
        facets.bump_generation()

    @transaction.atomic
    def delete(self, keys: list[str]) -> None:
        ids = list(SearchEntry.objects.filter(key__in=keys).values_list("pk", flat=True))
        if not ids:
            return
        with connection.cursor() as cursor:
            _dialect().delete_tokens(cursor, ids)
        SearchEntry.objects.filter(pk__in=ids).delete()
        facets.bump_generation()

    @transaction.atomic
    def rebuild(self, entries) -> int:
        with connection.cursor() as cursor:
            _dialect().clear(cursor)
        SearchEntry.objects.all().delete()
        batch: list[EntryData] = []
        count = 0
        for entry in entries:
            batch.append(entry)
            if len(batch) >= BATCH:
                count += self._bulk_insert(batch)
                batch = []
        count += self._bulk_insert(batch)
        facets.bump_generation()
        return count

    def _bulk_insert(self, batch: list[EntryData]) -> int:
        if not batch:
            return 0
        SearchEntry.objects.bulk_create([SearchEntry(**entry._asdict()) for entry in batch])
        ids = dict(
            SearchEntry.objects.filter(key__in=[e.key for e in batch]).values_list("key", "pk")
        )
        with connection.cursor() as cursor:
            _dialect().write_tokens(cursor, [(ids[entry.key], _tokens(entry)) for entry in batch])
        return len(batch)

    def search(self, request: SearchRequest) -> SearchResults:
        """Match in the token index, filter and count in memory, read only the page.

        Relevance is bm25 (ts_rank on PostgreSQL) when a query has at most RANK_LIMIT
        hits; a broader query — a common two-character word across most of the
        collection — is ordered title matches first, then newest first, which is what a
        clerk scanning thousands of hits needs and avoids scoring every one of them.
        """
        dialect = _dialect()
        table = facets.table()
        if request.query.tree is None:
            ids = np.flatnonzero(table.present)
            expression = ""
        else:
            expression = dialect.compile(request.query.tree)
            with connection.cursor() as cursor:
                ids = [pk for pk, _ in dialect.matches(cursor, expression, ranked=False)]
        ids = _filter(
            table, np.asarray(ids, dtype=np.int64), request.visibility, request.query.filters
        )
        wanted = max(request.page, 1) * request.per_page
        by_date = request.order == "date" or not expression
        if by_date or len(ids) > RANK_LIMIT:
            in_title = np.zeros(len(ids), dtype=bool)
            if not by_date and request.query.terms:
                titles = [table.title[pk] for pk in ids.tolist()]
                for term in request.query.terms:
                    in_title |= np.fromiter(
                        (term in t for t in titles), dtype=bool, count=len(titles)
                    )
            # title hits first, then newest first: one lexsort key over the hits
            order = np.lexsort((-ids, -table.published[ids], ~in_title))[:wanted]
            scored = [(int(pk), 0.0) for pk in ids[order]]
        else:
            keep = set(ids.tolist())
            with connection.cursor() as cursor:
                ranked = [
                    hit
                    for hit in dialect.matches(cursor, expression, ranked=True)
                    if hit[0] in keep
                ]
            sign = -1 if dialect.higher_is_better else 1
            scored = heapq.nsmallest(wanted, ranked, key=lambda hit: (sign * hit[1], -hit[0]))
        page = scored[wanted - request.per_page :]
        entries = SearchEntry.objects.in_bulk([pk for pk, _ in page])
        return SearchResults(
            [
                _hit(entries[pk], float(score), request.query.terms)
                for pk, score in page
                if pk in entries
            ],
            len(ids),
            _facet_counts(table, ids),
        )


def _facet_counts(table: facets.FacetTable, ids: np.ndarray) -> dict[str, list[tuple[str, int]]]:
    """Count each facet over the hits with one ``bincount`` per column."""
    result = {}
    for field in FACET_FIELDS:
        column = table.columns[field]
        counts = np.bincount(column.codes[ids] + 1, minlength=len(column.values) + 1)[1:]
        order = np.argsort(-counts, kind="stable")
        result[field] = [(str(column.values[i]), int(counts[i])) for i in order if counts[i]]
    return result


def _tokens(entry: EntryData) -> str:
    return index_text(f"{entry.title}\n{entry.doc_number}\n{entry.text}")


def _hit(entry: SearchEntry, score: float, terms: list[str]) -> Hit:
    return Hit(
        key=entry.key,
        kind=entry.kind,
        object_id=entry.object_id,
        title=entry.title,
        doc_number=entry.doc_number,
        status=entry.status,
        published_on=entry.published_on,
        url=entry.url,
        score=abs(score),
        highlights=snippets(entry.text, terms) or snippets(entry.title, terms),
    )
