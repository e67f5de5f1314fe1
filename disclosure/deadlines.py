"""The reply deadline of a request (政府信息公开条例 第三十条、第三十三条), on the official
working-day calendar of ``cms.calendar`` (holidays and 调休 included).

- 20 working days counted from receipt: the day after the request arrived is day one.
- 补正: from the day the office asks, the clock stops; 答复期限自收到补正的申请之日起计算
  (第三十条), so once the requester's answer arrives the 20 days start again from that day.
- An extension the leader approves adds at most 20 working days (第三十三条).
"""

from __future__ import annotations

import datetime as dt

from cms import calendar

REPLY_WORKING_DAYS = 20
EXTENSION_WORKING_DAYS = 20


def clock_start(request) -> dt.date:
    """The day the clock counts from: receipt, or the day the 补正 arrived."""
    return request.clarification_answered_on or request.received_on


def due_date(request) -> dt.date | None:
    """The last day to reply; None while the clock stops for 补正."""
    if request.awaiting_clarification:
        return None
    days = REPLY_WORKING_DAYS + (EXTENSION_WORKING_DAYS if request.extended_on else 0)
    return calendar.add_working_days(clock_start(request), days)


def working_days_left(request, today: dt.date) -> int | None:
    """Working days from ``today`` to the due date (negative: overdue); None when paused."""
    due = due_date(request)
    if due is None:
        return None
    if due >= today:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)
