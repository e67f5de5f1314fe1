"""Write the statute library from a parsed file: compare, then all or nothing, with a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cms.models import Statute, StatuteImport, StatuteLevel, StatuteStatus
from cms.models.statutes import PRC_PREFIX
from cms.statute_import.parsing import (
    ParsedRow,
    StatuteFileError,
    parse_records,
    read_records,
)

IMPORT_PERMISSIONS = ("cms.add_statute", "cms.change_statute")
# Kinds of change, in the order the report shows them, with their Chinese headings.
CHANGE_KINDS = {
    "added": "新增",
    "repealed": "新废止",
    "amended": "新修改",
    "updated": "其他更新",
    "unchanged": "未变",
}
_FIELDS = ("issuer", "promulgated_on", "effective_on", "status", "repealed_on", "level")


class StatuteImportError(ValidationError):
    """The import was refused; ``messages`` are Chinese, one per bad row or problem."""


@dataclass
class ImportPlan:
    """What an import would do: the change report, and the rows to write."""

    report: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in CHANGE_KINDS})
    warnings: list[str] = field(default_factory=list)
    writes: list[Statute] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.report[kind] for kind in CHANGE_KINDS if kind != "unchanged")

    def summary(self) -> str:
        return "，".join(
            f"{label} {len(self.report[kind])} 部" for kind, label in CHANGE_KINDS.items()
        )


def _aliases(values: dict[str, Any], statute: Statute) -> tuple[str, str]:
    """(short_name, aliases) after the row: the file's names are added, none is dropped."""
    names = values.get("aliases", [])
    short = values.get("short_name") or statute.short_name or (names[0] if names else "")
    existing = [line.strip() for line in statute.aliases.splitlines() if line.strip()]
    added = [n for n in names if n not in existing and n not in (statute.name, short)]
    return short, "\n".join([*existing, *added])


def _apply(statute: Statute, values: dict[str, Any]) -> list[str]:
    """Set the row's values on ``statute``; the names of the fields that changed."""
    changed = []
    for name in _FIELDS:
        new = values.get(name)
        if new not in ("", None) and getattr(statute, name) != new:
            setattr(statute, name, new)
            changed.append(name)
    if statute.status != StatuteStatus.REPEALED and statute.repealed_on:
        statute.repealed_on = None  # back in force (or never repealed): no repeal date
        changed.append("repealed_on")
    short, aliases = _aliases(values, statute)
    if (short, aliases) != (statute.short_name, statute.aliases):
        statute.short_name, statute.aliases = short, aliases
        changed.append("aliases")
    return changed


def _kind(created: bool, before: Statute | None, statute: Statute, changed: list[str]) -> str:
    if created:
        return "added"
    if not changed:
        return "unchanged"
    if statute.status == StatuteStatus.REPEALED and before.status != StatuteStatus.REPEALED:
        return "repealed"
    amended_now = statute.status == StatuteStatus.AMENDED and before.status != statute.status
    newer_text = (
        statute.status in (StatuteStatus.IN_FORCE, StatuteStatus.AMENDED)
        and "promulgated_on" in changed
        and before.promulgated_on is not None
    )
    return "amended" if amended_now or newer_text else "updated"


def _existing(names: list[str]) -> dict[str, Statute]:
    """The library's rows by name, also reachable without or with 中华人民共和国."""
    variants = {v for n in names for v in (n, n.removeprefix(PRC_PREFIX), PRC_PREFIX + n)}
    found = {s.name: s for s in Statute.objects.filter(name__in=variants)}
    result = {}
    for name in names:
        for variant in (name, PRC_PREFIX + name, name.removeprefix(PRC_PREFIX)):
            if variant in found:
                result[name] = found[variant]
                break
    return result


def _check_rows(rows: list[ParsedRow], known: set[str]) -> list[str]:
    errors, seen = [], {}
    for parsed in rows:
        name = parsed.values["name"]
        if name in seen:
            errors.append(f"第{parsed.row}行“标题”：“{name}”与第{seen[name]}行重复。")
        seen.setdefault(name, parsed.row)
    titles = known | set(seen) | {PRC_PREFIX + n for n in seen}
    for parsed in rows:
        successor = parsed.values.get("replaced_by")
        if successor and successor not in titles and PRC_PREFIX + successor not in titles:
            errors.append(
                f"第{parsed.row}行“被替代为”：“{successor}”既不在法规库中，也不在本文件中。"
            )
        if successor and successor == parsed.values["name"]:
            errors.append(f"第{parsed.row}行“被替代为”：不能被自身替代。")
        repealed_on = parsed.values.get("repealed_on")
        if repealed_on and parsed.values.get("status") not in (None, StatuteStatus.REPEALED):
            errors.append(f"第{parsed.row}行“废止日期”：时效性不是“已废止”，不应填写废止日期。")
    return errors


def statutes_plan(*, file_name: str, data: bytes) -> ImportPlan:
    """Read and compare, writing nothing; raises ``StatuteImportError`` naming every bad row."""
    try:
        records, first_row = read_records(file_name, data)
    except StatuteFileError as exc:
        raise StatuteImportError([str(exc)]) from exc
    parsed = parse_records(records, first_row)
    existing = _existing([row.values["name"] for row in parsed.rows])
    known = set(Statute.objects.values_list("name", flat=True))
    errors = parsed.errors + _check_rows(parsed.rows, known)
    if errors:
        raise StatuteImportError(errors)
    plan = ImportPlan(rows=parsed.rows)
    for row in parsed.rows:
        current = existing.get(row.values["name"])
        before = (
            Statute(**{f: getattr(current, f) for f in ("name", *_FIELDS)}) if current else None
        )
        statute = current or Statute(name=row.values["name"], level=StatuteLevel.OTHER)
        changed = _apply(statute, row.values)
        kind = _kind(current is None, before, statute, changed)
        plan.report[kind].append(statute.name)
        if kind != "unchanged":
            plan.writes.append(statute)
        if statute.status == StatuteStatus.REPEALED and not statute.repealed_on:
            plan.warnings.append(f"第{row.row}行：“{statute.name}”已废止，但未填写废止日期。")
    return plan


def _link_successors(plan: ImportPlan) -> None:
    """Set 被替代为 once every row exists (a successor may come later in the file)."""
    rows = [row for row in plan.rows if row.values.get("replaced_by")]
    names = [row.values["name"] for row in rows] + [row.values["replaced_by"] for row in rows]
    by_name = _existing(names)
    for row in rows:
        statute, successor = by_name[row.values["name"]], by_name[row.values["replaced_by"]]
        if statute.replaced_by_id != successor.pk:
            statute.replaced_by = successor
            statute.save(update_fields=["replaced_by"])
            if statute.name in plan.report["unchanged"]:
                plan.report["unchanged"].remove(statute.name)
                plan.report["updated"].append(statute.name)


@transaction.atomic
def statutes_import(
    *, file_name: str, data: bytes, user=None, dry_run: bool = False
) -> tuple[ImportPlan, StatuteImport | None]:
    """Import a statute list: all rows or none. The report is kept when anything changed.

    ``user`` None is the command line (the operator of the server); through the admin it
    must hold the add and change permissions on statutes.
    """
    if user is not None and not all(user.has_perm(p) for p in IMPORT_PERMISSIONS):
        raise PermissionDenied("只有有权维护法律法规库的用户可以导入法规。")
    plan = statutes_plan(file_name=file_name, data=data)
    if dry_run:
        return plan, None
    for statute in plan.writes:
        statute.save()
    _link_successors(plan)
    if not plan.changed:
        return plan, None
    record = StatuteImport.objects.create(
        file_name=PurePath(file_name).name[:255],
        imported_by=user,
        rows=len(plan.rows),
        report={**plan.report, "warnings": plan.warnings},
    )
    return plan, record
