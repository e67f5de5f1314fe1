"""The morning reminder of 依申请公开 deadlines (the worker's ``reminders`` job runs
``remind_disclosure_deadlines``): requests due within a few working days, and overdue
ones, mailed to the holders of ``disclosure.handle_request`` — once a day each, through
the background app's reminder log. The mail names the request's number, never the
requester."""

import datetime as dt

from django.urls import reverse

from background.reminding import ReminderItem, holders_of, remind
from disclosure import selectors


def deadline_reminders(*, today: dt.date) -> int:
    office = tuple(holders_of("disclosure.handle_request"))
    items = [
        ReminderItem(
            key=f"disclosure:{row.request.pk}",
            text=f"政府信息公开申请 {row.request.tracking_number} 应于{row.due:%Y-%m-%d}前答复"
            + ("（已逾期）" if row.overdue else f"（剩余{row.left}个工作日）"),
            url=reverse("disclosure_request", args=[row.request.pk]),
            recipients=office,
        )
        for row in selectors.deadline_rows(today=today)
    ]
    return remind(kind="disclosure", heading="政府信息公开申请答复期限", items=items, day=today)
