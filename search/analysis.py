"""Chinese text analysis shared by every index: CJK bigrams, like Elasticsearch's ``cjk``.

A run of Chinese characters becomes its overlapping two-character tokens (规范性文件 →
规范 范性 性文 文件); a query becomes the same tokens as a phrase, so any query of two or
more characters matches exactly where it occurs as a substring — 合同 inside 劳动合同书,
低保 inside 城乡低保对象. Latin words and numbers are lower-cased whole tokens. A
one-character run is kept as itself.
"""

import re

# CJK Unified Ideographs (+ extension A and compatibility) — what Chinese text is made of.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]+|[0-9A-Za-z\u00c0-\u024f]+")
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")


def _run_tokens(run: str) -> list[str]:
    if _CJK_RUN.match(run):
        if len(run) == 1:
            return [run]
        return [run[i : i + 2] for i in range(len(run) - 1)]
    return [run.lower()]


def tokens(text: str) -> list[str]:
    """Index tokens of ``text`` in order (positions matter for phrase queries)."""
    result: list[str] = []
    for match in _TOKEN_RE.finditer(text or ""):
        result.extend(_run_tokens(match.group()))
    return result


def index_text(text: str) -> str:
    """``text`` as a space-separated token string for a whitespace-tokenising index."""
    return " ".join(tokens(text))


def phrase_tokens(term: str) -> list[list[str]]:
    """A query term as phrases: each run of the term is one phrase of its tokens.

    "劳动合同" → [["劳动", "动合", "合同"]]; "低保2024" → [["低保"], ["2024"]].
    """
    return [_run_tokens(match.group()) for match in _TOKEN_RE.finditer(term or "")]


def runs(text: str) -> list[str]:
    """The searchable runs of ``text`` as written (Chinese runs, words, numbers)."""
    return [match.group() for match in _TOKEN_RE.finditer(text or "")]


def has_cjk(text: str) -> bool:
    return bool(re.search(f"[{_CJK}]", text or ""))
