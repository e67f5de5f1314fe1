"""Chinese text analysis shared by every index: CJK bigrams, like Elasticsearch's ``cjk``.

A run of Chinese characters becomes its overlapping two-character tokens (规范性文件 →
规范 范性 性文 文件); a query becomes the same tokens as a phrase, so any query of two or
more characters matches exactly where it occurs as a substring — 合同 inside 劳动合同书,
低保 inside 城乡低保对象. Latin words and numbers are lower-cased whole tokens. A
one-character run is kept as itself.
"""

import re
from collections.abc import Iterator

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


def is_cjk_run(run: str) -> bool:
    """Whether ``run`` (one of ``runs``) is Chinese characters."""
    return bool(_CJK_RUN.match(run))


def has_cjk(text: str) -> bool:
    return bool(re.search(f"[{_CJK}]", text or ""))


# N-gram tokens (the PostgreSQL token index): besides each bigram, the 3- and 4-character
# grams starting at the same character, all at that character's position. A word of two
# to four Chinese characters is then one token — one exact index lookup, no phrase check —
# and a longer phrase is narrowed by its 4-grams (search.backends.phrases).
MAX_GRAM = 4


def gram_sequences(text: str) -> Iterator[tuple[list[str], int]]:
    """The index tokens of ``text`` as sequences of consecutive grams with the 1-based
    character offset of the first: per Chinese run, its bigrams, then its 3-grams, then its
    4-grams (a gram's position is where it starts); a Latin word, number or one-character
    run is a sequence of itself. Lists, not single tokens: slicing in a comprehension is
    several times cheaper per token than any per-token Python step."""
    for match in _TOKEN_RE.finditer(text or ""):
        run, at = match.group(), match.start() + 1
        length = len(run)
        if length == 1 or not _CJK_RUN.match(run):
            yield [run.lower()], at
            continue
        for size in range(2, min(MAX_GRAM, length) + 1):
            yield [run[i : i + size] for i in range(length - size + 1)], at
