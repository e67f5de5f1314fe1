"""``documents/?q=``: Chinese full text through the search app, never leaking a draft.

The search is the search app's (``search.selectors.search_items``). It runs as an
anonymous user, so it matches live text only, inside the index query (a pending revision is indexed as a separate,
non-public entry): no word of a draft can be confirmed through ``q``. Every hit is still
read from the live rows with the same ORM filters, so a filter the search cannot apply
(主题分类, date range) or a private section drops it.

Two ways to page. When the search can apply every filter itself (status, year, issuer,
文号) and the order is relevance or newest first, only the requested window is asked
for — the common case, and fast at any size. Otherwise (主题分类, date range, oldest
first) hits are scanned up to ``SCAN_LIMIT``, verified, ordered and counted here.
"""

from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser

from cms.kinds import ItemKind
from portal.api.errors import ApiError
from search.selectors import search_items

SCAN_PAGE = 100
SCAN_LIMIT = 3000
MAX_QUERY_LENGTH = 200


class Found(NamedTuple):
    rows: list  # live pages, in order, for the requested window
    total: int
    extra: dict  # page id -> {"highlights": [...], "score": float}


def find(
    *, q: str, queryset, search_filters: dict, exact: bool, ordering: str, offset: int, limit: int
) -> Found:
    """Live documents of ``queryset`` matching ``q`` in the window [offset, offset+limit)."""
    q = (q or "").strip()
    if not q:
        raise ApiError(400, "请输入检索词（参数 q 不能为空）。", "q")
    if len(q) > MAX_QUERY_LENGTH:
        raise ApiError(400, f"检索词过长，最多{MAX_QUERY_LENGTH}个字符。", "q")
    if exact and ordering in {"relevance", "-published_on"}:
        return _window(q, queryset, search_filters, ordering, offset, limit)
    return _scan(q, queryset, search_filters, ordering, offset, limit)


def _search(q: str, filters: dict, order: str, page: int, per_page: int):
    try:
        return search_items(
            user=AnonymousUser(),
            query=q,
            filters={"kind": [ItemKind.NORMATIVE_DOCUMENT], **filters},
            page=page,
            per_page=per_page,
            order=order,
        )
    except ValueError as error:  # search.query.QueryError and kin: Chinese, for the user
        raise ApiError(400, str(error), "q") from None


def _verify(hits, queryset, first_rank: int = 1) -> tuple[list, dict]:
    """The hits whose live rows pass ``queryset``'s filters, in hit order.

    The hits come from live entries only (the search's permission filter), so their
    snippets are already cut from live text. The public ``score`` is the hit's rank
    (1/n for the n-th), not the engine's number: SQLite's bm25 weighs a word by how many
    index entries hold it, non-public draft entries included, so publishing the raw
    number would let a visitor watch drafts move it."""
    ids = [int(hit.object_id) for hit in hits if str(hit.object_id).isdigit()]
    rows = queryset.in_bulk(ids)
    kept, extra = [], {}
    for rank, hit in enumerate(hits, start=first_rank):
        page = rows.get(int(hit.object_id)) if str(hit.object_id).isdigit() else None
        if page is None or page.pk in extra:
            continue
        kept.append(page)
        extra[page.pk] = {
            "highlights": [str(h) for h in hit.highlights],
            "score": round(1 / rank, 4),
        }
    return kept, extra


def _window(q, queryset, filters, ordering, offset, limit) -> Found:
    order = "relevance" if ordering == "relevance" else "date"
    first = offset // limit + 1
    results = _search(q, filters, order, first, limit)
    hits = list(results.hits)
    if offset % limit and len(hits) == limit:
        hits += list(_search(q, filters, order, first + 1, limit).hits)
    hits = hits[offset % limit : offset % limit + limit]
    rows, extra = _verify(hits, queryset, first_rank=offset + 1)
    return Found(rows, max(0, results.total - (len(hits) - len(rows))), extra)


def _scan(q, queryset, filters, ordering, offset, limit) -> Found:
    order = "relevance" if ordering == "relevance" else "date"
    hits, page, total = [], 1, 0
    while len(hits) < SCAN_LIMIT:
        results = _search(q, filters, order, page, SCAN_PAGE)
        hits += list(results.hits)
        total = results.total
        if len(results.hits) < SCAN_PAGE or len(hits) >= total:
            break
        page += 1
    rows, extra = _verify(hits, queryset)
    total = len(rows) if len(hits) >= total else total - (len(hits) - len(rows))
    if ordering != "relevance":
        rows.sort(key=lambda p: (p.published_on is not None, p.published_on, p.pk))
        if ordering == "-published_on":
            rows.reverse()
    return Found(rows[offset : offset + limit], total, extra)
