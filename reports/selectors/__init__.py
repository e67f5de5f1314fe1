"""Reads of the annual report: one module per section, each ``section(period, today)``."""

from django.utils import timezone

from reports.figures import Report, Section
from reports.period import Period
from reports.selectors import (
    cleanup,
    contracts,
    decisions,
    documents,
    fair_competition,
    manual,
    overdue,
    portal,
    powers,
    reviews,
)

SECTIONS = {
    "documents": documents.section,
    "reviews": reviews.section,
    "fair_competition": fair_competition.section,
    "contracts": contracts.section,
    "decisions": decisions.section,
    "cleanup": cleanup.section,
    "portal": portal.section,
    "powers": powers.section,
    "overdue": overdue.section,
    "manual": manual.section,
}
# A figure's code starts with its section's prefix.
PREFIXES = {
    "documents": "documents",
    "reviews": "reviews",
    "fc": "fair_competition",
    "contracts": "contracts",
    "decisions": "decisions",
    "cleanup": "cleanup",
    "portal": "portal",
    "powers": "powers",
    "overdue": "overdue",
    "manual": "manual",
}


def annual_report(period: Period, today=None) -> Report:
    today = today or timezone.localdate()
    return Report(period, today, [build(period, today) for build in SECTIONS.values()])


def section_of_figure(code: str, period: Period, today=None) -> Section | None:
    """Only the section a figure belongs to (a drill-down needs no other)."""
    name = PREFIXES.get(code.split(".", 1)[0])
    if name is None:
        return None
    return SECTIONS[name](period, today or timezone.localdate())


__all__ = ["SECTIONS", "annual_report", "section_of_figure"]
