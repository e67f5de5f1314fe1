"""Statute lists for the citation detector, read from the reference list (法律法规库).

Kept apart from ``citations`` so the detector stays importable without Django: the database
is read once per run here, and the hot loop only sees plain tuples. The built-in list of the
nine laws the 民法典 repealed (民法典第一千二百六十条) is what the dev-set labels cover, and a
fallback for checking files on a machine whose database is empty or not yet migrated.
"""

from __future__ import annotations

from search.cleanup.citations import PRC_PREFIX, StatuteName

__all__ = [
    "CIVIL_CODE_REPEALED",
    "amended_statute_names_from_db",
    "repealed_statutes_or_builtin",
    "statute_names_from_db",
]

_CIVIL_CODE_REPEALED_SHORT = (
    "婚姻法",
    "继承法",
    "民法通则",
    "收养法",
    "担保法",
    "合同法",
    "物权法",
    "侵权责任法",
    "民法总则",
)
CIVIL_CODE_REPEALED: tuple[StatuteName, ...] = tuple(
    StatuteName(PRC_PREFIX + short, (PRC_PREFIX + short, short))
    for short in _CIVIL_CODE_REPEALED_SHORT
)


def statute_names_from_db(status: str = "已废止") -> list[StatuteName]:
    """Statutes with ``status`` (default 已废止) and all their spellings, ordered by name."""
    from cms.models import Statute

    return [
        StatuteName(statute.name, tuple(statute.all_names))
        for statute in Statute.objects.filter(status=status).order_by("name")
    ]


def amended_statute_names_from_db() -> list[StatuteName]:
    """Statutes marked 已修改: a citation of them is worth a look (which version?), not abolition."""
    from cms.models import StatuteStatus

    return statute_names_from_db(StatuteStatus.AMENDED)


def repealed_statutes_or_builtin() -> tuple[list[StatuteName], str]:
    """The repealed statutes from the database, else the built-in nine, with where they came from.

    Checking files before they enter the system must work on a fresh checkout too, so a
    missing table or an empty list falls back instead of failing.
    """
    from django.db import DatabaseError

    try:
        statutes = statute_names_from_db()
    except DatabaseError:
        statutes = []
    if statutes:
        return statutes, "database"
    return list(CIVIL_CODE_REPEALED), "builtin"
