"""Find repeal clauses (废止条款) so that the laws they merely list are not reported as citations.

A law that replaces others ends with "…《中华人民共和国婚姻法》、《中华人民共和国继承法》…同时废止"
(民法典第一千二百六十条), and decisions say "决定废止下列法律：《…》". Such a passage does
not *rely on* the listed laws — it is the very act that retired them — so a cleanup run that
flagged it would propose abolishing the 民法典 for citing what it repealed. The rule is
linguistic, not a list of documents: a run of book-title marks joined only by list
separators, followed (after adverbs like 同时/一并/自…起/予以) by 废止 or 停止执行, or
introduced by 废止. A local document's list names each title with its 文号 in brackets —
"《…的通知》（红民发〔2019〕8号）、《…》(红民发〔2020〕3号)同时废止" — so a bracketed
文号 may follow any listed title.
"""

from __future__ import annotations

import re

__all__ = ["repeal_spans"]

# One title in 《》; 〈〉 may nest inside it. No newline: a title never spans lines in a list.
_TITLE = r"《[^《》\n]{1,80}》"
# "（红民发〔2019〕8号）" or "(红民发[2019]8号文件)" right after a title: its 文号, part of the list.
_NUMBER = r"(?:[ \u3000]*[（(][^（）()《》\n]{1,30}?号(?:文件)?[）)])?"
_ITEM = _TITLE + _NUMBER
# What retires the listed documents. Not 失效 (a document that "已失效" may still be cited).
_REPEAL = r"(?:废止|废除|停止执行)"
# List separators between titles; a citing verb (根据/依照…) is not one, so a list cannot
# swallow a real citation that merely happens to precede another title.
_SEP = r"(?:[、，,\s]|以及|和|及|与|或)*"
# What may stand between the last listed title and 废止. "《合同法》已于2021年1月1日废止"
# states a fact about the law and does not rely on it, so 已/已经/已于…/被 belong here too.
_GAP = r"[^。；;，,、！？\n《》]{1,16}?"
_WORDS = r"(?:同时|一并|均|也|亦|予以|即行|自行|相应|随之|同日|已经|已|被)*"
# At most one date phrase, so a long run of 于于于… cannot make the engine backtrack.
_ADVERB = rf"{_WORDS}(?:(?:已于|自|于){_GAP}起?)?{_WORDS}"
# "…的《A》、《B》同时废止": the list may not start right after a citing verb, so in
# "根据《合同法》，《某办法》同时废止" only 《某办法》 belongs to the repeal list; nor right
# after 、, so "依照《A》、《B》予以废止" (a citation, then what is repealed) is no list at all.
_CITING_CHARS = "据照用反守依按循背、"
_LIST_THEN_REPEAL = re.compile(rf"(?<![{_CITING_CHARS}])(?:{_ITEM}{_SEP})+?{_ADVERB}{_REPEAL}")
# "决定废止下列法律：一、《A》；二、《B》" and "关于废止《A》的决定". Not "已废止的《A》":
# a text that relies on a law while calling it repealed still cites it.
_INTRO = (
    r"(?:下列|以下|如下|部分|上述|这些|了|[\d一二三四五六七八九十百]+(?:件|部|个|项)"
    r"|法律|行政法规|法规|规章|司法解释|规范性文件|文件)*"
)
_ENUM = r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?"
_REPEAL_THEN_LIST = re.compile(
    rf"{_REPEAL}{_INTRO}(?:[：:]\s*|[ \u3000]*)(?:{_ENUM}{_ITEM}[、，,；;\s和及与]*)+"
)


def repeal_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of repeal-clause lists in ``text``, in order.

    Cheap when the text never says 废止/废除/停止执行, which is the common case, so the
    detector can call it for every document.
    """
    if "废止" not in text and "废除" not in text and "停止执行" not in text:
        return []
    spans = [m.span() for m in _LIST_THEN_REPEAL.finditer(text)]
    spans.extend(m.span() for m in _REPEAL_THEN_LIST.finditer(text))
    spans.sort()
    return spans


def inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls inside one of the (few) ``spans``."""
    return any(start <= position < end for start, end in spans)
