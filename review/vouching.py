"""Which revisions the review records vouch for: their attachments are frozen.

Registered with ``cms.reviewed_files`` in ReviewConfig.ready(), so cms never imports review.
"""

from review.models import (
    Deliberation,
    FairCompetitionReview,
    Filing,
    LegacyIssue,
    LegalOpinion,
    Registration,
)

RECORDS = (LegalOpinion, FairCompetitionReview, Deliberation, Registration, Filing, LegacyIssue)


def vouched_revision_ids():
    """One queryset of revision ids per kind of record (an opinion of any outcome: the
    record must still prove which bytes it judged)."""
    return [model.objects.values("revision_id") for model in RECORDS]
