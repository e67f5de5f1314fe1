"""Personal data that must never go public unmasked (DESIGN.md §3, publishing guard).

Resident ID numbers (GB 11643-1999, 18 characters with an ISO 7064 MOD 11-2 check
digit), mainland mobile numbers, and bank-card numbers (13–19 digits passing Luhn).
Detection validates check digits, so ordinary numbers (文号, amounts, dates) are not
flagged; masking keeps the first and last four characters (640303**********1234),
as beneficiary lists (低保公示) are published.
"""

import re
from typing import NamedTuple

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)")
_CARD_RE = re.compile(r"(?<!\d)(\d(?:[ -]?\d){12,18})(?!\d)")


class PersonalNumber(NamedTuple):
    kind: str  # "身份证号" | "手机号" | "银行卡号"
    start: int
    end: int
    text: str


def id_check_digit(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_resident_id(value: str) -> bool:
    value = value.upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    month, day = int(value[10:12]), int(value[12:14])
    return 1 <= month <= 12 and 1 <= day <= 31 and id_check_digit(value[:17]) == value[17]


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def find_personal_numbers(text: str) -> list[PersonalNumber]:
    """Unmasked resident IDs, mobile numbers and bank cards in ``text``, in order."""
    found: list[PersonalNumber] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _ID_RE.finditer(text or ""):
        if is_resident_id(match.group(1)):
            found.append(PersonalNumber("身份证号", match.start(1), match.end(1), match.group(1)))
            taken.append(match.span(1))
    for match in _MOBILE_RE.finditer(text or ""):
        if free(*match.span(1)):
            found.append(PersonalNumber("手机号", match.start(1), match.end(1), match.group(1)))
            taken.append(match.span(1))
    for match in _CARD_RE.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(1))
        if 13 <= len(digits) <= 19 and free(*match.span(1)) and luhn_ok(digits):
            found.append(PersonalNumber("银行卡号", match.start(1), match.end(1), match.group(1)))
            taken.append(match.span(1))
    return sorted(found, key=lambda number: number.start)


def mask_number(value: str) -> str:
    """640303199001011234 → 640303********1234; 13812345678 → 138****5678."""
    digits = re.sub(r"[\s-]", "", value)
    keep_head = 3 if len(digits) == 11 else 6 if len(digits) == 18 else 4
    return digits[:keep_head] + "*" * (len(digits) - keep_head - 4) + digits[-4:]


def mask_personal_numbers(text: str) -> str:
    result, last = [], 0
    for number in find_personal_numbers(text):
        result.append(text[last : number.start])
        result.append(mask_number(number.text))
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
        f"{where}含未脱敏的{number.kind}（{mask_number(number.text)}），不能公开"
        for where, text in content.privacy_texts()
        for number in find_personal_numbers(text or "")
    ]
