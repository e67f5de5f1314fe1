"""Highlighted snippets cut from the original text (never from the token index)."""

import html
import re

from django.utils.safestring import SafeString

from search.analysis import runs


def _needles(terms: list[str]) -> list[str]:
    """Substrings to mark: each run of each positive query term, longest first."""
    return sorted({run for term in terms for run in runs(term)}, key=len, reverse=True)


def snippets(text: str, terms: list[str], *, width: int = 60, limit: int = 3) -> list[SafeString]:
    """Up to ``limit`` passages around the first matches, matches wrapped in <mark>."""
    needles = _needles(terms)
    if not needles or not text:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    result: list[SafeString] = []
    covered_until = -1
    for match in pattern.finditer(text):
        if match.start() < covered_until:
            continue
        start = max(0, match.start() - width // 2)
        end = min(len(text), match.end() + width // 2)
        covered_until = end
        passage = text[start:end]
        marked = pattern.sub(lambda m: f"\x00{m.group()}\x01", passage)
        # html.escape, not Django's escape(): same escaping, without the lazy-string
        # wrapper that cost half the time of a results page's highlights.
        marked = html.escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        result.append(SafeString(f"{prefix}{' '.join(marked.split())}{suffix}"))
        if len(result) >= limit:
            break
    return result
