"""``documents/`` and ``documents/{id}/``: published normative documents for the portal.

The plain list (no ``q``) is the portal's busiest answer, so it reads its rows in SQL
(``serialize.document_rows``: one query for the window, one index-only count, one for the
attachments) and writes its JSON directly; the search (``q``) and the detail go through
the ORM and ninja's response validation. Both apply the same ``criteria``.
"""

from datetime import date

from django.db import connection
from django.db.models import Q
from django.http import HttpResponse
from ninja import Path, Query, Router

from cms import rules
from portal.api import cache as answers
from portal.api import fulltext, serialize
from portal.api.errors import ApiError, not_found
from portal.api.params import MAX_ID, DocumentQuery, NoQuery, paginated, reject_unknown, window
from portal.api.privacy import json_response
from portal.api.schemas import DocumentDetail, DocumentList, ErrorOut

router = Router(tags=["行政规范性文件"])
ERRORS = {400: ErrorOut, 429: ErrorOut}
ORDERINGS = {"-published_on": ("-published_on", "-pk"), "published_on": ("published_on", "pk")}


def criteria(query: DocumentQuery) -> dict:
    """Every filter but ``q``, checked and normalised (a bad one is a Chinese 400)."""
    found = {}
    for name in ("status", "year", "category"):
        if getattr(query, name):
            found[name] = getattr(query, name)
    if query.issuer:
        found["issuer"] = query.issuer.strip()
    if query.doc_number:
        number = rules.normalise_doc_number(query.doc_number)
        if not number:
            raise ApiError(
                400,
                f"发文字号“{query.doc_number}”格式不正确，应为“机关代字〔年份〕序号号”，如 红民发〔2023〕12号。",
                "doc_number",
            )
        found["doc_number"] = number
    after, before = query.published_after, query.published_before
    if after and before and after > before:
        raise ApiError(400, "参数 published_after 不能晚于 published_before。", "published_after")
    if after:
        found["after"] = after
    if before:
        found["before"] = before
    return found


def filtered(query: DocumentQuery, private: serialize.Private):
    """Live documents narrowed by every filter but ``q``; also the search app's filters."""
    queryset = serialize.live_documents(private)
    given = criteria(query)
    search_filters: dict[str, list[str]] = {}
    if "status" in given:
        queryset = queryset.filter(validity_status=given["status"])
        search_filters["status"] = [given["status"]]
    if "year" in given:
        queryset = queryset.filter(year_q(given["year"]))
        search_filters["year"] = [str(given["year"])]
    if "category" in given:
        queryset = queryset.filter(topic=given["category"])
    for name in ("issuer", "doc_number"):
        if name in given:
            queryset = queryset.filter(**{name: given[name]})
            search_filters[name] = [given[name]]
    if "after" in given:
        queryset = queryset.filter(published_on__gte=given["after"])
    if "before" in given:
        queryset = queryset.filter(published_on__lte=given["before"])
    return queryset, search_filters


def year_q(year: int) -> Q:
    span = (date(year, 1, 1), date(year, 12, 31))
    return Q(published_on__range=span) | Q(published_on__isnull=True, written_on__range=span)


def where_sql(given: dict) -> tuple[str, list]:
    """``filtered``'s conditions as SQL on ``d`` (the documents table), for the plain list."""
    day = connection.ops.adapt_datefield_value
    clauses, params = [], []
    for name, column in (("status", "validity_status"), ("category", "topic")):
        if name in given:
            clauses.append(f"d.{column} = %s")
            params.append(given[name])
    for name in ("issuer", "doc_number"):
        if name in given:
            clauses.append(f"d.{name} = %s")
            params.append(given[name])
    if "year" in given:
        first, last = day(date(given["year"], 1, 1)), day(date(given["year"], 12, 31))
        clauses.append(
            "(d.published_on BETWEEN %s AND %s"
            " OR (d.published_on IS NULL AND d.written_on BETWEEN %s AND %s))"
        )
        params += [first, last, first, last]
    if "after" in given:
        clauses.append("d.published_on >= %s")
        params.append(day(given["after"]))
    if "before" in given:
        clauses.append("d.published_on <= %s")
        params.append(day(given["before"]))
    return "".join(f" AND {clause}" for clause in clauses), params


def page_of(query: DocumentQuery, ordering: str, win, private: serialize.Private):
    """The window's rows and the list's total: the total is counted only when the window
    does not already show it (a full page, or a page past the first)."""
    where, params = where_sql(criteria(query))
    rows = serialize.document_rows(
        where=where,
        params=params,
        private=private,
        ordering=ordering,
        offset=win.offset,
        limit=win.limit,
    )
    if len(rows) < win.limit and not win.offset:
        return rows, len(rows)
    return rows, serialize.document_count(where=where, params=params, private=private)


@router.get(
    "/documents/",
    response={200: DocumentList, **ERRORS},
    url_name="documents",
    summary="规范性文件列表",
    description="已公布的行政规范性文件（仅现行发布的版本，不含草稿、审核中的修改稿）。"
    "可按有效性、年度、主题分类、发文机关、发文字号、发布日期范围筛选，"
    "q 为中文全文检索（结果带高亮片段）；每页最多 100 条，返回总条数。"
    "列表不含正文，正文见 documents/{id}/。",
)
def list_documents(request, response: HttpResponse, query: Query[DocumentQuery]):
    reject_unknown(request, DocumentQuery)
    win = window(query)
    ordering = query.ordering or ("relevance" if query.q is not None else "-published_on")
    if ordering == "relevance" and query.q is None:
        raise ApiError(400, "ordering=relevance 只能与全文检索参数 q 一起使用。", "ordering")
    private = serialize.private_sections()
    if query.q is None:
        rows, total = page_of(query, ordering, win, private)
        serialize.load_relations(rows, private)
        items = [serialize.document(row, request) for row in rows]
        data = paginated(items, total, win, ordering=ordering)
        return json_response(request, data, last_modified=answers.changed_at())
    queryset, search_filters = filtered(query, private)
    serialize.set_last_modified(response, answers.changed_at())
    found = fulltext.find(
        q=query.q,
        queryset=queryset,
        search_filters=search_filters,
        exact=not (query.category or query.published_after or query.published_before),
        ordering=ordering,
        offset=win.offset,
        limit=win.limit,
    )
    rows = serialize.load_relations([serialize.row_of(page) for page in found.rows], private)
    items = [serialize.document(row, request, **found.extra.get(row["pk"], {})) for row in rows]
    return paginated(items, found.total, win, ordering=ordering)


@router.get(
    "/documents/{document_id}/",
    response={200: DocumentDetail, 404: ErrorOut, **ERRORS},
    url_name="document",
    summary="规范性文件详情",
    description="一件已公布文件的元数据、正文（HTML）、附件及替代文件；草稿或未公开的文件返回 404。",
)
def get_document(
    request,
    response: HttpResponse,
    document_id: int = Path(
        ..., ge=1, le=MAX_ID, title="文件编号", description="documents/ 返回的 id"
    ),
):
    reject_unknown(request, NoQuery)
    private = serialize.private_sections()
    page = serialize.live_documents(private).filter(pk=document_id).first()
    if page is None:
        raise not_found("该规范性文件")
    row = serialize.load_relations([serialize.row_of(page)], private)[0]
    serialize.set_last_modified(response, answers.changed_at())
    return serialize.document(
        row,
        request,
        body=page.body,
        disclosure_attribute=page.disclosure_attribute,
        interpretations=serialize.interpretations(page),
    )
