"""Highlighted snippets cut from the original text (never from the token index)."""

from django.utils.safestring import SafeString

from cms.highlight import passages
from search.analysis import runs


def _needles(terms: list[str]) -> list[str]:
    """Substrings to mark: each run of each positive query term."""
    return [run for term in terms for run in runs(term)]


def snippets(text: str, terms: list[str], *, width: int = 60, limit: int = 3) -> list[SafeString]:
    """Up to ``limit`` passages around the first matches, matches wrapped in <mark>."""
    return passages(text, _needles(terms), width=width, limit=limit)
