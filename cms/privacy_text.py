"""The normaliser in front of the personal-number detector (``cms.privacy``).

People write numbers in many ways: full-width digits (１３８), an ID ending in Ｘ or x,
groups separated by an ideographic space (U+3000), a no-break or thin space, a tab, an
en dash, a minus sign (U+2212), a middle dot (·) or 。; in HTML a number may be cut by
inline tags (<b>138</b>12345678), written with character references (&#49;) or joined by
zero-width characters. ``normalise`` rewrites all of that into one plain form the detector
reads: ASCII digits, ``X``/``x``, a single ``SEP`` for every separator, ``JOIN`` for what
is invisible (zero-width characters, inline tags, the rest of a character reference) and
``BREAK`` for what ends a number (block tags).

The offset map back to the original is the identity: every character (or tag, or
character reference) is replaced by exactly as many characters, so position ``i`` of the
normalised text is position ``i`` of the original, and masking replaces the exact span the
person wrote.
"""

from __future__ import annotations

import html
import re
import unicodedata

SEP = " "
JOIN = "\x01"
BREAK = "\x02"

# Dots people put between digit groups (dashes are every Pd character, plus these).
_DOTS = ".．·・･。｡‧•∙"
_DASHES = "\u2212\ufe63\u2043"  # minus sign, small hyphen-minus, hyphen bullet
_X = {"Ｘ": "X", "ｘ": "x", "×": "X", "Ⅹ": "X", "ⅹ": "x"}
# Inline elements do not end a number in the rendered page; every other tag does.
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>|<[!?/][^<>]*>", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


class _Table(dict):
    """A ``str.translate`` table computed per character on first sight, then cached."""

    def __init__(self, *, html_mode: bool):
        super().__init__()
        self.html_mode = html_mode

    def __missing__(self, code: int) -> int:
        self[code] = ord(_normal_char(chr(code), html_mode=self.html_mode))
        return self[code]


def _normal_char(char: str, *, html_mode: bool) -> str:
    if "0" <= char <= "9" or (char.isascii() and char.isalpha()):
        return char
    if char in _X:
        return _X[char]
    if char == "\t" or (html_mode and char in "\n\r\f"):
        return SEP
    category = unicodedata.category(char)
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category in ("Zs", "Pd") or char in _DOTS or char in _DASHES:
        return SEP
    if category == "Cf":
        return JOIN
    return char


_PLAIN = _Table(html_mode=False)
_HTML = _Table(html_mode=True)


def _tag(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    filler = JOIN if name in _INLINE or match.group().startswith("<!--") else BREAK
    return filler * len(match.group())


def _entity(match: re.Match[str]) -> str:
    text = match.group()
    char = html.unescape(text)
    if len(char) != 1 or char == text:
        return text
    return char + JOIN * (len(text) - 1)


def normalise(text: str, *, html_mode: bool = False) -> str:
    """``text`` in the detector's plain form, of exactly the same length (see above).

    ``html_mode`` reads ``text`` as rendered HTML: tags and character references count for
    what a reader sees, and line breaks in the source are spaces.
    """
    if html_mode:
        text = _ENTITY.sub(_entity, _TAG.sub(_tag, text))
        return text.translate(_HTML)
    return text.translate(_PLAIN)


def tags_in(original: str) -> str:
    """The tags inside an original span, in order (kept when the span is masked)."""
    return "".join(match.group() for match in _TAG.finditer(original))
