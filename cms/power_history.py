"""The power list's public change log (权责清单变更记录): what was added, changed or
cancelled, when, field by field — read from the history rows (``HistoricalPowerItem``).

Public fields only (``PUBLIC_POWER_FIELDS``): never who made the change, the import batch,
its file, or the internal sort order. A row that changed none of the public fields (a
re-sort) is not a change the public sees.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from django.utils import timezone

from cms.models import PUBLIC_POWER_FIELDS, Department, PowerItem, PowerStatus
from cms.power_import import FIELD_LABELS

ADDED, CHANGED, CANCELLED = "新增", "变更", "取消"


class FieldChange(NamedTuple):
    label: str
    old: str
    new: str


class PowerChange(NamedTuple):
    day: date
    kind: str  # 新增 / 变更 / 取消
    category: str
    code: str
    name: str
    subitem: str
    fields: list[FieldChange]  # empty for 新增, and for a change whose prior state was not kept
    order: tuple  # newest first: (time, history id)


def _value(row, field: str, departments: dict[int, str]) -> str:
    if field == "department":
        return departments.get(row.department_id, "") if row.department_id else ""
    return str(getattr(row, field) or "")


def _diff(old, new, departments: dict[int, str]) -> list[FieldChange]:
    changes = []
    for field in PUBLIC_POWER_FIELDS:
        before, after = _value(old, field, departments), _value(new, field, departments)
        if before != after:
            changes.append(FieldChange(FIELD_LABELS[field], before, after))
    return changes


def _entry(row, previous, departments: dict[int, str]) -> PowerChange | None:
    fields: list[FieldChange] = []
    if row.history_type == "+":
        kind = ADDED if row.status == PowerStatus.IN_FORCE else None
    elif row.history_type == "-":
        kind = CANCELLED if row.status == PowerStatus.IN_FORCE else None
    elif previous is None:
        kind = CANCELLED if row.status == PowerStatus.CANCELLED else CHANGED
    else:
        fields = _diff(previous, row, departments)
        went = previous.status != row.status
        kind = CANCELLED if went and row.status == PowerStatus.CANCELLED else CHANGED
        if not fields:
            kind = None
        elif kind == CANCELLED:
            fields = []  # 取消 says it all; the other columns did not change publicly
    if kind is None:
        return None
    return PowerChange(
        day=timezone.localdate(row.history_date),
        kind=kind,
        category=row.category,
        code=row.code,
        name=row.name,
        subitem=row.subitem,
        fields=fields,
        order=(row.history_date, row.history_id),
    )


def public_changes() -> list[PowerChange]:
    """Every public change to the power list, newest first."""
    departments = dict(Department.objects.values_list("pk", "name"))
    rows = PowerItem.history.order_by("id", "history_date", "history_id").only(
        "id", "history_id", "history_date", "history_type", "sort_order", *PUBLIC_POWER_FIELDS
    )
    changes: list[PowerChange] = []
    previous = None
    for row in rows.iterator():
        if previous is not None and previous.id != row.id:
            previous = None
        entry = _entry(row, previous, departments)
        if entry is not None:
            changes.append(entry)
        previous = row
    changes.sort(key=lambda change: change.order, reverse=True)
    return changes
