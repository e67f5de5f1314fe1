"""Which documents are open for public comment (征求意见), and their published outcome.

A document under consultation is usually still a draft: its tree row holds the text it
was created with, and every edit since is a revision. So the flag, the window and the
text are read from the *latest revision*, and the draft is shown only on its own
consultation page (``/consultations/<id>/``), never at its normal page URL. Once the
window closes the page shows the outcome (counts and the drafter's summary), no longer the
text, so later revisions of the draft never become public this way.
"""

from datetime import date
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from cms.models import NormativeDocumentPage, PublicComment

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class Outcome(NamedTuple):
    """The published summary of adoption (意见采纳情况)."""

    received: int
    adopted: int
    partly: int
    rejected: int
    summary: str


class Consultation(NamedTuple):
    page: NormativeDocumentPage  # the tree row: its id is the public address
    text: NormativeDocumentPage  # the latest revision: title, body and window shown
    start: date
    end: date
    state: str

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def closing_date(self) -> str:
        return chinese_date(self.end)

    def outcome(self) -> Outcome:
        counts = PublicComment.objects.filter(document=self.page).adoption_counts()
        received = counts["received"]
        if received == 0 and self.text.comments_received:  # gathered offline (信函、座谈)
            return Outcome(
                self.text.comments_received,
                self.text.comments_adopted,
                0,
                self.text.comments_received - self.text.comments_adopted,
                self.text.consultation_summary,
            )
        return Outcome(
            received,
            counts["采纳"],
            counts["部分采纳"],
            counts["不采纳"],
            self.text.consultation_summary,
        )


def consultation_of(page: NormativeDocumentPage, today: date | None = None):
    """The page's consultation, or None when it is not (or no longer) opened for comment."""
    text = page.get_latest_revision_as_object() if page.latest_revision_id else page
    start, end = text.consultation_start, text.consultation_end
    if not (text.open_for_consultation and start and end):
        return None
    today = today or timezone.localdate()
    state = UPCOMING if today < start else CLOSED if today > end else OPEN
    return Consultation(page, text, start, end, state)


def _candidates():
    flagged = Q(latest_revision__content__open_for_consultation=True) | Q(
        latest_revision__isnull=True, open_for_consultation=True
    )
    return NormativeDocumentPage.objects.public().filter(flagged).order_by("pk")


def consultations(*states: str) -> list[Consultation]:
    """Consultations in the given states, the soonest closing first."""
    found = [c for c in map(consultation_of, _candidates()) if c and c.state in states]
    return sorted(found, key=lambda c: (c.end, c.page.pk))


def public_consultation(page_id: int) -> Consultation | None:
    """A consultation anyone may see: open, or closed with its outcome (never upcoming)."""
    page = _candidates().filter(pk=page_id).first()
    consultation = consultation_of(page) if page else None
    if consultation is None or consultation.state == UPCOMING:
        return None
    return consultation
