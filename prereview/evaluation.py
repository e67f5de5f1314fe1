"""Evaluation of pre-review: findings per rule and time per document, on the shared law corpus
(each law's text read as the body of a draft) and on the drafts in the database.

For the repealed-statute rule the corpus carries labels (``cites_repealed`` strict,
``cites_repealed_loose`` with nested and bare mentions): precision and recall are reported.
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cms.models import Contract, MajorDecisionListPage, NormativeDocumentPage
from prereview.context import Context
from prereview.engine import evaluate
from prereview.rules import DOCUMENT, Source
from prereview.subjects import Subject, subject_of


@dataclass
class Tally:
    """Findings per rule and severity, and the time each document took."""

    documents: int = 0
    per_rule: Counter = field(default_factory=Counter)
    per_severity: Counter = field(default_factory=Counter)
    documents_per_rule: Counter = field(default_factory=Counter)
    millis: list[float] = field(default_factory=list)

    def add(self, findings, millis: float) -> None:
        self.documents += 1
        self.millis.append(millis)
        for finding in findings:
            self.per_rule[finding.code] += 1
            self.per_severity[finding.severity] += 1
        for code in {finding.code for finding in findings}:
            self.documents_per_rule[code] += 1

    def timing(self) -> str:
        if not self.millis:
            return "无"
        ordered = sorted(self.millis)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        return (
            f"平均 {statistics.mean(ordered):.2f} ms，中位 {statistics.median(ordered):.2f} ms，"
            f"p95 {p95:.2f} ms，最长 {ordered[-1]:.2f} ms"
        )


@dataclass
class Agreement:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
        elif actual:
            self.false_negative += 1

    def summary(self) -> str:
        tp, fp, fn = self.true_positive, self.false_positive, self.false_negative
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return f"精确率 {precision:.3f}（{tp}/{tp + fp}），召回率 {recall:.3f}（{tp}/{tp + fn}）"


def law_subject(law: dict) -> Subject:
    """A law's text read as the body of a draft that does not affect the public."""
    page = NormativeDocumentPage(title=law.get("title") or "", affects_public=False)
    return Subject(kind=DOCUMENT, obj=page, title=page.title, sources=[Source("正文", law["text"])])


def read_laws(path: Path, limit: int | None = None) -> Iterable[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def evaluate_laws(path: Path, context: Context, limit: int | None = None):
    tally, strict, loose = Tally(), Agreement(), Agreement()
    for law in read_laws(path, limit):
        subject = law_subject(law)
        started = time.perf_counter()
        findings = evaluate(subject, context)
        tally.add(findings, (time.perf_counter() - started) * 1000)
        labels = law.get("labels") or {}
        predicted = any(f.code == "repealed_statute" for f in findings)
        strict.add(predicted, bool(labels.get("cites_repealed")))
        loose.add(predicted, bool(labels.get("cites_repealed_loose")))
    return tally, strict, loose


def database_drafts():
    """The latest revision of every document, contract and decision list."""
    for model in (NormativeDocumentPage, Contract, MajorDecisionListPage):
        for obj in model.objects.order_by("pk"):
            yield obj.get_latest_revision_as_object() if obj.get_latest_revision() else obj


def evaluate_database(context: Context) -> Tally:
    tally = Tally()
    for draft in database_drafts():
        started = time.perf_counter()
        findings = evaluate(subject_of(draft), context)
        tally.add(findings, (time.perf_counter() - started) * 1000)
    return tally
