"""Reads for admin views and the higher apps (the portal, attachment access): kept out of
views and models."""

from typing import NamedTuple

from cms.models import (
    DecisionItem,
    DecisionItemStatus,
    MajorDecisionListPage,
    NormativeDocumentPage,
)
from cms.models.openness import PUBLIC_ONLY

ACTION_LABELS = {"+": "新增", "~": "变更", "-": "删除"}


def public_documents():
    """Live normative documents that anyone may read (the portal's list; their files are
    public, ``cms.attachment_access``)."""
    return NormativeDocumentPage.objects.live().public().filter(disclosure_attribute=PUBLIC_ONLY)


class ItemAdjustment(NamedTuple):
    """One recorded adjustment of a decision item (动态调整记录)."""

    when: object
    user: object
    action: str
    item_name: str
    changes: list[tuple[str, object, object]]
    reason: str


def decision_list_adjustments(decision_list: MajorDecisionListPage) -> list[ItemAdjustment]:
    """Every add/change/removal of the list's items, newest first, with who and why."""
    records = (
        DecisionItem.history.filter(decision_list_id=decision_list.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    labels = {field.attname: field.verbose_name for field in DecisionItem._meta.fields}
    adjustments = []
    for record in records:
        changes: list[tuple[str, object, object]] = []
        action = ACTION_LABELS[record.history_type]
        previous = record.prev_record if record.history_type == "~" else None
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [
                (str(labels.get(change.field, change.field)), change.old, change.new)
                for change in delta.changes
                if change.field not in {"adjustment_reason"}
            ]
            if not changes:
                continue  # re-saved unchanged when the list was republished
            if any(
                change.field == "status" and change.new == DecisionItemStatus.REMOVED
                for change in delta.changes
            ):
                action = "调出"
        adjustments.append(
            ItemAdjustment(
                when=record.history_date,
                user=record.history_user,
                action=action,
                item_name=record.name,
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return adjustments
