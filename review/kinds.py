"""Which review path an item follows, by its model (normative document, contract, decision list)."""

from cms.models import Contract, MajorDecisionListPage, NormativeDocumentPage
from review.models import ItemKind

KIND_BY_MODEL = {
    NormativeDocumentPage: ItemKind.NORMATIVE_DOCUMENT,
    Contract: ItemKind.CONTRACT,
    MajorDecisionListPage: ItemKind.MAJOR_DECISION,
}


def item_kind(obj) -> str | None:
    specific = getattr(obj, "specific", obj)
    for model, kind in KIND_BY_MODEL.items():
        if isinstance(specific, model):
            return kind
    return None


def specific(obj):
    return getattr(obj, "specific", obj)
