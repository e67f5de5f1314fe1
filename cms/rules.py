"""Pure rules of the domain (docs/architecture.md, Rules with numbers): 发文字号 format and validity.

No database access here, so forms, services, the API and management commands share
exactly one implementation.
"""

import re
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings

# Look-alike brackets people type instead of the official 六角括号 〔〕.
_OPEN_BRACKETS = "〔[【(（［﹝"
_CLOSE_BRACKETS = "〕]】)）］﹞"
DOC_NUMBER_RE = re.compile(
    rf"^(?P<prefix>[\u4e00-\u9fffA-Za-z]{{1,20}})\s*[{re.escape(_OPEN_BRACKETS)}]\s*"
    rf"(?P<year>\d{{4}})\s*[{re.escape(_CLOSE_BRACKETS)}]\s*(?P<seq>\d{{1,5}})\s*号$"
)
PROVISIONAL_MARKERS = ("暂行", "试行")


def bureau_name() -> str:
    """The issuing body (发文机关) by default: the bureau this installation serves."""
    return settings.BUREAU_NAME


class DocNumber(NamedTuple):
    """A parsed 发文字号 such as 红民发〔2023〕12号: 机关代字, 年份, 序号."""

    prefix: str
    year: int
    seq: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.seq}号"


def parse_doc_number(raw: str) -> DocNumber | None:
    """Parse a 发文字号, accepting look-alike brackets; ``None`` when malformed."""
    match = DOC_NUMBER_RE.match((raw or "").strip())
    if not match:
        return None
    return DocNumber(match["prefix"], int(match["year"]), int(match["seq"]))


def normalise_doc_number(raw: str) -> str:
    """The canonical spelling (〔〕, no spaces, no leading zeros), or '' when malformed."""
    parsed = parse_doc_number(raw)
    return str(parsed) if parsed else ""


def is_provisional(title: str) -> bool:
    """A 暂行/试行 document may stay in force at most two years."""
    return any(marker in (title or "") for marker in PROVISIONAL_MARKERS)


def max_validity_years(title: str) -> int:
    if is_provisional(title):
        return settings.VALIDITY_YEARS_PROVISIONAL
    return settings.VALIDITY_YEARS_DEFAULT


def add_years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return start.replace(year=start.year + years, month=3, day=1)


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    import calendar

    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def latest_valid_until(title: str, effective_on: date) -> date:
    """The last day a document effective on ``effective_on`` may still be in force.

    "有效期5年" counted from 施行日期: effective 2023-03-01 → valid until 2028-02-29.
    """
    return add_years(effective_on, max_validity_years(title)) - timedelta(days=1)


def validity_error(title: str, effective_on: date | None, valid_until: date | None) -> str:
    """Why ``valid_until`` is out of bounds, in Chinese, or '' when it is acceptable."""
    if not effective_on or not valid_until:
        return ""
    if valid_until <= effective_on:
        return "有效期至必须晚于施行日期。"
    limit = latest_valid_until(title, effective_on)
    if valid_until > limit:
        kind = "标题含“暂行”或“试行”的文件" if is_provisional(title) else "规范性文件"
        return (
            f"{kind}有效期最长{max_validity_years(title)}年，"
            f"有效期至不能晚于{limit.year}年{limit.month}月{limit.day}日。"
        )
    return ""
