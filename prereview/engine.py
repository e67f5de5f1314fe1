"""Run the rules over one subject: settings applied, one failing rule never stops the others."""

from __future__ import annotations

import hashlib
import logging
from typing import NamedTuple

from prereview.models import SEVERITY_ORDER, Severity
from prereview.rules import RULES

logger = logging.getLogger(__name__)


class FindingData(NamedTuple):
    code: str
    rule_title: str
    severity: str
    location: str
    message: str
    suggestion: str
    excerpt: str
    masked: str
    key: str


def finding_key(code: str, location: str, message: str) -> str:
    """Stable identity of a finding across runs of the same content (for overrides)."""
    return hashlib.sha256(f"{code}|{location}|{message}".encode()).hexdigest()[:32]


def _parameters(rule, setting) -> dict:
    params = dict(rule.parameters)
    custom = getattr(setting, "parameters", None)
    if isinstance(custom, dict):
        params.update(custom)
    return params


def evaluate(subject, context) -> list[FindingData]:
    """Findings of every enabled rule that applies to the subject's kind, most severe first."""
    findings: list[tuple[int, int, FindingData]] = []
    for order, rule in enumerate(RULES):
        if subject.kind not in rule.kinds:
            continue
        setting = context.settings.get(rule.code)
        if setting is not None and not setting.enabled:
            continue
        forced = getattr(setting, "severity", "") or ""
        try:
            hits = list(rule.check(subject, context, _parameters(rule, setting)))
        except Exception:  # a rule's bug (or odd data) must not cost the drafter the others
            logger.exception("pre-review rule %s failed", rule.code)
            hits = [rule_failure_hit(rule.title)]
            forced = Severity.NOTICE
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            if (hit.location, hit.message) in seen:  # one finding per place and problem
                continue
            seen.add((hit.location, hit.message))
            severity = forced or hit.severity or rule.severity
            data = FindingData(
                code=rule.code,
                rule_title=rule.title,
                severity=severity,
                location=hit.location[:200],
                message=hit.message,
                suggestion=hit.suggestion,
                excerpt=hit.excerpt[:300],
                masked=hit.masked,
                key=finding_key(rule.code, hit.location, hit.message),
            )
            findings.append((SEVERITY_ORDER.get(severity, 9), order, data))
    findings.sort(key=lambda row: (row[0], row[1]))
    return [data for _, _, data in findings]


def rule_failure_hit(title: str):
    from prereview.rules import Hit

    return Hit("系统", f"规则“{title}”运行出错，该项未能检查。", "请人工核对该项，并告知管理员。")
