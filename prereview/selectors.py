"""Reads of pre-review: rule settings, the run of a revision, findings for the adviser."""

from __future__ import annotations

from cms.attachment_states import ExtractionState, extraction_state
from prereview.models import Finding, PreReviewRule, PreReviewRun, Severity


def rule_settings() -> dict[str, PreReviewRule]:
    """Every rule's settings row, created with the defaults the first time it is needed."""
    from prereview.services import rules_ensure

    return rules_ensure()


def runs_for(obj):
    return PreReviewRun.objects.for_object(obj).select_related("revision", "overridden_by")


def run_for_revision(obj, revision_id: int | None) -> PreReviewRun | None:
    """The latest run over exactly this revision (submission first, then any other)."""
    if revision_id is None:
        return None
    return runs_for(obj).filter(revision_id=revision_id).first()


def latest_override(obj) -> PreReviewRun | None:
    return runs_for(obj).exclude(override_reason="").first()


def findings_by_severity(run: PreReviewRun) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {severity: [] for severity in Severity.values}
    for finding in run.findings.all():
        grouped.setdefault(finding.severity, []).append(finding)
    return grouped


def adopted_texts(obj, revision_id: int, finding_ids: list[str]) -> list[str]:
    """Opinion sentences of the chosen findings — only findings of this item's runs."""
    ids = [int(value) for value in finding_ids if str(value).isdigit()]
    if not ids:
        return []
    findings = Finding.objects.filter(
        pk__in=ids, run__in=runs_for(obj).filter(revision_id=revision_id)
    ).order_by("position", "pk")
    return [finding.opinion_text() for finding in findings]


def attachment_states(obj, run: PreReviewRun | None) -> list[tuple[str, ExtractionState]]:
    """(附件名称, extraction state) of each attachment of the run's revision (else ``obj``'s)."""
    version = run.revision.as_object() if run is not None and run.revision_id else obj
    rows = getattr(version, "attachments", None)
    if rows is None:
        return []
    states = []
    for row in rows.all():
        state = extraction_state(row.file)
        if state is not None:
            states.append((row.label or row.file.title, state))
    return states
