"""Working-day arithmetic on the official Chinese calendar (法定节假日 with 调休).

Legal deadlines (docs/architecture.md: legality review within 15 working days, at least 5; major
decisions at least 7) count working days as the State Council declares them, not
Monday–Friday: a Sunday can be a make-up workday and a Wednesday a holiday.

Where a day's status comes from, first match wins:

1. a ``WorkdayAdjustment`` row entered by an administrator — so next year's schedule can be
   entered the day the 国务院办公厅 notice is published, and any error corrected;
2. ``chinese-calendar`` for the years it ships (upgrade the package once a year to get the
   next schedule);
3. Monday–Friday for a year neither knows — a guess; ``calendar_coverage`` lets the admin
   warn that the year's holidays are missing.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar

from cms.models.calendar import WorkdayAdjustment, WorkdayKind

ONE_DAY = dt.timedelta(days=1)
# Walking past the loaded range costs another query: extend by this much at a time.
EXTEND_DAYS = 60


def _require_date(day: dt.date) -> None:
    # A datetime never equals the date keys of the adjustments, so it would silently
    # ignore them; refuse it instead of guessing a timezone.
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}")


def _official_is_workday(day: dt.date) -> bool:
    """The State Council schedule from chinese-calendar, or Monday–Friday beyond its data."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # what 1.11 raises for a year outside its data
        return day.weekday() < 5


class WorkingCalendar:
    """Answers ``is_workday`` from memory for a range of days loaded with one query.

    A deadline walks day by day over several weeks; one query per day would be wasteful, so
    the adjustments of the whole range are fetched at once. A day outside the range loads the
    missing stretch (one more query), so a long entered closure is still walked correctly.
    """

    def __init__(self, first: dt.date, last: dt.date) -> None:
        _require_date(first)
        _require_date(last)
        self._overrides: dict[dt.date, bool] = {}
        self._first, self._last = first, max(first, last)
        self._fetch(self._first, self._last)

    def _fetch(self, first: dt.date, last: dt.date) -> None:
        rows = WorkdayAdjustment.objects.filter(day__range=(first, last)).values_list("day", "kind")
        self._overrides.update((day, kind == WorkdayKind.WORKDAY) for day, kind in rows)

    def _cover(self, day: dt.date) -> None:
        if day < self._first:
            self._fetch(day, self._first - ONE_DAY)
            self._first = day
        elif day > self._last:
            last = max(day, self._last + dt.timedelta(days=EXTEND_DAYS))
            self._fetch(self._last + ONE_DAY, last)
            self._last = last

    def is_workday(self, day: dt.date) -> bool:
        _require_date(day)
        self._cover(day)
        override = self._overrides.get(day)
        return _official_is_workday(day) if override is None else override

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself is not counted)."""
        _require_date(start)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        day = start
        while n:
            day += ONE_DAY
            if self.is_workday(day):
                n -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end; the inverse of ``add_working_days``."""
        _require_date(start)
        return sum(
            self.is_workday(start + dt.timedelta(days=offset))
            for offset in range(1, (end - start).days + 1)
        )


def is_workday(day: dt.date) -> bool:
    """Whether ``day`` is a working day: adjustment, else official schedule, else Mon–Fri."""
    return WorkingCalendar(day, day).is_workday(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start``: a deadline (legality review due = start + 15)."""
    _require_date(start)
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if n == 0:
        return start  # no query needed
    # The longest official break (9 days, Spring Festival 2026) fits easily in 2n + 14.
    horizon = start + dt.timedelta(days=2 * n + 14)
    return WorkingCalendar(start + ONE_DAY, horizon).add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days have elapsed after ``start`` up to and including ``end``."""
    _require_date(start)
    _require_date(end)
    if end <= start:
        return 0
    return WorkingCalendar(start + ONE_DAY, end).working_days_between(start, end)


@cache
def calendar_coverage() -> tuple[int, int]:
    """First and last year chinese-calendar knows, so the admin can flag a missing year.

    Read from the library's own data with the same rule it uses to refuse a year, so an
    upgrade that adds a year is picked up without a code change.
    """
    known = chinese_calendar.holidays
    return min(known).year, max(known).year
