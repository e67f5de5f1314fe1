"""Review records. Dependencies point one way: review → cms, never back."""

from cms.models.calendar import WorkdayAdjustment, WorkdayKind  # the review app's model
from review.models.counters import SequenceCounter, next_in_sequence
from review.models.opinions import PASSING, LegalOpinion, Outcome
from review.models.records import (
    Deliberation,
    DeliberationBody,
    DeliberationDecision,
    FairCompetitionReview,
    Filing,
    LegacyIssue,
    Registration,
)
from review.models.secrecy import PASSING_SECRECY, SecrecyCheck, SecrecyResult
from review.models.tasks import (
    DeliberationTask,
    FairCompetitionTask,
    LegalReviewTask,
    RegistrationTask,
    SignOffTask,
)

__all__ = [
    "PASSING",
    "PASSING_SECRECY",
    "Deliberation",
    "DeliberationBody",
    "DeliberationDecision",
    "DeliberationTask",
    "FairCompetitionReview",
    "FairCompetitionTask",
    "Filing",
    "LegacyIssue",
    "LegalOpinion",
    "LegalReviewTask",
    "Outcome",
    "Registration",
    "RegistrationTask",
    "SecrecyCheck",
    "SecrecyResult",
    "SequenceCounter",
    "SignOffTask",
    "WorkdayAdjustment",
    "WorkdayKind",
    "next_in_sequence",
]
