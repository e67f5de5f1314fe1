"""What is open for public comment (征求意见), and its published outcome.

Two kinds share one list, one comment form and one outcome:

- a normative document's draft. It is usually still a draft: its tree row holds the text it
  was created with, and every edit since is a revision. So the flag, the window and the
  text are read from the *latest revision*, and the draft is shown only on its own
  consultation page (``/consultations/<id>/``), never at its normal page URL;
- a major administrative decision's draft (``DecisionConsultation``), shown on
  ``/consultations/decisions/<id>/`` unless the item was removed from the list (调出).
  Opening it is the publication: public participation comes before the legality review
  and the collective decision, usually while the year's list itself is still in review.

Once the window closes the page shows the outcome (counts and the drafter's summary), no
longer the text, so later revisions of a draft never become public this way.
"""

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, NamedTuple

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cms.models import (
    DecisionConsultation,
    DecisionItemStatus,
    NormativeDocumentPage,
    PublicComment,
)

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
DOCUMENT, DECISION = "document", "decision"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def window_state(start: date, end: date, today: date | None = None) -> str:
    today = today or timezone.localdate()
    return UPCOMING if today < start else CLOSED if today > end else OPEN


class Outcome(NamedTuple):
    """The published summary of adoption (意见采纳情况)."""

    received: int
    adopted: int
    partly: int
    rejected: int
    summary: str


def comment_outcome(comments, summary: str) -> Outcome:
    counts = comments.adoption_counts()
    return Outcome(
        counts["received"], counts["采纳"], counts["部分采纳"], counts["不采纳"], summary
    )


@dataclass(frozen=True)
class OpenWindow:
    """What both kinds share: the window, its state, and how the pages speak of it."""

    start: date
    end: date
    state: str

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def closing_date(self) -> str:
        return chinese_date(self.end)


@dataclass(frozen=True)
class Consultation(OpenWindow):
    """A normative document's draft open for comment."""

    page: NormativeDocumentPage = None  # the tree row: its id is the public address
    text: NormativeDocumentPage = None  # the latest revision: title, body and window shown

    kind: ClassVar[str] = DOCUMENT
    kind_label: ClassVar[str] = "行政规范性文件"

    @property
    def title(self) -> str:
        return self.text.title

    @property
    def unit(self) -> str:
        department = self.text.department
        return f"{self.text.issuer}（{department}）" if department else self.text.issuer

    @property
    def url(self) -> str:
        return reverse("portal:consultation", args=[self.page.pk])

    def comment_target(self) -> dict:
        return {"document": self.page}

    def outcome(self) -> Outcome:
        comments = PublicComment.objects.filter(document=self.page)
        if not comments.exists() and self.text.comments_received:  # gathered offline
            return Outcome(
                self.text.comments_received,
                self.text.comments_adopted,
                0,
                self.text.comments_received - self.text.comments_adopted,
                self.text.consultation_summary,
            )
        return comment_outcome(comments, self.text.consultation_summary)


@dataclass(frozen=True)
class DecisionConsultationView(OpenWindow):
    """A major decision's draft open for comment (≥ 30 days)."""

    record: DecisionConsultation = None

    kind: ClassVar[str] = DECISION
    kind_label: ClassVar[str] = "重大行政决策"

    @classmethod
    def of(cls, record: DecisionConsultation) -> "DecisionConsultationView":
        state = window_state(record.start, record.end)
        return cls(record.start, record.end, state, record)

    @property
    def title(self) -> str:
        return self.record.item.name

    @property
    def unit(self) -> str:
        return f"{self.record.item.lead_unit}（承办单位）"

    @property
    def url(self) -> str:
        return reverse("portal:decision_consultation", args=[self.record.pk])

    def comment_target(self) -> dict:
        return {"decision_consultation": self.record}

    def outcome(self) -> Outcome:
        return comment_outcome(self.record.comments.all(), self.record.summary)


def consultation_of(page: NormativeDocumentPage, today: date | None = None):
    """The page's consultation, or None when it is not (or no longer) opened for comment."""
    text = page.get_latest_revision_as_object() if page.latest_revision_id else page
    start, end = text.consultation_start, text.consultation_end
    if not (text.open_for_consultation and start and end):
        return None
    return Consultation(start, end, window_state(start, end, today), page, text)


def _candidates():
    flagged = Q(latest_revision__content__open_for_consultation=True) | Q(
        latest_revision__isnull=True, open_for_consultation=True
    )
    return NormativeDocumentPage.objects.public().filter(flagged).order_by("pk")


def _decision_candidates():
    return (
        DecisionConsultation.objects.exclude(item__status=DecisionItemStatus.REMOVED)
        .select_related("item__lead_unit")
        .order_by("pk")
    )


def consultations(*states: str) -> list:
    """Consultations of both kinds in the given states, the soonest closing first."""
    found = [c for c in map(consultation_of, _candidates()) if c and c.state in states]
    for record in _decision_candidates():
        view = DecisionConsultationView.of(record)
        if view.state in states:
            found.append(view)
    return sorted(found, key=lambda c: (c.end, c.kind, c.url))


def public_consultation(page_id: int) -> Consultation | None:
    """A consultation anyone may see: open, or closed with its outcome (never upcoming)."""
    page = _candidates().filter(pk=page_id).first()
    consultation = consultation_of(page) if page else None
    if consultation is None or consultation.state == UPCOMING:
        return None
    return consultation


def public_decision_consultation(consultation_id: int) -> DecisionConsultationView | None:
    """The same for a major decision's draft."""
    record = _decision_candidates().filter(pk=consultation_id).first()
    if record is None:
        return None
    view = DecisionConsultationView.of(record)
    return None if view.state == UPCOMING else view
