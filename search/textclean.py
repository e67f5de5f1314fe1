"""Cleaning extracted text: GBK mojibake repair, whitespace, fake bold, and recognising a text
layer that decodes to garbage (its page is then read by OCR, or flagged, never indexed)."""

from __future__ import annotations

import itertools
import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN1_RUN = re.compile(r"(?:[\x81-\xfe][\x40-\x7e\x80-\xfe])+")
_UCS2_RUN = re.compile(r"[\ua000-\uf8ff\U00010000-\U0010ffff]{2,}")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_LATIN1_HIGH = re.compile(r"[\xa1-\xff]")
_LATIN1_PAIRS = re.compile(r"[\xa1-\xff]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")
_SPACES = re.compile(r"[ \t\r\u00a0\u2000-\u200b\u3000]+")
_REPEAT = {k: re.compile(rf"(\S.{{0,63}}?)\1{{{k - 1}}}") for k in (4, 3, 2)}
_BOLD_RUN = {k: re.compile(rf"(?:([^\s\d])\1{{{k - 1}}}(?!\1)){{5,}}") for k in (4, 3, 2)}


def clean_text(text: str, fake_bold: bool = True) -> tuple[str, bool]:
    """Strip NULs, repair GBK mojibake, normalise whitespace and (for PDF text, where overprint
    happens) collapse fake-bold repeats; return (text, repaired)."""
    text, repaired = _repair_mojibake(text.replace("\x00", "").replace("\f", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in _CONTROL.sub("", text).split("\n")]
    if fake_bold:
        lines = [_collapse_bold(line) for line in lines]
        # pypdf emits an overprinted line twice ("本科\n本科"): drop repeats when they dominate
        repeats = sum(1 for a, b in itertools.pairwise(lines) if len(b) >= 2 and a == b)
        if repeats >= 3 and 2 * repeats >= 0.4 * sum(1 for line in lines if line):
            lines = [b for i, b in enumerate(lines) if not i or len(b) < 2 or b != lines[i - 1]]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), repaired


def _gbk(match: re.Match[str], encoding: str) -> str:
    """Re-read a garbled run's bytes as GBK when that yields mostly Chinese; else keep it."""
    raw = match.group().encode(encoding, "surrogatepass")
    if encoding != "latin-1" and sum(b >= 0xA1 for b in raw) < 0.9 * len(raw):  # not GB2312
        return match.group()
    out = raw.decode("gbk", errors="replace")
    bad = out.count("\ufffd") > len(out) // 10 or len(_CJK_OR_PUNCT.findall(out)) < 0.8 * len(out)
    return match.group() if bad else out


def _repair_mojibake(text: str) -> tuple[str, bool]:
    """Two ways GBK text comes out wrong, each repaired only when its signature dominates:
    bytes shown as Latin-1 ("ÖÐÎÄ" for 中文; real accents stand alone or in pairs, "Café",
    "ação") and byte pairs read as UTF-16, pypdf's fallback for GBK-EUC CMaps ("컒쏇" for 我们;
    GB2312's common hanzi land on Hangul, icons in the private-use area do not)."""
    original, high = text, sum("\x80" <= c <= "\xff" for c in text)
    runs = sum(map(len, re.findall(r"[\x80-\xff]{4,}", text)))  # ≥ 2 hanzi = ≥ 4 bytes in a row
    if runs >= max(4, 0.6 * high) and high >= 2 * len(_CJK.findall(text)):
        text = _LATIN1_RUN.sub(lambda m: _gbk(m, "latin-1"), text)
    wide = _UCS2_RUN.findall(text)
    if wide and len(re.findall(r"[\uac00-\ud7a3]", "".join(wide))) >= 0.5 * len("".join(wide)):
        text = _UCS2_RUN.sub(lambda m: _gbk(m, "utf-16-be"), text)
    return text, text != original


def looks_garbled(text: str) -> bool:
    """Heuristic for text from a font whose ToUnicode map is wrong: leftover Hangul/Yi, rare
    CJK Extension A ideographs, many U+FFFD among the Chinese characters, private-use glyphs,
    or Latin-1 pairs where Chinese should be (GBK bytes shown one by one: "Ä¿ ¡¡ Â¼ ¹Ø ÓÚ"
    is 目　录 关于; the repair needs longer runs, real accents stand alone: "Café", "été")."""
    cjk, odd = len(_CJK.findall(text)), len(re.findall(r"[\ua000-\ud7ff]", text))
    ext_a, bad = len(re.findall(r"[\u3400-\u4dbf]", text)), text.count("\ufffd")
    many_odd = odd > max(1, 0.1 * (cjk + odd))
    visible = len(text) - sum(c.isspace() for c in text)
    private = len(_PRIVATE_USE.findall(text))
    latin = len(_LATIN1_HIGH.findall(text))
    paired = sum(map(len, _LATIN1_PAIRS.findall(text)))
    latin_garbage = latin >= 6 and paired >= 0.7 * latin and latin >= cjk
    return (
        many_odd
        or ext_a >= max(1, 0.1 * cjk)
        or bad > max(2, 0.1 * len(text))
        or (private >= 3 and private >= 0.2 * visible)
        or latin_garbage
    )


def _collapse_bold(line: str) -> str:
    """Fake bold (overprinted 2–4 times) comes out as "规规范范性性" or "年报年报年报": collapse
    when k-fold repeats cover ≥ 80 % of the line with ≥ 3 distinct characters, or ≥ 5 characters
    in a row are each repeated k times, so "常常", "人人" stay (a line of AABB idioms alone,
    "高高兴兴快快乐乐", is collapsed too: a known limit)."""
    visible = len(line) - line.count(" ")
    pairs = list(itertools.pairwise(line))
    # such a line has ≤ 0.2·n + 0.8·n/2 distinct characters and either few distinct bigrams
    # ("年报年报") or many doubled neighbours ("规规范范"): a cheap test before the regexes
    likely = len(set(line)) <= 0.6 * visible + 1 and (
        len(set(pairs)) <= 0.6 * visible + 2 or sum(a == b for a, b in pairs) >= 0.3 * visible
    )
    for pattern in _REPEAT.values() if likely and len(line) <= 2000 else ():
        matches = list(pattern.finditer(line))
        units = "".join({m.group(1) for m in matches})
        covered = sum(m.end() - m.start() for m in matches)
        if covered >= 0.8 * visible and len(units) >= 3 and any(c.isalpha() for c in units):
            return pattern.sub(r"\1", line)
    for k, pattern in _BOLD_RUN.items():
        line = pattern.sub(lambda m, k=k: m.group()[::k], line)
    return line
