"""Highlighted passages cut from the original text: one routine for every search surface.

The admin search (search app), the portal's result list and the API's ``documents/?q=``
all show the same kind of passage; the search app decides *which* substrings to mark
(its analysis), this decides how a passage is cut, escaped and marked.
"""

import html
import re

from django.utils.safestring import SafeString


def passages(text: str, needles, *, width: int = 60, limit: int = 3) -> list[SafeString]:
    """Up to ``limit`` passages of ``text`` around ``needles``, each match in <mark>.

    The text is HTML-escaped, runs of whitespace become one space, and a passage that
    does not reach an end of the text is marked with "…" on that side. Longer needles
    win where two overlap.
    """
    needles = sorted({n for n in needles if n and n.strip()}, key=len, reverse=True)
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
        marked = pattern.sub(lambda m: f"\x00{m.group()}\x01", text[start:end])
        # html.escape, not Django's escape(): same escaping, without the lazy-string
        # wrapper that cost half the time of a results page's highlights.
        marked = html.escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        result.append(SafeString(f"{prefix}{' '.join(marked.split())}{suffix}"))
        if len(result) >= limit:
            break
    return result
