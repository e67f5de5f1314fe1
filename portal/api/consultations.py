"""``consultations/``: public consultations (公开征求意见), open and closed.

Two sources, one list: drafts (normative documents, and major decisions' drafts, told
apart by ``kind``) opened for comment on the portal (read through
the portal's own selector, ``cms.consultations``, so the API and the pages agree on
what is public: title and window while open, the adoption outcome once closed — never a
draft's text here), and published documents whose consultation dates were recorded
(held before publication, e.g. offline: counts and summary from the page).
"""

from django.utils import timezone
from ninja import Query, Router

from portal.api import serialize
from portal.api.params import ConsultationQuery, paginated, reject_unknown, window
from portal.api.public_lists import ERRORS
from portal.api.schemas import ConsultationsOut

router = Router(tags=["公开征求意见"])
OPEN, CLOSED = "进行中", "已结束"
DOCUMENT_KIND = "行政规范性文件"


def _flagged() -> list[dict]:
    from cms import consultations as portal

    found = []
    for c in portal.consultations(portal.OPEN, portal.CLOSED):
        closed = c.state == portal.CLOSED
        outcome = c.outcome() if closed else None
        is_document = c.kind == portal.DOCUMENT
        found.append(
            _row(
                c.page if is_document else None,
                id=c.page.pk if is_document else c.record.pk,
                kind=c.kind_label,
                html_url=c.url,
                title=c.title,
                doc_number=c.text.doc_number if is_document else "",
                start=c.start,
                end=c.end,
                status=CLOSED if closed else OPEN,
                outcome=outcome
                and {
                    "received": outcome.received,
                    "adopted": outcome.adopted,
                    "partly_adopted": outcome.partly,
                    "rejected": outcome.rejected,
                    "summary": outcome.summary,
                },
            )
        )
    return found


def _published(today, seen: set[int]) -> list[dict]:
    """Published documents whose consultation was held before publication (e.g. offline)."""
    pages = serialize.live_documents().filter(
        consultation_start__isnull=False, consultation_end__lt=today
    )
    return [
        _row(
            page,
            id=page.pk,
            kind=DOCUMENT_KIND,
            html_url=None,
            title=page.title,
            doc_number=page.doc_number,
            start=page.consultation_start,
            end=page.consultation_end,
            status=CLOSED,
            outcome={
                "received": page.comments_received,
                "adopted": page.comments_adopted,
                "partly_adopted": 0,
                "rejected": page.comments_received - page.comments_adopted,
                "summary": page.consultation_summary,
            },
        )
        for page in pages.exclude(pk__in=seen)
    ]


def _row(page, **fields) -> dict:
    return {"page": page, **fields}


@router.get(
    "/consultations/",
    response={200: ConsultationsOut, **ERRORS},
    url_name="consultations",
    summary="公开征求意见",
    description="正在征求意见的行政规范性文件和重大行政决策草案（标题与期限）"
    "及已结束的征求意见（意见采纳情况）；"
    "进行中的在前（先截止的在前），已结束的按截止日期从近到远。",
)
def consultations(request, query: Query[ConsultationQuery]):
    reject_unknown(request, ConsultationQuery)
    win = window(query)
    flagged = _flagged()
    seen = {row["id"] for row in flagged if row["page"] is not None}
    rows = flagged + _published(timezone.localdate(), seen)
    if query.status:
        rows = [row for row in rows if row["status"] == query.status]
    rows.sort(
        key=lambda r: (
            r["status"] == CLOSED,
            r["end"].toordinal() * (-1 if r["status"] == CLOSED else 1),
            r["id"],
        )
    )
    items = []
    for row in rows[win.offset : win.offset + win.limit]:
        page = row.pop("page")
        live = page is not None and serialize.live_documents().filter(pk=page.pk).exists()
        row["api_url"] = serialize.api_url(page.pk) if live else None
        if row["html_url"] is None and live:
            row["html_url"] = serialize.page_url(page, request)
        items.append(row)
    return paginated(items, len(rows), win)
