"""The kinds of item the bureau reviews and indexes: one vocabulary for every app.

An item's kind picks its review path and checklist (``review``), its index entries and the
``类型:`` filter (``search``), the pre-review rules that read it (``prereview``) and the
report's counts (``reports``). The values are stored (legal opinions, search entries), so
they never change; the labels are what users read.
"""

from django.db import models


class ItemKind(models.TextChoices):
    NORMATIVE_DOCUMENT = "normative", "行政规范性文件"
    CONTRACT = "contract", "合同"
    MAJOR_DECISION = "decision", "重大行政决策"


#: Kinds the public may find on the portal (contracts are internal).
PUBLIC_KINDS = frozenset({ItemKind.NORMATIVE_DOCUMENT, ItemKind.MAJOR_DECISION})


def specific(obj):
    """A page's specific instance; any other object as it is."""
    return getattr(obj, "specific", obj)


def _kind_by_model() -> dict:
    from cms.models import (
        Contract,
        DecisionDraftPage,
        MajorDecisionListPage,
        NormativeDocumentPage,
    )

    # A year's list (目录) and each decision's own draft (决策方案) are both reviewed as
    # major decisions: the same path (合法性审查 → 集体讨论决定 → 公布) and checklist.
    return {
        NormativeDocumentPage: ItemKind.NORMATIVE_DOCUMENT,
        Contract: ItemKind.CONTRACT,
        MajorDecisionListPage: ItemKind.MAJOR_DECISION,
        DecisionDraftPage: ItemKind.MAJOR_DECISION,
    }


def item_kind(obj) -> ItemKind | None:
    """The kind of a reviewed item (a page, its specific page or a contract), else None."""
    obj = specific(obj)
    for model, kind in _kind_by_model().items():
        if isinstance(obj, model):
            return kind
    return None
