"""Score the repealed-statute detector against the labelled dev set (laws_dev.jsonl.gz).

Separate from the command so the arithmetic is plain Python: the command only reads the
file and prints. Labels name the nine laws by short name (合同法), the detector by canonical
name (中华人民共和国合同法), so both sides are compared without the PRC prefix.

One documented correction of the labels: the dev-set README warns that the 民法典 itself is
labelled as citing all nine because its repeal clause (第一千二百六十条) lists them. A
cleanup tool must not flag it, so for the code itself the expected set is empty; the raw,
uncorrected numbers are reported beside the corrected ones.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search.cleanup.citations import (
    PRC_PREFIX,
    Citation,
    StatuteName,
    find_repealed_citations,
)
from search.cleanup.statutes import CIVIL_CODE_REPEALED

CIVIL_CODE_TITLE = "中华人民共和国民法典"
LABEL = "cites_repealed_loose"


def short(name: str) -> str:
    """The name as the labels spell it: without 中华人民共和国."""
    return name.removeprefix(PRC_PREFIX)


LABELLED_LAWS = frozenset(short(statute.canonical) for statute in CIVIL_CODE_REPEALED)


@dataclass
class Miss:
    """A false positive or negative, with enough context to judge it by eye."""

    doc_id: str
    title: str
    statutes: list[str]
    excerpt: str


@dataclass
class Scores:
    """Counts for the report; ratios are 1.0 on an empty denominator (nothing to get wrong)."""

    documents: int = 0
    seconds: float = 0.0
    chars: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    raw_tp: int = 0
    raw_fp: int = 0
    raw_fn: int = 0
    set_tp: int = 0
    set_fp: int = 0
    set_fn: int = 0
    hard_negatives: int = 0
    hard_negatives_flagged: list[Miss] = field(default_factory=list)
    civil_code_flagged: list[Miss] = field(default_factory=list)
    civil_code_documents: int = 0
    false_positives: list[Miss] = field(default_factory=list)
    false_negatives: list[Miss] = field(default_factory=list)
    set_differences: list[Miss] = field(default_factory=list)
    unlabelled_statutes: int = 0

    @staticmethod
    def ratio(numerator: int, denominator: int) -> float:
        return numerator / denominator if denominator else 1.0

    @property
    def precision(self) -> float:
        return self.ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.ratio(self.tp, self.tp + self.fn)

    @property
    def raw_precision(self) -> float:
        return self.ratio(self.raw_tp, self.raw_tp + self.raw_fp)

    @property
    def raw_recall(self) -> float:
        return self.ratio(self.raw_tp, self.raw_tp + self.raw_fn)

    @property
    def set_precision(self) -> float:
        return self.ratio(self.set_tp, self.set_tp + self.set_fp)

    @property
    def set_recall(self) -> float:
        return self.ratio(self.set_tp, self.set_tp + self.set_fn)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def meets_target(self) -> bool:
        """The issue's Done-when: recall ≥ 0.99, precision ≥ 0.98, no look-alike, 民法典 clean."""
        return (
            self.recall >= 0.99
            and self.precision >= 0.98
            and not self.hard_negatives_flagged
            and not self.civil_code_flagged
        )


def _excerpt_for(record: dict[str, Any], names: set[str], citations: list[Citation]) -> str:
    """Show the detector's own hit if it has one, else where the label saw the law."""
    for citation in citations:
        if short(citation.statute) in names:
            return citation.excerpt
    labels = record.get("labels") or {}
    for match in labels.get("matches") or []:
        if match.get("law") in names:
            return " ".join(str(match.get("context", "")).split())
    text = record.get("text") or ""
    for name in sorted(names):
        position = text.find(name)
        if position >= 0:
            return " ".join(text[max(0, position - 20) : position + len(name) + 20].split())
    return ""


def evaluate(records: Iterable[dict[str, Any]], statutes: list[StatuteName]) -> Scores:
    """Run the detector over ``records`` and compare with ``labels.cites_repealed_loose``."""
    scores = Scores()
    statutes = list(statutes)
    find_repealed_citations("预热", statutes)  # compile outside the timed loop
    for record in records:
        text = record.get("text") or ""
        labels = record.get("labels") or {}
        title = record.get("title") or ""
        raw_gold = set(labels.get(LABEL) or [])
        started = time.perf_counter()
        citations = find_repealed_citations(text, statutes)
        scores.seconds += time.perf_counter() - started
        scores.documents += 1
        scores.chars += len(text)
        cited = {short(citation.statute) for citation in citations}
        found = cited & LABELLED_LAWS  # the labels only know the nine
        scores.unlabelled_statutes += len(cited - LABELLED_LAWS)
        is_code = title == CIVIL_CODE_TITLE
        gold = set() if is_code else raw_gold
        _count(scores, found, gold, record, citations)
        _count_raw(scores, found, raw_gold)
        if labels.get("hard_negative") and found - raw_gold:
            scores.hard_negatives_flagged.append(_miss(record, found - raw_gold, citations))
        scores.hard_negatives += bool(labels.get("hard_negative"))
        if is_code:
            scores.civil_code_documents += 1
            if found:
                scores.civil_code_flagged.append(_miss(record, found, citations))
    return scores


def _miss(record: dict[str, Any], names: set[str], citations: list[Citation]) -> Miss:
    return Miss(
        doc_id=str(record.get("id")),
        title=str(record.get("title") or ""),
        statutes=sorted(names),
        excerpt=_excerpt_for(record, names, citations),
    )


def _count(
    scores: Scores,
    found: set[str],
    gold: set[str],
    record: dict[str, Any],
    citations: list[Citation],
) -> None:
    if found and gold:
        scores.tp += 1
    elif found:
        scores.fp += 1
        scores.false_positives.append(_miss(record, found, citations))
    elif gold:
        scores.fn += 1
        scores.false_negatives.append(_miss(record, gold, citations))
    scores.set_tp += len(found & gold)
    scores.set_fp += len(found - gold)
    scores.set_fn += len(gold - found)
    if found and gold and found != gold:
        scores.set_differences.append(_miss(record, found ^ gold, citations))


def _count_raw(scores: Scores, found: set[str], gold: set[str]) -> None:
    scores.raw_tp += bool(found and gold)
    scores.raw_fp += bool(found and not gold)
    scores.raw_fn += bool(gold and not found)
