"""What every pre-review rule is made of: the draft it reads, what it reports, its defaults.

A rule is a small class with a code, a title, a default severity (阻断 / 警告 / 提示), the
kinds of draft it applies to, default parameters an administrator may override, and a
``check`` that yields ``Hit``s. Rules read a ``Subject`` (plain text and fields, built
once per run) and a ``Context`` (reference data loaded once per run), never the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from cms.kinds import ItemKind

DOCUMENT, CONTRACT, DECISION = (
    ItemKind.NORMATIVE_DOCUMENT,
    ItemKind.CONTRACT,
    ItemKind.MAJOR_DECISION,
)
ALL_KINDS = frozenset({DOCUMENT, CONTRACT, DECISION})
EXCERPT_RADIUS = 24


class Source(NamedTuple):
    """A text the rules read: the body, a contract's text, or one attachment (pages by \\f)."""

    label: str
    text: str


class AttachmentInfo(NamedTuple):
    """An attachment's extraction outcome, for the rule that reports unreadable files."""

    label: str
    status: str
    note: str
    pages: int
    truncated_at: int  # characters kept when the text was longer than the run's limit; 0 = all
    ocr: str = ""  # how OCR read it ("OCR（1 页识别，平均置信度 91%）"); "" for a text layer


class Hit(NamedTuple):
    """One finding before it is stored. ``severity`` overrides the rule's default for this
    hit (e.g. a cited document that is abolished blocks, one that is missing only warns)."""

    location: str
    message: str
    suggestion: str = ""
    excerpt: str = ""
    masked: str = ""
    severity: str = ""


class Rule:
    code = ""
    title = ""
    severity = "警告"
    kinds: frozenset[str] = ALL_KINDS
    description = ""
    parameters: dict[str, Any] = {}

    def check(self, subject, context, params: dict[str, Any]) -> Iterable[Hit]:
        raise NotImplementedError


def where(source: Source, start: int) -> str:
    """The source's label, with the page for PDF text (pages are joined by a form feed)."""
    if "\f" not in source.text:
        return source.label
    return f"{source.label} 第{source.text.count(chr(12), 0, start) + 1}页"


def excerpt(text: str, start: int, end: int, radius: int = EXCERPT_RADIUS) -> str:
    before = text[max(0, start - radius) : start]
    after = text[end : end + radius]
    return " ".join(f"{before}【{text[start:end]}】{after}".split())[:300]
