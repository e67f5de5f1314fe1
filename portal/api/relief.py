"""``relief-disclosures/``: the monthly 社会救助资金发放公示, as published on the portal."""

from decimal import Decimal

from django.http import HttpResponse
from django.urls import reverse
from ninja import Path, Query, Router

from portal.api import cache as answers
from portal.api import serialize
from portal.api.errors import not_found
from portal.api.params import MAX_ID, NoQuery, ReliefQuery, paginated, reject_unknown, window
from portal.api.schemas import ErrorOut, ReliefDisclosureDetail, ReliefDisclosuresOut
from portal.relief import public_disclosures

router = Router(tags=["社会救助资金发放公示"])
ERRORS = {400: ErrorOut, 429: ErrorOut}
CENTS = Decimal("0.01")


def _summary(page, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "year": page.year,
        "month": page.month,
        "type": page.relief_type,
        "department": page.department.name if page.department else "",
        "households": page.households,
        "people": page.people or 0,
        "amount": Decimal(page.amount or 0).quantize(CENTS),
        "api_url": reverse("portal-api:relief-disclosure", kwargs={"disclosure_id": page.pk}),
        "html_url": serialize.page_url(page, request),
        "last_published_at": page.last_published_at,
    }


@router.get(
    "/relief-disclosures/",
    response={200: ReliefDisclosuresOut, **ERRORS},
    url_name="relief-disclosures",
    summary="社会救助资金发放公示列表",
    description="已公布的每月发放公示（按救助类型），新的月份在前；每条含户数、人数、金额合计。"
    "可按救助类型 type、年度 year、月份 month 筛选。发放对象明细见 relief-disclosures/{id}/。",
)
def list_relief_disclosures(request, response: HttpResponse, query: Query[ReliefQuery]):
    reject_unknown(request, ReliefQuery)
    win = window(query)
    pages = public_disclosures().select_related("department")
    if query.type:
        pages = pages.filter(relief_type=query.type)
    if query.year:
        pages = pages.filter(year=query.year)
    if query.month:
        pages = pages.filter(month=query.month)
    serialize.set_last_modified(response, answers.changed_at())
    total = pages.count()
    items = [_summary(page, request) for page in pages[win.offset : win.offset + win.limit]]
    return paginated(items, total, win)


@router.get(
    "/relief-disclosures/{disclosure_id}/",
    response={200: ReliefDisclosureDetail, 404: ErrorOut, **ERRORS},
    url_name="relief-disclosure",
    summary="某月某类救助的发放公示",
    description="发放对象（姓名、乡镇、村、保障人数、发放金额、备注）及合计；未公布的返回 404。",
)
def get_relief_disclosure(
    request,
    response: HttpResponse,
    disclosure_id: int = Path(..., ge=1, le=MAX_ID, title="公示编号"),
):
    reject_unknown(request, NoQuery)
    page = public_disclosures().select_related("department").filter(pk=disclosure_id).first()
    if page is None:
        raise not_found("该救助资金发放公示")
    serialize.set_last_modified(response, answers.changed_at())
    rows = page.rows.order_by("sort_order", "pk")
    return {
        **_summary(page, request),
        "intro": page.intro,
        "rows": [
            {
                "name": row.name,
                "town": row.town,
                "village": row.village,
                "people": row.people,
                "amount": row.amount,
                "note": row.note,
            }
            for row in rows
        ],
    }
