"""Reference data a run reads, loaded once: statutes, phrases, our own register, rule settings.

Loading is a handful of queries; the evaluation command loads it once for thousands of texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cms import rules as cms_rules
from cms.models import NormativeDocumentPage, Statute, StatuteStatus
from search.cleanup.citations import StatuteName
from search.cleanup.statutes import CIVIL_CODE_REPEALED, library_from_db
from search.models import CompetitionPhrase


@dataclass(frozen=True)
class Phrase:
    text: str
    category: str
    standard: str


@dataclass(frozen=True)
class RegisteredDocument:
    pk: int
    title: str
    doc_number: str
    status: str


@dataclass
class Context:
    # The whole statute library (every status): the rules pick the repealed or amended hits.
    statutes: list[StatuteName] = field(default_factory=list)
    replacements: dict[str, str] = field(default_factory=dict)  # canonical name → cite instead
    phrases: list[Phrase] = field(default_factory=list)
    phrase_pattern: re.Pattern[str] | None = None
    by_number: dict[str, RegisteredDocument] = field(default_factory=dict)
    by_title: dict[str, RegisteredDocument] = field(default_factory=dict)
    own_prefixes: frozenset[str] = frozenset()
    settings: dict[str, object] = field(default_factory=dict)  # code → PreReviewRule


def _replacements() -> dict[str, str]:
    return {
        statute.name: statute.replaced_by.name
        for statute in Statute.objects.filter(replaced_by__isnull=False).select_related(
            "replaced_by"
        )
    }


def phrase_pattern(phrases: list[Phrase]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    names = sorted({p.text for p in phrases}, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(name) for name in names))


def load_context() -> Context:
    from prereview.selectors import rule_settings

    statutes = library_from_db()
    if not any(statute.status == StatuteStatus.REPEALED for statute in statutes):
        statutes += CIVIL_CODE_REPEALED  # an empty library still knows the 民法典's nine
    phrases = [
        Phrase(p.phrase, p.category, p.standard)
        for p in CompetitionPhrase.objects.filter(active=True)
    ]
    by_number: dict[str, RegisteredDocument] = {}
    by_title: dict[str, RegisteredDocument] = {}
    prefixes: set[str] = set()
    rows = NormativeDocumentPage.objects.values_list(
        "pk", "title", "doc_number", "validity_status", "live"
    )
    for pk, title, doc_number, status, live in rows:
        document = RegisteredDocument(pk, title, doc_number, status if live else "草稿")
        parsed = cms_rules.parse_doc_number(doc_number)
        if parsed:
            by_number[str(parsed)] = document
            prefixes.add(parsed.prefix)
        if live:
            by_title.setdefault(title, document)
    return Context(
        statutes=statutes,
        replacements=_replacements(),
        phrases=phrases,
        phrase_pattern=phrase_pattern(phrases),
        by_number=by_number,
        by_title=by_title,
        own_prefixes=frozenset(prefixes),
        settings=rule_settings(),
    )
