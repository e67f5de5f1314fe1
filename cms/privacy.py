"""Personal data that must never go public unmasked (the publishing guards and every output).

Resident ID numbers (GB 11643-1999, 18 characters with an ISO 7064 MOD 11-2 check
digit), mainland mobile numbers, and bank-card numbers (13–19 digits passing Luhn).
This is the one detector: the portal pages, feeds and sitemap, the API (ours and
Wagtail's stock endpoints), pre-review, the relief import and the publishing guards all
call ``find_personal_numbers`` / ``mask_personal_numbers``.

Text is first normalised (``cms.privacy_text``): full-width digits, Ｘ, every Unicode
space, dash and dot between groups, zero-width characters, and — in HTML — inline tags and
character references. The detector then reads *chains* of digit groups and tries every
run of whole groups: numbers inside longer digit runs are never matched. Detection
validates check digits, so ordinary numbers (文号, amounts, dates) are not flagged:

- an ID is 18 characters shaped like one (a province code, a real birth date), in any
  grouping (6403 0319 9001 0112 3X). One whose check digit is wrong is a mistyped ID:
  one wrong digit still names the person, so it is reported as 身份证号 with the note
  校验位不符 and masked like any ID, whether or not it happens to pass Luhn;
- a mobile is 1[3-9] and nine digits, alone or after 86 / +86 / 0086, unbroken or in
  groups of three or more (138 1234 5678), or spelt out as a whole run;
- a bank card passes Luhn and is one unbroken run, or (starting with 3–9) written in
  groups of four or more, or spelt out as a whole run. Years, dates and amounts start
  with 1 or 2 or are too short, so they are not cards.

Masking keeps the first six and last four characters of an ID (640303********1234), the
first three and last four of a mobile, the first and last four of a card, as beneficiary
lists (低保公示) are published; it replaces exactly the span the number was written in
(tags inside it are kept, so the HTML stays well formed).
"""

import re
from datetime import date
from typing import NamedTuple

from cms.privacy_text import JOIN, normalise, tags_in

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_GROUP = rf"[0-9](?:{JOIN}*[0-9])*"
_GAP = rf"{JOIN}*(?: {JOIN}*){{1,5}}"
_CHAIN = re.compile(
    rf"(?<![0-9]){_GROUP}(?:{_GAP}{_GROUP})*(?:{JOIN}*(?: {JOIN}*){{0,5}}[Xx](?![A-Za-z0-9]))?"
)
_PIECE = re.compile(rf"[0-9](?:{JOIN}*[0-9])*|[Xx]")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_MOBILE_PREFIXES = ("86", "0086")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")
# 省级行政区划代码 (GB/T 2260) that open a resident ID; 83 is for Taiwan residents' permits.
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
WRONG_CHECK_DIGIT = "校验位不符"
ID, MOBILE, CARD = "身份证号", "手机号", "银行卡号"


class PersonalNumber(NamedTuple):
    kind: str  # "身份证号" | "手机号" | "银行卡号"
    start: int  # the span in the text as given (HTML included)
    end: int
    text: str  # exactly as written there: full-width, separators, tags…
    note: str = ""  # WRONG_CHECK_DIGIT for an ID-shaped number whose check digit is wrong
    digits: str = ""  # the number itself: ASCII digits (and X / x)

    @property
    def label(self) -> str:
        """What a clerk reads: 身份证号, or 身份证号（校验位不符） for a mistyped one."""
        return f"{self.kind}（{self.note}）" if self.note else self.kind

    @property
    def masked(self) -> str:
        return _mask_digits(self.digits)


def id_check_digit(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_resident_id(value: str) -> bool:
    """A resident ID: shaped like one, with the right check digit."""
    return looks_like_resident_id(value) and id_check_digit(value[:17]) == value[17].upper()


def looks_like_resident_id(value: str) -> bool:
    """18 characters shaped like a resident ID (province code, real birth date), check digit aside."""
    value = value.upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value) or int(value[:2]) not in _PROVINCES:
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class _Piece(NamedTuple):
    start: int
    end: int
    chars: str  # digits, or "X" / "x"


class _Chain(NamedTuple):
    pieces: list[_Piece]
    letter_before: bool  # an ASCII letter right before (AB110105…: a code, not an ID)
    letter_after: bool


class _Found(NamedTuple):
    kind: str
    first: int  # index of the first piece
    last: int
    skip: int = 0  # leading characters of the first piece that are not the number (86…)
    note: str = ""


def _neighbour_is_letter(normal: str, index: int, step: int) -> bool:
    while 0 <= index < len(normal) and normal[index] == JOIN:
        index += step
    return 0 <= index < len(normal) and bool(_LETTER.match(normal[index]))


def _chains(normal: str):
    for match in _CHAIN.finditer(normal):
        if match.end() - match.start() < 11 or len(_DIGIT.findall(match.group())) < 11:
            continue  # too few digits for any personal number: most numbers stop here
        pieces = [
            _Piece(piece.start(), piece.end(), piece.group().replace(JOIN, ""))
            for piece in _PIECE.finditer(normal, match.start(), match.end())
        ]
        yield _Chain(
            pieces,
            _neighbour_is_letter(normal, match.start() - 1, -1),
            _neighbour_is_letter(normal, match.end(), 1),
        )


def _runs(chain: _Chain, first: int):
    """(last piece, characters) of every run of whole pieces from ``first``, up to 19 long."""
    value = ""
    for last in range(first, len(chain.pieces)):
        value += chain.pieces[last].chars
        if len(value) > 19:
            return
        yield last, value


def _id_at(chain: _Chain, first: int) -> _Found | None:
    if first == 0 and chain.letter_before:
        return None
    for last, value in _runs(chain, first):
        if len(value) != 18 or not looks_like_resident_id(value):
            continue
        if last == len(chain.pieces) - 1 and chain.letter_after:
            return None
        note = "" if is_resident_id(value) else WRONG_CHECK_DIGIT
        return _Found(ID, first, last, note=note)
    return None


def _whole(chain: _Chain, first: int, last: int, *, after_prefix: bool = False) -> bool:
    """The run is the whole chain (a mobile may keep its 86 before it)."""
    lead = first == 0 or (after_prefix and first == 1 and chain.pieces[0].chars in _MOBILE_PREFIXES)
    return lead and last == len(chain.pieces) - 1


def _mobile_at(chain: _Chain, first: int) -> _Found | None:
    pieces = chain.pieces
    for last, value in _runs(chain, first):
        for prefix in ("", *_MOBILE_PREFIXES):  # 8613812345678, 86138 1234 5678
            if len(prefix) >= len(pieces[first].chars) or not value.startswith(prefix):
                continue
            if _MOBILE.fullmatch(value[len(prefix) :]) and (
                first == last
                or all(len(piece.chars) >= 3 for piece in pieces[first : last + 1])
                or _whole(chain, first, last, after_prefix=True)
            ):
                return _Found(MOBILE, first, last, skip=len(prefix))
    return None


def _card_at(chain: _Chain, first: int) -> _Found | None:
    pieces = chain.pieces
    for last, value in reversed(list(_runs(chain, first))):
        if not (13 <= len(value) <= 19 and value.isdigit() and luhn_ok(value)):
            continue
        if len(value) == 18 and looks_like_resident_id(value):
            continue  # an ID-shaped run is an ID or nothing (see _id_at)
        grouped = value[0] in "3456789" and (
            all(len(piece.chars) >= 4 for piece in pieces[first:last]) or _whole(chain, first, last)
        )
        if first == last or grouped:
            return _Found(CARD, first, last)
    return None


def _scan(text: str, normal: str) -> list[PersonalNumber]:
    found = []
    for chain in _chains(normal):
        for hit in _resolve(chain, _hits(chain), _hits(chain, cards=True)):
            start = _char_index(normal, chain.pieces[hit.first].start, hit.skip)
            end = chain.pieces[hit.last].end
            digits = "".join(piece.chars for piece in chain.pieces[hit.first : hit.last + 1])
            found.append(
                PersonalNumber(hit.kind, start, end, text[start:end], hit.note, digits[hit.skip :])
            )
    return found


def _hits(chain: _Chain, *, cards: bool = False) -> list[_Found]:
    """IDs and mobiles, or else cards, left to right, each after the last one found."""
    hits, first = [], 0
    while first < len(chain.pieces):
        hit = _card_at(chain, first) if cards else _id_at(chain, first) or _mobile_at(chain, first)
        if hit is None:
            first += 1
            continue
        hits.append(hit)
        first = hit.last + 1
    return hits


def _resolve(chain: _Chain, others: list[_Found], cards: list[_Found]) -> list[_Found]:
    """Where a card and an ID or mobile overlap, the wider reading wins, so no digit of
    either stays visible (6222 0202 1381 2345 678 is a card) — except that a mobile's
    86 / 0086 before it does not make it a card (+86 138 1234 5678)."""
    kept = list(others)
    for card in cards:
        rivals = [hit for hit in kept if hit.first <= card.last and card.first <= hit.last]
        covered = {i for hit in rivals for i in range(hit.first, hit.last + 1)}
        extra = [
            chain.pieces[i].chars for i in range(card.first, card.last + 1) if i not in covered
        ]
        if rivals and all(chars in _MOBILE_PREFIXES for chars in extra):
            continue
        kept = [hit for hit in kept if hit not in rivals] + [card]
    return kept


def _char_index(normal: str, start: int, skip: int) -> int:
    """Where the digit ``skip`` places after the one at ``start`` is (joiners skipped)."""
    index = start
    for _ in range(skip):
        index += 1
        while normal[index] == JOIN:
            index += 1
    return index


def find_personal_numbers(text: str, *, html: bool | None = None) -> list[PersonalNumber]:
    """Unmasked resident IDs, mobile numbers and bank cards in ``text``, in order.

    ``html`` also reads ``text`` as rendered HTML (numbers cut by inline tags, character
    references); by default it does so when the text holds ``<`` or ``&``.
    """
    if not text or len(_DIGIT.findall(text)) < 11:
        return []  # every number found has at least eleven digits
    found = _scan(text, normalise(text))
    if html or (html is None and ("<" in text or "&" in text)):
        # What a reader sees wins; the plain reading adds what hides in attributes.
        seen = _scan(text, normalise(text, html_mode=True))
        found = seen + [
            number
            for number in found
            if all(number.end <= other.start or number.start >= other.end for other in seen)
        ]
    return sorted(found, key=lambda number: number.start)


def _mask_digits(digits: str) -> str:
    keep_head = 3 if len(digits) == 11 else 6 if len(digits) == 18 else 4
    return digits[:keep_head] + "*" * (len(digits) - keep_head - 4) + digits[-4:]


def mask_number(value: str) -> str:
    """640303199001011234 → 640303********1234; １３８ １２３４ ５６７８ → 138****5678."""
    normal = normalise(value, html_mode="<" in value or "&" in value)
    return _mask_digits("".join(char for char in normal if char in "0123456789Xx"))


def mask_personal_numbers(text: str, *, html: bool | None = None) -> str:
    """``text`` with every personal number's span replaced by its masked form."""
    result, last = [], 0
    for number in find_personal_numbers(text, html=html):
        result.append(text[last : number.start])
        result.append(number.masked + tags_in(number.text))
        last = number.end
    result.append(text[last:])
    return "".join(result)


def publish_problems(obj, revision) -> list[str]:
    """The publishing guard (cms.gates): unmasked numbers in what ``revision`` would publish.

    Models opt in with ``privacy_texts()`` yielding (where, text) of every public field,
    inline rows included; the revision's content is checked, not the stored row.
    """
    obj = getattr(obj, "specific", obj)
    if not hasattr(obj, "privacy_texts"):
        return []
    content = revision.as_object() if revision is not None else obj
    return [
        f"{where}含未脱敏的{number.kind}（{number.masked}），不能公开"
        for where, text in content.privacy_texts()
        for number in find_personal_numbers(text or "")
    ]


def mask_name(name: str) -> str:
    """A person's name in a listing: 马小花 → 马**, 欧阳娜娜 → 欧***; '' stays ''."""
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""
