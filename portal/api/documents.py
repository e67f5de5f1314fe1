"""``documents/`` and ``documents/{id}/``: published normative documents for the portal."""

from datetime import date

from django.db.models import Q
from django.http import HttpResponse
from ninja import Path, Query, Router

from cms import rules
from portal.api import cache as answers
from portal.api import fulltext, serialize
from portal.api.errors import ApiError, not_found
from portal.api.params import MAX_ID, DocumentQuery, NoQuery, paginated, reject_unknown, window
from portal.api.schemas import DocumentDetail, DocumentList, ErrorOut

router = Router(tags=["行政规范性文件"])
ERRORS = {400: ErrorOut, 429: ErrorOut}
ORDERINGS = {"-published_on": ("-published_on", "-pk"), "published_on": ("published_on", "pk")}


def filtered(query: DocumentQuery, private: Q):
    """Live documents narrowed by every filter but ``q``; also the search app's filters."""
    queryset = serialize.live_documents(private)
    search_filters: dict[str, list[str]] = {}
    if query.status:
        queryset = queryset.filter(validity_status=query.status)
        search_filters["status"] = [query.status]
    if query.year:
        queryset = queryset.filter(year_q(query.year))
        search_filters["year"] = [str(query.year)]
    if query.category:
        queryset = queryset.filter(topic=query.category)
    if query.issuer:
        queryset = queryset.filter(issuer=query.issuer.strip())
        search_filters["issuer"] = [query.issuer.strip()]
    if query.doc_number:
        number = rules.normalise_doc_number(query.doc_number)
        if not number:
            raise ApiError(
                400,
                f"发文字号“{query.doc_number}”格式不正确，应为“机关代字〔年份〕序号号”，如 红民发〔2023〕12号。",
                "doc_number",
            )
        queryset = queryset.filter(doc_number=number)
        search_filters["doc_number"] = [number]
    after, before = query.published_after, query.published_before
    if after and before and after > before:
        raise ApiError(400, "参数 published_after 不能晚于 published_before。", "published_after")
    if after:
        queryset = queryset.filter(published_on__gte=after)
    if before:
        queryset = queryset.filter(published_on__lte=before)
    return queryset, search_filters


def year_q(year: int) -> Q:
    span = (date(year, 1, 1), date(year, 12, 31))
    return Q(published_on__range=span) | Q(published_on__isnull=True, written_on__range=span)


def page_of(queryset, ordering: str, win) -> list:
    """The window's rows: ids are sorted first (narrow rows), then only those pages are read,
    so the database never sorts thousands of bodies to return twenty."""
    ordered = queryset.order_by(*ORDERINGS[ordering]).values_list("pk", flat=True)
    return serialize.list_rows(list(ordered[win.offset : win.offset + win.limit]))


FILTERS = ("status", "year", "category", "issuer", "doc_number")
FILTERS += ("published_after", "published_before")


def total_of(queryset, query: DocumentQuery, private: Q) -> int:
    """The list's total; without filters, from the narrow page table (serialize)."""
    if any(getattr(query, name) for name in FILTERS):
        return queryset.count()
    return serialize.live_document_count(private)


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
    queryset, search_filters = filtered(query, private)
    serialize.set_last_modified(response, answers.changed_at())
    if query.q is not None:
        found = fulltext.find(
            q=query.q,
            queryset=queryset,
            search_filters=search_filters,
            exact=not (query.category or query.published_after or query.published_before),
            ordering=ordering,
            offset=win.offset,
            limit=win.limit,
        )
        rows, total, extra = found.rows, found.total, found.extra
    else:
        rows, total, extra = page_of(queryset, ordering, win), None, {}
        total = (
            total_of(queryset, query, private)
            if len(rows) == win.limit or win.offset
            else len(rows)
        )
    serialize.load_relations(rows, private)
    items = [serialize.document(page, request, **extra.get(page.pk, {})) for page in rows]
    return paginated(items, total, win, ordering=ordering)


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
    serialize.load_relations([page], private)
    serialize.set_last_modified(response, answers.changed_at())
    return serialize.document(page, request, body=True)
