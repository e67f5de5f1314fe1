"""Personal data that must never go public unmasked (DESIGN.md §3, publishing guard).

Resident ID numbers (GB 11643-1999, 18 characters with an ISO 7064 MOD 11-2 check
digit), mainland mobile numbers, and bank-card numbers (13–19 digits passing Luhn).
Detection validates check digits, so ordinary numbers (文号, amounts, dates) are not
flagged. An 18-digit number shaped like a resident ID (a province code, a real birth
date) whose check digit is wrong is a mistyped ID: one wrong digit still names the person,
so it is reported as 身份证号 with the note 校验位不符 and masked like any ID, whether or
not it happens to pass Luhn (an 18-digit bank card is never shaped like that). Masking
keeps the first six and last four characters (640303********1234), as beneficiary lists
(低保公示) are published.
"""

import re
from datetime import date
from typing import NamedTuple

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)")
_CARD_RE = re.compile(r"(?<!\d)(\d(?:[ -]?\d){12,18})(?!\d)")
# 省级行政区划代码 (GB/T 2260) that open a resident ID; 83 is for Taiwan residents' permits.
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
WRONG_CHECK_DIGIT = "校验位不符"


class PersonalNumber(NamedTuple):
    kind: str  # "身份证号" | "手机号" | "银行卡号"
    start: int
    end: int
    text: str
    note: str = ""  # WRONG_CHECK_DIGIT for an ID-shaped number whose check digit is wrong

    @property
    def label(self) -> str:
        """What a clerk reads: 身份证号, or 身份证号（校验位不符） for a mistyped one."""
        return f"{self.kind}（{self.note}）" if self.note else self.kind


def id_check_digit(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_resident_id(value: str) -> bool:
    """A resident ID: shaped like one, with the right check digit."""
    return looks_like_resident_id(value) and id_check_digit(value[:17]) == value[17].upper()


def looks_like_resident_id(value: str) -> bool:
    """18 characters shaped like a resident ID (province code, real birth date), check digit aside."""
    value = value.upper()
    if not re.fullmatch(r"\d{17}[\dX]", value) or int(value[:2]) not in _PROVINCES:
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


def find_personal_numbers(text: str) -> list[PersonalNumber]:
    """Unmasked resident IDs, mobile numbers and bank cards in ``text``, in order."""
    found: list[PersonalNumber] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _ID_RE.finditer(text or ""):
        if looks_like_resident_id(match.group(1)):
            found.append(_resident_id(match.group(1), match))
            taken.append(match.span(1))
    for match in _MOBILE_RE.finditer(text or ""):
        if free(*match.span(1)):
            found.append(PersonalNumber("手机号", match.start(1), match.end(1), match.group(1)))
            taken.append(match.span(1))
    for match in _CARD_RE.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(1))
        if not (13 <= len(digits) <= 19 and free(*match.span(1))):
            continue
        if len(digits) == 18 and looks_like_resident_id(digits):
            found.append(_resident_id(digits, match))  # written in groups: 640303 19900101 1234
        elif luhn_ok(digits):
            found.append(PersonalNumber("银行卡号", match.start(1), match.end(1), match.group(1)))
        else:
            continue
        taken.append(match.span(1))
    return sorted(found, key=lambda number: number.start)


def _resident_id(value: str, match: re.Match[str]) -> PersonalNumber:
    """An ID-shaped run: a resident ID, noted 校验位不符 when its check digit is wrong."""
    note = "" if is_resident_id(value) else WRONG_CHECK_DIGIT
    return PersonalNumber("身份证号", match.start(1), match.end(1), match.group(1), note=note)


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
