"""Working-day deadlines follow the State Council schedule, make-up workdays included."""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from cms.calendar import (
    WorkingCalendar,
    add_working_days,
    calendar_coverage,
    is_workday,
    working_days_between,
)
from cms.models.calendar import WorkdayKind
from review.models import WorkdayAdjustment

pytestmark = pytest.mark.django_db


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def adjust(day: date, kind: WorkdayKind, note: str = "") -> WorkdayAdjustment:
    return WorkdayAdjustment.objects.create(day=day, kind=kind, note=note)


def test_a_submission_on_the_friday_before_national_day_2025_is_due_on_23_october():
    submitted = date(2025, 9, 26)  # Friday
    # Counted by hand from the 2025 schedule (国庆、中秋 10-01..10-08 off; 9-28 Sun and
    # 10-11 Sat are make-up workdays), day by day:
    counted = [
        date(2025, 9, 28),  # Sunday, make-up workday
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
        date(2025, 10, 10),
        date(2025, 10, 11),  # Saturday, make-up workday
        *days(date(2025, 10, 13), date(2025, 10, 17)),
        *days(date(2025, 10, 20), date(2025, 10, 23)),
    ]
    assert len(counted) == 15
    assert chinese_calendar.get_workdays(date(2025, 9, 27), date(2025, 10, 23)) == counted

    assert add_working_days(submitted, 15) == date(2025, 10, 23)
    assert add_working_days(submitted, 5) == date(2025, 10, 10)  # earliest ordinary decision
    assert add_working_days(submitted, 1) == date(2025, 9, 28)


def test_the_make_up_sunday_counts_and_the_national_day_week_does_not():
    assert date(2025, 9, 28).weekday() == 6
    assert chinese_calendar.is_workday(date(2025, 9, 28))
    assert is_workday(date(2025, 9, 28))
    assert is_workday(date(2025, 10, 11))  # Saturday, make-up workday
    assert not any(is_workday(d) for d in days(date(2025, 10, 1), date(2025, 10, 8)))
    assert not is_workday(date(2025, 9, 27))  # ordinary Saturday


def test_a_review_submitted_before_the_2026_spring_festival_is_due_on_9_march():
    submitted = date(2026, 2, 10)  # Tuesday
    # 2026 春节: 02-15..02-23 off; Saturdays 02-14 and 02-28 are make-up workdays.
    assert not any(
        chinese_calendar.is_workday(d) for d in days(date(2026, 2, 15), date(2026, 2, 23))
    )
    assert chinese_calendar.is_workday(date(2026, 2, 14))
    assert chinese_calendar.is_workday(date(2026, 2, 28))
    assert len(chinese_calendar.get_workdays(date(2026, 2, 11), date(2026, 3, 9))) == 15

    assert is_workday(date(2026, 2, 14)) and is_workday(date(2026, 2, 28))
    assert add_working_days(submitted, 4) == date(2026, 2, 14)  # the make-up Saturday
    assert add_working_days(submitted, 5) == date(2026, 2, 24)  # first day after the break
    assert add_working_days(submitted, 7) == date(2026, 2, 26)  # major decision minimum
    assert add_working_days(submitted, 15) == date(2026, 3, 9)
    # Submitted during the break: the clock only starts when the office reopens.
    assert add_working_days(date(2026, 2, 16), 1) == date(2026, 2, 24)


@pytest.mark.parametrize("n", [0, 1, 5, 7, 15])
def test_elapsed_working_days_undo_the_deadline_for_every_start_in_2025_and_2026(n):
    for start in days(date(2025, 1, 1), date(2026, 12, 31)):
        due = add_working_days(start, n)
        assert working_days_between(start, due) == n, start
        if n:
            assert is_workday(due) and working_days_between(start, due - timedelta(days=1)) == n - 1
        if n and due.year <= 2026:  # independent count by the library itself
            assert len(chinese_calendar.get_workdays(start + timedelta(days=1), due)) == n, start


def test_no_working_days_elapse_when_the_end_is_not_after_the_start():
    assert working_days_between(date(2025, 10, 23), date(2025, 10, 23)) == 0
    assert working_days_between(date(2025, 10, 23), date(2025, 9, 26)) == 0
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 23)) == 15


@pytest.mark.skipif(
    calendar_coverage()[1] >= 2027,
    reason="chinese-calendar now knows 2027: move this test to the first year it does not know",
)
class TestA2027NotYetInTheLibrary:
    def test_the_library_refuses_2027(self):
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(date(2027, 1, 4))

    def test_without_adjustments_only_weekends_are_off(self):
        assert is_workday(date(2027, 1, 1))  # a Friday: 元旦 unknown until entered
        assert not is_workday(date(2027, 1, 2)) and not is_workday(date(2027, 1, 3))
        assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)
        assert add_working_days(date(2027, 2, 5), 6) == date(2027, 2, 15)
        assert working_days_between(date(2027, 2, 5), date(2027, 2, 28)) == 15

    def test_the_administrators_holidays_and_make_up_saturday_are_followed(self):
        # Test data, not the (unpublished) 2027 schedule.
        adjust(date(2027, 1, 1), WorkdayKind.HOLIDAY, "2027年元旦")
        for d in days(date(2027, 2, 8), date(2027, 2, 12)):
            adjust(d, WorkdayKind.HOLIDAY, "2027年春节")
        adjust(date(2027, 2, 20), WorkdayKind.WORKDAY, "2027年春节调休")
        assert date(2027, 2, 20).weekday() == 5

        assert not is_workday(date(2027, 1, 1))
        assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
        assert is_workday(date(2027, 2, 20))
        assert add_working_days(date(2027, 2, 5), 5) == date(2027, 2, 19)
        assert add_working_days(date(2027, 2, 5), 6) == date(2027, 2, 20)
        assert working_days_between(date(2027, 2, 5), date(2027, 2, 28)) == 11

    def test_a_closure_longer_than_the_first_look_ahead_is_walked_through(self):
        for d in days(date(2027, 3, 2), date(2027, 4, 30)):
            adjust(d, WorkdayKind.HOLIDAY, "test closure")
        assert add_working_days(date(2027, 3, 1), 1) == date(2027, 5, 3)
        assert working_days_between(date(2027, 3, 1), date(2027, 5, 3)) == 1


def test_an_adjustment_overrides_the_library_inside_a_known_year():
    assert not chinese_calendar.is_workday(date(2025, 10, 8))
    adjust(date(2025, 10, 8), WorkdayKind.WORKDAY)
    assert is_workday(date(2025, 10, 8))
    assert add_working_days(date(2025, 9, 26), 15) == date(2025, 10, 22)  # one day earlier

    assert chinese_calendar.is_workday(date(2025, 9, 28))
    adjust(date(2025, 9, 28), WorkdayKind.HOLIDAY)
    assert not is_workday(date(2025, 9, 28))


def test_calendar_coverage_is_the_range_of_years_the_library_answers():
    first, last = calendar_coverage()
    assert first == 2004
    assert last >= 2026
    chinese_calendar.is_workday(date(first, 6, 1))
    chinese_calendar.is_workday(date(last, 6, 1))
    for outside in (date(first - 1, 6, 1), date(last + 1, 6, 1)):
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(outside)


def test_a_deadline_costs_one_query_and_a_zero_day_deadline_none(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(date(2026, 2, 10), 15) == date(2026, 3, 9)
    with django_assert_num_queries(1):
        assert working_days_between(date(2026, 2, 10), date(2026, 3, 9)) == 15
    with django_assert_num_queries(0):
        assert add_working_days(date(2026, 2, 10), 0) == date(2026, 2, 10)


def test_one_calendar_answers_many_questions_from_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        cal = WorkingCalendar(date(2025, 9, 1), date(2025, 10, 31))
        assert cal.add_working_days(date(2025, 9, 26), 15) == date(2025, 10, 23)
        assert cal.working_days_between(date(2025, 9, 1), date(2025, 9, 30)) == 22


def test_a_negative_count_or_a_datetime_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2025, 9, 26), -1)
    with pytest.raises(TypeError):
        add_working_days(datetime(2025, 9, 26, 9, 0), 15)
    with pytest.raises(TypeError):
        is_workday(datetime(2025, 9, 28, 9, 0))
