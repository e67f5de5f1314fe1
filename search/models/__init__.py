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
    AttachmentText,
    IndexGeneration,
    PhraseChunk,
    SearchEntry,
)

__all__ = [
    "AttachmentText",
    "CleanupCampaign",
    "CleanupDecision",
    "CleanupFinding",
    "CleanupRun",
    "CompetitionPhrase",
    "DecisionChoice",
    "IndexGeneration",
    "PhraseChunk",
    "SearchEntry",
]
