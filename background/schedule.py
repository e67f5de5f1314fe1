"""When a job is due: every N minutes, or daily at a local time (optionally working days
only). ``latest_slot`` is the most recent due time at or before ``now``; the scheduler
runs a job when that slot has not been claimed yet, so a slot missed while the worker was
down runs once when it starts again (catch-up), never once per missed slot."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Every:
    minutes: int

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        local = timezone.localtime(now).replace(second=0, microsecond=0)
        return local - dt.timedelta(minutes=local.minute % self.minutes)

    def describe(self) -> str:
        return "每分钟" if self.minutes == 1 else f"每{self.minutes}分钟"


@dataclass(frozen=True)
class Daily:
    at: dt.time
    working_days_only: bool = False

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        local = timezone.localtime(now)
        day = local.date()
        if local.time() < self.at:
            day -= dt.timedelta(days=1)
        for _ in range(60):  # the longest holiday is far shorter
            if not self.working_days_only or _is_workday(day):
                break
            day -= dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day, self.at))

    def describe(self) -> str:
        days = "每个工作日" if self.working_days_only else "每天"
        return f"{days} {self.at:%H:%M}"


def _is_workday(day: dt.date) -> bool:
    from cms.calendar import is_workday  # holidays and adjusted days (调休)

    return is_workday(day)
