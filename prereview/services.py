"""Writes of pre-review: rule rows, runs with their findings, a drafter's override."""

from __future__ import annotations

import time
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prereview.context import Context, load_context
from prereview.engine import FindingData, evaluate
from prereview.models import Finding, PreReviewRule, PreReviewRun, RunTrigger, Severity
from prereview.rules import RULES, RULES_BY_CODE
from prereview.subjects import subject_of

OVERRIDE_EMPTY = "请填写阻断问题的说明理由：为什么这些问题不影响送审（理由不能为空）。"


class PreReviewError(ValidationError):
    """A refused pre-review action; the message is Chinese."""


def rules_ensure() -> dict[str, PreReviewRule]:
    """One settings row per rule in code (defaults), without touching rows already edited."""
    existing = {rule.code: rule for rule in PreReviewRule.objects.all()}
    missing = [
        PreReviewRule(
            code=rule.code,
            title=rule.title,
            description=rule.description,
            default_severity=rule.severity,
            parameters=dict(rule.parameters),
        )
        for rule in RULES
        if rule.code not in existing
    ]
    stale = [
        row
        for rule in RULES
        if (row := existing.get(rule.code)) and row.default_severity != rule.severity
    ]
    for row in stale:  # the code's default changed: the administrator's override stays
        row.default_severity = RULES_BY_CODE[row.code].severity
    if stale:
        PreReviewRule.objects.bulk_update(stale, ["default_severity"])
    if missing:
        PreReviewRule.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {rule.code: rule for rule in PreReviewRule.objects.all()}
    return existing


class Evaluation(NamedTuple):
    findings: list[FindingData]
    duration_ms: float

    @property
    def blocking(self) -> list[FindingData]:
        return [f for f in self.findings if f.severity == Severity.BLOCKING]


def prereview_evaluate(obj, context: Context | None = None) -> Evaluation:
    """Run every rule over ``obj`` (saved or an unsaved form instance); store nothing."""
    started = time.perf_counter()
    context = context or load_context()
    findings = evaluate(subject_of(obj), context)
    return Evaluation(findings, (time.perf_counter() - started) * 1000)


@transaction.atomic
def prereview_run(
    *,
    obj,
    revision=None,
    trigger: str = RunTrigger.ON_DEMAND,
    user=None,
    context=None,
    carry_override: bool = False,
) -> PreReviewRun:
    """Pre-review ``revision`` of ``obj`` (default: its latest) and keep the findings with it.

    ``carry_override``: keep a reason given earlier when it covers every blocking finding.
    """
    obj = getattr(obj, "specific", obj)
    revision = revision or obj.get_latest_revision()
    draft = revision.as_object() if revision is not None else obj
    evaluation = prereview_evaluate(draft, context)
    counts = dict.fromkeys(Severity.values, 0)
    for finding in evaluation.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    run = PreReviewRun.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        revision=revision,
        trigger=trigger,
        started_by=user if getattr(user, "is_authenticated", False) else None,
        duration_ms=round(evaluation.duration_ms, 1),
        blocking=counts[Severity.BLOCKING],
        warnings=counts[Severity.WARNING],
        notices=counts[Severity.NOTICE],
    )
    Finding.objects.bulk_create(
        Finding(run=run, position=position, **finding._asdict())
        for position, finding in enumerate(evaluation.findings)
    )
    if carry_override and evaluation.blocking:
        _carry_override(obj, run, {finding.key for finding in evaluation.blocking})
    return run


def _carry_override(obj, run: PreReviewRun, blocking_keys: set[str]) -> None:
    """A reason the drafter gave for these same blocking findings (on the pre-review page)
    still stands for the revision they submitted."""
    from prereview.selectors import latest_override

    previous = latest_override(obj)
    if (
        previous is None
        or previous.pk == run.pk
        or not blocking_keys <= set(previous.overridden_keys)
    ):
        return
    run.override_reason, run.overridden_by = previous.override_reason, previous.overridden_by
    run.overridden_at, run.overridden_keys = previous.overridden_at, previous.overridden_keys
    run.save(update_fields=["override_reason", "overridden_by", "overridden_at", "overridden_keys"])


@transaction.atomic
def override_record(*, run: PreReviewRun, user, reason: str) -> PreReviewRun:
    """The drafter explains why the blocking findings should not stop submission."""
    reason = (reason or "").strip()
    if not reason:
        raise PreReviewError(OVERRIDE_EMPTY)
    keys = list(run.findings.filter(severity=Severity.BLOCKING).values_list("key", flat=True))
    if not keys:
        raise PreReviewError("本次预审没有阻断问题，无需说明。")
    run = PreReviewRun.objects.select_for_update().get(pk=run.pk)
    run.override_reason, run.overridden_by, run.overridden_at = reason, user, timezone.now()
    run.overridden_keys = keys
    run.save(update_fields=["override_reason", "overridden_by", "overridden_at", "overridden_keys"])
    return run


class SubmissionDecision(NamedTuple):
    allowed: bool
    blocking: list[FindingData]
    reason: str  # the override reason that lets it through ('' when nothing blocks)
    message: str  # Chinese, when refused


def submission_check(*, obj, edited, posted_reason: str | None) -> SubmissionDecision:
    """May ``edited`` (the content being submitted) go to review?

    Blocking findings stop it unless the drafter gives a reason now (``posted_reason``; an
    empty one is refused) or gave one on the pre-review page for the same blocking findings.
    """
    blocking = prereview_evaluate(edited).blocking
    if not blocking:
        return SubmissionDecision(True, [], "", "")
    if posted_reason is not None:
        if not posted_reason.strip():
            return SubmissionDecision(False, blocking, "", OVERRIDE_EMPTY)
        return SubmissionDecision(True, blocking, posted_reason.strip(), "")
    from prereview.selectors import latest_override

    previous = latest_override(obj) if obj.pk else None
    if previous and {f.key for f in blocking} <= set(previous.overridden_keys):
        return SubmissionDecision(True, blocking, previous.override_reason, "")
    listing = "；".join(f"{f.location}：{f.message}" for f in blocking[:5])
    more = f"等{len(blocking)}项" if len(blocking) > 5 else ""
    return SubmissionDecision(
        False,
        blocking,
        "",
        f"预审发现阻断问题，未提交审核（已保存为草稿）：{listing}{more}。"
        "请修改后再提交；确需送审的，请在“预审”页面填写说明理由。",
    )
