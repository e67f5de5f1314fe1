"""权责清单导入, writing: compare the spreadsheet's rows with the list, then upsert by 编码,
all or nothing.

A full import is the whole list: an item in force whose 编码 is not in the file is marked
已取消 (never deleted). With a department (``--department`` / the upload form's 限定科室)
the file is that department's part of the list: rows without 承办机构 take it, a row of
another department is refused, and only that department's items are cancelled. An item
cancelled earlier and present again is put back in force. A dry run computes the same plan
and writes nothing. Every write leaves a history row (``HistoricalPowerItem``) with the
importer and the ``PowerListImport`` batch; a run is recorded even when nothing changed.
The list is published as saved (``cms.models.powers`` says why it is not gated).
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from django.db import IntegrityError, transaction

from cms.models import (
    PUBLIC_POWER_FIELDS,
    Department,
    PowerItem,
    PowerListImport,
    PowerStatus,
)
from cms.power_sheet import LABELS, PowerRow, parse
from cms.spreadsheets import ImportRefused

FIELD_LABELS = {
    **LABELS,
    "legal_basis": "设定依据",
    "department": "承办科室",
    "status": "状态",
    "sort_order": "排序",
}
_COPIED = [f for f in PUBLIC_POWER_FIELDS if f not in ("department", "status")]


class Change(NamedTuple):
    item: PowerItem
    fields: list[str]  # labels of the public fields that differ (empty for a new item)


class PowerPlan(NamedTuple):
    created: list[PowerItem]
    changed: list[Change]
    cancelled: list[PowerItem]
    unchanged: int


class PowerImportReport(NamedTuple):
    plan: PowerPlan
    batch: PowerListImport | None  # None for a dry run

    def summary(self) -> str:
        p = self.plan
        return (
            f"新增{len(p.created)}项，变更{len(p.changed)}项，"
            f"取消{len(p.cancelled)}项，未变{p.unchanged}项"
        )


def _departments() -> dict[str, Department]:
    found: dict[str, Department] = {}
    for department in Department.objects.all():
        for key in (department.name, department.short_name, department.code):
            if key:
                found.setdefault(key.casefold(), department)
    return found


def _resolve_departments(rows: list[PowerRow], scope: Department | None) -> dict[int, Department]:
    """Row line → its Department (or none), or ImportRefused naming the rows."""
    known = _departments()
    resolved: dict[int, Department] = {}
    problems = []
    for row in rows:
        if not row.department:
            if scope is not None:
                resolved[row.line] = scope
            continue
        department = known.get(row.department.casefold())
        if department is None:
            problems.append(
                f"第{row.line}行：承办机构“{row.department}”不是本局的科室（站室），"
                "请先在“基础数据 → 科室（站室）”中添加，或改正后重新导入"
            )
        elif scope is not None and department != scope:
            problems.append(f"第{row.line}行：承办机构“{row.department}”不是所选科室“{scope}”")
        else:
            resolved[row.line] = department
    if problems:
        raise ImportRefused(problems)
    return resolved


def _apply(item: PowerItem, row: PowerRow, department: Department | None, order: int) -> list[str]:
    """Copy the row onto ``item``; the labels of the public fields that changed."""
    changed = []
    for field in _COPIED:
        if getattr(item, field) != getattr(row, field):
            setattr(item, field, getattr(row, field))
            changed.append(FIELD_LABELS[field])
    if item.department_id != (department.pk if department else None):
        item.department = department
        changed.append(FIELD_LABELS["department"])
    if item.status != PowerStatus.IN_FORCE:
        item.status = PowerStatus.IN_FORCE
        changed.append(FIELD_LABELS["status"])
    item.sort_order = order
    return changed


def plan(rows: list[PowerRow], *, department: Department | None = None) -> PowerPlan:
    """What an import of ``rows`` would do; the items carry their new values, unsaved."""
    resolved = _resolve_departments(rows, department)
    existing = {item.code: item for item in PowerItem.objects.exclude(code="")}
    problems = []
    created, changed, unchanged = [], [], 0
    for order, row in enumerate(rows):
        item = existing.get(row.code)
        if item is None:
            item = PowerItem()
            _apply(item, row, resolved.get(row.line), order)
            created.append(item)
            continue
        if department is not None and item.department_id not in (None, department.pk):
            problems.append(
                f"第{row.line}行：编码“{row.code}”已是其他科室（{item.department}）的事项“{item.name}”"
            )
            continue
        was_order = item.sort_order
        fields = _apply(item, row, resolved.get(row.line), order)
        if fields:
            changed.append(Change(item, fields))
        elif was_order != order:
            changed.append(Change(item, []))  # moved only: saved, not a public change
        else:
            unchanged += 1
    if problems:
        raise ImportRefused(problems)
    in_file = {row.code for row in rows}
    remaining = PowerItem.objects.in_force().exclude(code__in=in_file)
    if department is not None:
        remaining = remaining.filter(department=department)
    cancelled = list(remaining.order_by("category", "sort_order", "pk"))
    for item in cancelled:
        item.status = PowerStatus.CANCELLED
    return PowerPlan(created, changed, cancelled, unchanged)


def _save(item: PowerItem, *, user, batch: PowerListImport, reason: str) -> None:
    item._history_user = user
    item._power_import = batch  # read by cms.history when it writes the history row
    item._change_reason = reason
    item.save()


@transaction.atomic
def power_list_import(
    *,
    user,
    data: bytes,
    filename: str,
    department: Department | None = None,
    dry_run: bool = False,
) -> PowerImportReport:
    """Parse, plan and (unless ``dry_run``) write the whole list, or refuse it all."""
    rows = parse(data, filename)
    # One import at a time: the plan reads the list it is about to change.
    list(PowerItem.objects.select_for_update().values_list("pk", flat=True))
    result = plan(rows, department=department)
    if dry_run:
        return PowerImportReport(result, None)
    batch = PowerListImport.objects.create(
        user=user if getattr(user, "pk", None) else None,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        department=department,
        created=len(result.created),
        changed=sum(1 for change in result.changed if change.fields),
        cancelled=len(result.cancelled),
        unchanged=result.unchanged + sum(1 for change in result.changed if not change.fields),
    )
    try:
        with transaction.atomic():
            # Cancel first, so an item re-coded in this file may take the old one's name.
            for item in result.cancelled:
                _save(item, user=user, batch=batch, reason="取消")
            for change in result.changed:
                _save(change.item, user=user, batch=batch, reason="变更")
            for item in result.created:
                _save(item, user=user, batch=batch, reason="新增")
    except IntegrityError as error:
        raise ImportRefused(
            ["导入后会有两项同名事项（类别、事项名称和子项均相同），请检查文件后重新导入。"]
        ) from error
    return PowerImportReport(result, batch)


def report_lines(report: PowerImportReport) -> list[str]:
    """The Chinese report a clerk reads (command output, upload page)."""
    p = report.plan
    lines = [("预检（未写入）：" if report.batch is None else "已导入：") + report.summary()]
    lines += [f"新增：{item.code} {item}" for item in p.created]
    lines += [
        f"变更：{c.item.code} {c.item}（{'、'.join(c.fields)}）" for c in p.changed if c.fields
    ]
    lines += [f"取消：{item.code} {item}" for item in p.cancelled]
    return lines
