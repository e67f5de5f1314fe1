"""The reporting period: a calendar year or any date range, both ends included."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(ValueError):
    """A period that cannot be reported on; the message is Chinese, for the user."""


class Period(NamedTuple):
    start: dt.date
    end: dt.date

    @classmethod
    def for_year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def parse(cls, *, year: str = "", start: str = "", end: str = "") -> Period:
        """From the query string: ``year=2023`` or ``start=…&end=…`` (YYYY-MM-DD)."""
        if start or end:
            if not (start and end):
                raise PeriodError("按日期范围统计时，开始日期和结束日期都须填写。")
            first, last = _date(start, "开始日期"), _date(end, "结束日期")
            if last < first:
                raise PeriodError(
                    f"结束日期（{last:%Y-%m-%d}）不能早于开始日期（{first:%Y-%m-%d}）。"
                )
            return cls(first, last)
        text = (year or "").strip() or str(timezone.localdate().year)
        if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise PeriodError(f"年度应为{FIRST_YEAR}至{LAST_YEAR}之间的四位数字，如 2023。")
        return cls.for_year(int(text))

    @property
    def year(self) -> int | None:
        """The calendar year when the period is exactly one, else None."""
        whole = self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(
            self.start.year, 12, 31
        )
        return self.start.year if whole else None

    @property
    def label(self) -> str:
        if self.year:
            return f"{self.year}年度"
        return f"{self.start:%Y年%m月%d日}至{self.end:%Y年%m月%d日}"

    def query(self) -> dict[str, str]:
        if self.year:
            return {"year": str(self.year)}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def datetime_range(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware [start, end) bounds in the bureau's time zone, for DateTimeField filters."""
        first = timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))
        after = timezone.make_aware(dt.datetime.combine(self.end + dt.timedelta(1), dt.time.min))
        return first, after

    def datetime_filter(self, field: str) -> dict:
        first, after = self.datetime_range()
        return {f"{field}__gte": first, f"{field}__lt": after}


def _date(text: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError(f"{name}“{text}”格式不正确，应为 YYYY-MM-DD，如 2023-01-01。") from None
