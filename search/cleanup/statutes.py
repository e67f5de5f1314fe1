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
    "library_from_db",
    "library_from_file",
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


def statute_names_from_db(status: str | None = "已废止") -> list[StatuteName]:
    """Statutes with ``status`` (default 已废止; None: every status) and all their spellings,
    ordered by name."""
    from cms.models import Statute

    statutes = Statute.objects.order_by("name")
    if status is not None:
        statutes = statutes.filter(status=status)
    return [
        StatuteName(statute.name, tuple(statute.all_names), statute.status) for statute in statutes
    ]


def library_from_db() -> list[StatuteName]:
    """The whole library, every status: the detectors filter by status, and the titles in
    force shadow shorter repealed names inside them (劳动合同法 is not 合同法)."""
    return statute_names_from_db(None)


def amended_statute_names_from_db() -> list[StatuteName]:
    """Statutes marked 已修改: a citation of them is worth a look (which version?), not abolition."""
    from cms.models import StatuteStatus

    return statute_names_from_db(StatuteStatus.AMENDED)


def repealed_statutes_or_builtin() -> tuple[list[StatuteName], str]:
    """The whole library from the database when it lists a repealed statute, else the
    built-in nine, with where they came from.

    Checking files before they enter the system must work on a fresh checkout too, so a
    missing table or an empty list falls back instead of failing.
    """
    from django.db import DatabaseError

    try:
        statutes = library_from_db()
    except DatabaseError:
        statutes = []
    if any(statute.status == "已废止" for statute in statutes):
        return statutes, "database"
    return list(CIVIL_CODE_REPEALED), "builtin"


def library_from_file(file_name: str, data: bytes) -> list[StatuteName]:
    """A statute list file (the ``import_statutes`` formats) as the detector sees it, plus the
    built-in nine and the 民法典, without touching the database: for evaluations."""
    from cms.statute_import.parsing import parse_records, read_records

    records, first_row = read_records(file_name, data)
    statutes = [
        StatuteName(
            row.values["name"],
            tuple(
                name
                for name in (row.values.get("short_name", ""), *row.values.get("aliases", []))
                if name
            ),
            row.values.get("status", "现行有效"),
        )
        for row in parse_records(records, first_row).rows
    ]
    known = {statute.canonical for statute in statutes}
    civil_code = StatuteName(PRC_PREFIX + "民法典", ("民法典",), "现行有效")
    return statutes + [s for s in (*CIVIL_CODE_REPEALED, civil_code) if s.canonical not in known]
