"""``consultations/``: public consultations (公开征求意见), open and closed.

Two sources, one list: drafts the drafter opened for comment on the portal (read through
the portal's own selector, ``cms.portal.consultations``, so the API and the pages agree on
what is public: title and window while open, the adoption outcome once closed — never a
draft's text here), and published documents whose consultation dates were recorded
(held before publication, e.g. offline: counts and summary from the page).
"""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from ninja import Query, Router

from cms.api import serialize
from cms.api.params import ConsultationQuery, paginated, reject_unknown, window
from cms.api.public_lists import ERRORS
from cms.api.schemas import ConsultationsOut

router = Router(tags=["公开征求意见"])
OPEN, CLOSED = "进行中", "已结束"


def _flagged() -> list[dict]:
    from cms.portal import consultations as portal  # imported late: it reads the portal's models

    found = []
    for c in portal.consultations(portal.OPEN, portal.CLOSED):
        closed = c.state == portal.CLOSED
        outcome = c.outcome() if closed else None
        found.append(
            _row(
                c.page,
                flagged=True,
                title=c.text.title,
                doc_number=c.text.doc_number,
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
    pages = serialize.live_documents().filter(
        consultation_start__isnull=False, consultation_end__lt=today
    )
    return [
        _row(
            page,
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


def _row(page, *, flagged: bool = False, **fields) -> dict:
    return {"id": page.pk, "page": page, "flagged": flagged, **fields}


def _consultation_url(page_id: int) -> str | None:
    """The portal's consultation page (text, window, comment form), when it is routed."""
    try:
        return reverse("portal:consultation", kwargs={"page_id": page_id})
    except NoReverseMatch:
        return None


@router.get(
    "/consultations/",
    response={200: ConsultationsOut, **ERRORS},
    url_name="consultations",
    summary="公开征求意见",
    description="正在征求意见的草案（标题与期限）及已结束的征求意见（意见采纳情况）；"
    "进行中的在前（先截止的在前），已结束的按截止日期从近到远。",
)
def consultations(request, query: Query[ConsultationQuery]):
    reject_unknown(request, ConsultationQuery)
    win = window(query)
    flagged = _flagged()
    rows = flagged + _published(timezone.localdate(), {row["id"] for row in flagged})
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
        page, flagged_here = row.pop("page"), row.pop("flagged")
        live = page.live and serialize.live_documents().filter(pk=page.pk).exists()
        row["api_url"] = serialize.api_url(page.pk) if live else None
        row["html_url"] = _consultation_url(page.pk) if flagged_here else None
        if row["html_url"] is None and live:
            row["html_url"] = serialize.page_url(page, request)
        items.append(row)
    return paginated(items, len(rows), win)
