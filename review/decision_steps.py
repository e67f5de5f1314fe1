"""The review app's readers for cms.decision_steps: a decision item's 合法性审查 and 备案,
read from the legal opinions and filing records on the item's decision draft."""

from cms.decision_steps import draft_of
from review.models import Filing, LegalOpinion


def legality_review(item):
    """(signed on, 意见书编号) of the passing opinion(s) on the item's draft, or None."""
    draft = draft_of(item)
    if draft is None:
        return None
    from review.gate import opinion_problems_for

    judged = draft.live_revision if draft.live else draft.get_latest_revision()
    if judged is None or opinion_problems_for(draft, judged):
        return None
    opinion = LegalOpinion.objects.for_object(draft).first()
    return (opinion.signed_at.date(), f"合法性审查意见书 {opinion.number}")


def filing(item):
    """(filed on, 备案机关) of the published draft's filing, or None."""
    draft = draft_of(item)
    record = Filing.for_object(draft).first() if draft is not None else None
    if record is None:
        return None
    return (record.filed_on, f"报{record.authority}备案")
