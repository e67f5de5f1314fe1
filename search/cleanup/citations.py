"""Detect citations of repealed statutes in Chinese text (清理规则：引用已废止的法律法规).

Since 2021-01-01 the 民法典 replaced nine laws (docs/architecture.md); a normative document still
relying on them is a cleanup candidate. Drafters cite them in many ways — 《中华人民共和国
合同法》, 《合同法》（1999年）, 〈婚姻法〉 nested in an interpretation's title, or plainly
"依照合同法第七十三条" — while look-alikes (《劳动合同法》, "有关合同法规", "物权法定") must
not count, nor a repeal clause that merely lists them. The function is pure (no database,
no Django) so a campaign, the pre-upload ``cleanup_scan`` command and the evaluation share
it, and fast: one compiled alternation per statute list, cached by the list itself.

A bare (unquoted) name only counts where Chinese would put a word boundary: at the start
of a clause, after punctuation, or after a function word or citing verb (依照、根据、适用、
违反、符合、属于…). A name glued to another content character — 劳动合同法, 技术合同法,
经济合同法 — is a different law; a name followed by 律/规/学/典/定… is a different word
(合同法律, 合同法规, 合同法学, 物权法定).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from search.cleanup.repeal import inside, repeal_spans

__all__ = [
    "PRC_PREFIX",
    "Citation",
    "StatuteName",
    "find_amended_citations",
    "find_citations",
    "find_repealed_citations",
]

PRC_PREFIX = "中华人民共和国"
EXCERPT_RADIUS = 20
REPEALED, AMENDED = "已废止", "已修改"
# Up to this many spellings one compiled alternation is fastest; beyond it (the whole library,
# hundreds to thousands of names) an Aho-Corasick automaton scans each character once.
_REGEX_MAX_NAMES = 80


class StatuteName(NamedTuple):
    """A statute, every spelling a citation may use (the PRC prefix is always optional), and
    its 时效性. Lists built for one status only may leave ``status`` at 已废止."""

    canonical: str
    names: tuple[str, ...]
    status: str = REPEALED


class Citation(NamedTuple):
    """One citation: ``start``/``end`` cover the marks too (《…》, 〈…〉) so highlighting shows them."""

    statute: str
    start: int
    end: int
    excerpt: str
    form: str  # "quoted" | "nested" | "bare"
    status: str = REPEALED


QUOTED, NESTED, BARE = "quoted", "nested", "bare"
_NESTED_OPEN = frozenset("〈<＜")
_NESTED_CLOSE = frozenset("〉>＞")
# A version or date in brackets may follow the name inside the marks: 《婚姻法（2001修正）》.
_TRAILING_BRACKET = re.compile(r"\s*[（(][^（）()]{1,24}[）)]$")
_SUFFIX = re.compile(r"[ \u3000]*(?:[（(][^（）()《》〈〉<>\n]{1,24}[）)][ \u3000]*)?")

# Last characters of the function words and citing verbs that may precede a bare name:
# 依照 按照 参照 比照 / 根据 依据 / 适用 引用 援用 准用 / 违反 违背 抵触 / 符合 遵守 遵循 /
# 属于 对于 关于 基于 鉴于 / 有关 相关 / 以 由 自 从 至 在 即 为 是 系 有 无 非 / 具备 所称 简称
# 上述 参见 援引 跨越 / 执行 施行 实施 现行 / 修改 颁布 通过 学习 宣传 / 原 旧 新 / 的 之 和 与
# 及 或 并 且 而 但 也 亦 如 若 将 把 被 了 等 经 因 凭 部 (这部) 条 (第X条和) 款 项.
_LEFT_OK = frozenset(
    "照据依按用援准反背触合守循于关对以由自从至在即为是系属有备称述见引执行施改布过习传"
    "原旧新现的之和与及或并且而但也亦如若将把被了等经因凭部条款项无非越"
)
# Two-character words ending in a character that otherwise starts a compound name.
_LEFT_OK_PAIRS = frozenset({"我国", "中国", "本国"})
# After a name ending in 法, characters that make 法 start a longer word: 合同法律, 合同法规,
# 合同法学, 合同法典, 物权法定, 合同法院, 婚姻法庭, 法官, 法理, 法治, 法制, 法系, 法务, 法益,
# 法人, 法师. "合同法规定" is the name plus 规定 (a citation), "合同法规规定" is 法规 again.
_RIGHT_BLOCK = frozenset("律规学典定院庭官理治制系务益人师")


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


Scan = Callable[[str], Iterator[tuple[int, int, str]]]


class _Matcher(NamedTuple):
    scan: Scan  # (start, end, name) of leftmost-longest, non-overlapping name hits
    statute_by_name: dict[str, StatuteName]


def _regex_scan(names: list[str]) -> Scan:
    # Longest names first: at one position 涉外经济合同法 wins over 合同法. The optional
    # 中华人民共和国 is checked backwards from each hit (``_with_prefix``): a leading optional
    # group would make the engine try it at every position, ~8× slower.
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))))
    return lambda text: ((m.start(), m.end(), m.group()) for m in pattern.finditer(text))


def _automaton_scan(names: list[str]) -> Scan:
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return lambda text: (
        (end + 1 - len(name), end + 1, name) for end, name in automaton.iter_long(text)
    )


@lru_cache(maxsize=64)
def _matcher(statutes: tuple[StatuteName, ...]) -> _Matcher | None:
    """Index every spelling of every statute; cached, the list is a hashable tuple.

    With the whole library indexed, a longer title wins over a shorter one it contains
    (劳动合同法 over 合同法) even where no word boundary would tell them apart.
    """
    statute_by_name: dict[str, StatuteName] = {}
    # "某办法（试行）" is also cited as 《某办法》; the suffix is then optional. A name written
    # out in full wins over such a shortened one: 民事诉讼法 is the code in force, not the
    # repealed 民事诉讼法（试行）.
    for shorten in (False, True):
        for statute in statutes:
            for name in (statute.canonical, *statute.names):
                base = name.strip().strip("《》").strip().removeprefix(PRC_PREFIX).strip()
                variant = _TRAILING_BRACKET.sub("", base) if shorten else base
                if len(variant) >= 2:
                    statute_by_name.setdefault(variant, statute)
    if not statute_by_name:
        return None
    names = list(statute_by_name)
    scan = _regex_scan(names) if len(names) <= _REGEX_MAX_NAMES else _automaton_scan(names)
    return _Matcher(scan, statute_by_name)


def _with_prefix(text: str, start: int) -> int:
    """Move ``start`` back over a 中华人民共和国 (and spaces) written before the name."""
    position = start
    while position > 0 and text[position - 1] in " \u3000":
        position -= 1
    if position >= len(PRC_PREFIX) and text.startswith(PRC_PREFIX, position - len(PRC_PREFIX)):
        return position - len(PRC_PREFIX)
    return start


def _closing(text: str, end: int, closers: frozenset[str]) -> int | None:
    """Offset just past the closing mark when only an optional bracket suffix precedes it."""
    suffix_end = _SUFFIX.match(text, end)
    position = suffix_end.end() if suffix_end else end
    if position < len(text) and text[position] in closers:
        return position + 1
    return None


def _bare_ok(text: str, start: int, end: int) -> bool:
    """A bare name counts only at a word boundary on both sides (see module docstring)."""
    if (
        text[end - 1] == "法"
        and end < len(text)
        and text[end] in _RIGHT_BLOCK
        and text[end : end + 2] != "规定"
    ):
        return False
    if start == 0:
        return True
    left = text[start - 1]
    if not _is_cjk(left) or left in _LEFT_OK:
        return True
    return text[max(0, start - 2) : start] in _LEFT_OK_PAIRS


def _classify(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Return (form, start, end) of a real citation at this name, or None for a look-alike."""
    left = start - 1
    while left >= 0 and text[left] in " \u3000":
        left -= 1
    before = text[left] if left >= 0 else ""
    if before == "《":
        # Inside 《》 the name must be the whole title: 《婚姻法律程序与财产条例》 is another law.
        close = _closing(text, end, frozenset("》"))
        return (QUOTED, left, close) if close else None
    if before in _NESTED_OPEN:
        # The outer 《 may be unclosed on this line (titles wrap), so only 〈…〉 is required.
        close = _closing(text, end, _NESTED_CLOSE)
        return (NESTED, left, close) if close else None
    return (BARE, start, end) if _bare_ok(text, start, end) else None


def _excerpt(text: str, start: int, end: int) -> str:
    snippet = text[max(0, start - EXCERPT_RADIUS) : end + EXCERPT_RADIUS]
    return " ".join(snippet.split())


@lru_cache(maxsize=64)
def _prefilter(
    statutes: tuple[StatuteName, ...], statuses: frozenset[str]
) -> Callable[[str], bool] | None:
    """Whether a text holds any name with a wanted status: most texts hold none and skip
    the whole-library scan. None when no statute has a wanted status."""
    matcher = _matcher(statutes)
    names = (
        [n for n, s in matcher.statute_by_name.items() if s.status in statuses] if matcher else []
    )
    if not names:
        return None
    if len(names) <= _REGEX_MAX_NAMES:
        pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len)))
        return lambda text: pattern.search(text) is not None
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return lambda text: next(automaton.iter(text), None) is not None


def find_citations(
    text: str, statutes: list[StatuteName], statuses: frozenset[str] | None = None
) -> list[Citation]:
    """Every citation in ``text`` of a statute in ``statutes`` (with a status in ``statuses``,
    default any), in text order.

    Names are matched with and without 中华人民共和国, longest first, over the whole list:
    a statute of another status still shadows a shorter name inside its own. Citations
    inside a repeal clause ("《…婚姻法》、《…继承法》同时废止") are skipped, but the same
    law cited elsewhere in the document still counts.
    """
    if not text:
        return []
    key = tuple(statutes)
    matcher = _matcher(key)
    if matcher is None:
        return []
    if statuses is not None:
        holds_any = _prefilter(key, frozenset(statuses))
        if holds_any is None or not holds_any(text):
            return []
    citations: list[Citation] = []
    spans: list[tuple[int, int]] | None = None  # computed lazily: most texts have no hit
    for hit_start, hit_end, name in matcher.scan(text):
        statute = matcher.statute_by_name[name]
        if statuses is not None and statute.status not in statuses:
            continue
        found = _classify(text, _with_prefix(text, hit_start), hit_end)
        if found is None:
            continue
        form, start, end = found
        if spans is None:
            spans = repeal_spans(text)
        if spans and inside(spans, start):
            continue
        citations.append(
            Citation(
                statute=statute.canonical,
                start=start,
                end=end,
                excerpt=_excerpt(text, start, end),
                form=form,
                status=statute.status,
            )
        )
    return citations


_REPEALED_ONLY, _AMENDED_ONLY = frozenset({REPEALED}), frozenset({AMENDED})


def find_repealed_citations(text: str, statutes: list[StatuteName]) -> list[Citation]:
    """The citations of 已废止 statutes: ``statutes`` is either the repealed list alone or
    the whole library (``library_from_db``), whose other titles then shadow look-alikes."""
    return find_citations(text, statutes, _REPEALED_ONLY)


def find_amended_citations(text: str, statutes: list[StatuteName]) -> list[Citation]:
    """The citations of 已修改 statutes (worth checking which version is meant)."""
    return find_citations(text, statutes, _AMENDED_ONLY)


def cited_statutes(citations: list[Citation]) -> list[str]:
    """Canonical names in order of first citation, each once (the ``repealed`` field)."""
    return list(dict.fromkeys(citation.statute for citation in citations))
