"""Search app records: the index rows and extracted text; cleanup campaigns and their results."""

from search.models.cleanup import (
    CleanupCampaign,
    CleanupDecision,
    CleanupFinding,
    CleanupRun,
    CompetitionPhrase,
    DecisionChoice,
)
from search.models.index import (
    PUBLIC_KINDS,
    AttachmentText,
    EntryKind,
    IndexGeneration,
    SearchEntry,
)

__all__ = [
    "PUBLIC_KINDS",
    "AttachmentText",
    "CleanupCampaign",
    "CleanupDecision",
    "CleanupFinding",
    "CleanupRun",
    "CompetitionPhrase",
    "DecisionChoice",
    "EntryKind",
    "IndexGeneration",
    "SearchEntry",
]
