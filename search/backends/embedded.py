"""The embedded backend (default): the database itself, no server to run.

SQLite: an FTS5 table of CJK-bigram tokens, ranked with bm25. PostgreSQL: a GIN-indexed
tsvector of the same tokens (``simple`` configuration), ranked with ts_rank. Both give
exact substring semantics for queries of two or more Chinese characters. Rows, facets
and permission columns live in ``SearchEntry``; the permission filter is part of the SQL.
"""

from collections import Counter

from django.db import connection, transaction

from search import query as q
from search.analysis import index_text, phrase_tokens
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
_COLUMNS = {"kind", "status", "year", "issuer", "department_id", "doc_number"}


class _SQLite:
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
            negative = [self.compile(p.part) for p in node.parts if isinstance(p, q.Not)]
            expression = "(" + " AND ".join(positive) + ")"
            for part in negative:
                expression = f"({expression} NOT {part})"
            return expression
        raise q.QueryError("检索式不能只包含排除条件（NOT）。")

    def match(self, expression: str) -> tuple[str, str, list, str, list]:
        """FROM/JOIN, score SQL and its params, WHERE SQL and its params."""
        return (
            f"{FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid",
            f"bm25({FTS_TABLE})",  # lower is better
            [],
            f"{FTS_TABLE} MATCH %s",
            [expression],
        )

    score_order = "ASC"


class _Postgres:
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

    def match(self, expression: str) -> tuple[str, str, list, str, list]:
        return (
            f"{ENTRY_TABLE} e",
            "ts_rank(e.tsv, to_tsquery('simple', %s))",
            [expression],
            "e.tsv @@ to_tsquery('simple', %s)",
            [expression],
        )

    score_order = "DESC"


def _pg_quote(token: str) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'"


def _dialect():
    return _Postgres() if connection.vendor == "postgresql" else _SQLite()


def _where(visibility: Visibility, filters: dict[str, list[str]]) -> tuple[list[str], list]:
    """Permission and field filters as SQL on the entry table ``e``."""
    clauses: list[str] = []
    params: list = []
    if not visibility.all_items:
        public = ", ".join(["%s"] * len(visibility.public_kinds)) or "NULL"
        visible = f"(e.live AND e.kind IN ({public}))"
        params.extend(visibility.public_kinds)
        if visibility.department_ids:
            own = ", ".join(["%s"] * len(visibility.department_ids))
            visible = f"({visible} OR e.department_id IN ({own}))"
            params.extend(visibility.department_ids)
        clauses.append(visible)
    for field, values in filters.items():
        column = "department_id" if field == "department" else field
        if column not in _COLUMNS or not values:
            continue
        if column in {"year", "department_id"}:
            try:
                values = [int(value) for value in values]
            except ValueError:
                raise q.QueryError(f"筛选条件“{field}”须为数字。") from None
        clauses.append(f"e.{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)
    return clauses, params


class EmbeddedBackend:
    """See module docstring; one instance per process is enough (stateless)."""

    @transaction.atomic
    def index(self, entries: list[EntryData]) -> None:
        rows = []
        for entry in entries:
            data = entry._asdict()
            key = data.pop("key")
            obj, _ = SearchEntry.objects.update_or_create(key=key, defaults=data)
            rows.append((obj.pk, index_text(f"{entry.title}\n{entry.doc_number}\n{entry.text}")))
        with connection.cursor() as cursor:
            _dialect().write_tokens(cursor, rows)

    @transaction.atomic
    def delete(self, keys: list[str]) -> None:
        ids = list(SearchEntry.objects.filter(key__in=keys).values_list("pk", flat=True))
        with connection.cursor() as cursor:
            _dialect().delete_tokens(cursor, ids)
        SearchEntry.objects.filter(pk__in=ids).delete()

    @transaction.atomic
    def rebuild(self, entries) -> int:
        with connection.cursor() as cursor:
            _dialect().clear(cursor)
        SearchEntry.objects.all().delete()
        batch: list[EntryData] = []
        count = 0
        for entry in entries:
            batch.append(entry)
            if len(batch) >= 500:
                count += self._bulk_insert(batch)
                batch = []
        return count + self._bulk_insert(batch)

    def _bulk_insert(self, batch: list[EntryData]) -> int:
        if not batch:
            return 0
        objs = SearchEntry.objects.bulk_create(
            [SearchEntry(**entry._asdict()) for entry in batch], batch_size=500
        )
        if any(obj.pk is None for obj in objs):
            keys = [entry.key for entry in batch]
            ids = dict(SearchEntry.objects.filter(key__in=keys).values_list("key", "pk"))
            pks = [ids[entry.key] for entry in batch]
        else:
            pks = [obj.pk for obj in objs]
        rows = [
            (pk, index_text(f"{entry.title}\n{entry.doc_number}\n{entry.text}"))
            for pk, entry in zip(pks, batch, strict=True)
        ]
        with connection.cursor() as cursor:
            _dialect().write_tokens(cursor, rows)
        return len(batch)

    def search(self, request: SearchRequest) -> SearchResults:
        dialect = _dialect()
        clauses, params = _where(request.visibility, request.query.filters)
        if request.query.tree is not None:
            source, score, score_params, match, match_params = dialect.match(
                dialect.compile(request.query.tree)
            )
            clauses.insert(0, match)
            params = match_params + params
        else:
            source, score, score_params = f"{ENTRY_TABLE} e", "0", []
        where = " AND ".join(clauses) or "1=1"
        order = (
            "e.published_on DESC, e.id DESC"
            if request.order == "date" or request.query.tree is None
            else f"score {dialect.score_order}, e.id DESC"
        )
        offset = (max(request.page, 1) - 1) * request.per_page
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, {score} AS score FROM {source} WHERE {where} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                score_params + params + [request.per_page, offset],
            )
            ranked = cursor.fetchall()
            cursor.execute(
                f"SELECT e.kind, e.status, e.year, e.issuer, e.department_id, COUNT(*) "
                f"FROM {source} WHERE {where} GROUP BY 1, 2, 3, 4, 5",
                params,
            )
            groups = cursor.fetchall()
        facets = {field: Counter() for field in FACET_FIELDS}
        total = 0
        for *values, count in groups:
            total += count
            for field, value in zip(FACET_FIELDS, values, strict=True):
                if value not in (None, ""):
                    facets[field][str(value)] += count
        entries = SearchEntry.objects.in_bulk([pk for pk, _ in ranked])
        hits = [
            _hit(entries[pk], float(score or 0), request.query.terms)
            for pk, score in ranked
            if pk in entries
        ]
        return SearchResults(
            hits, total, {field: counter.most_common() for field, counter in facets.items()}
        )


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
