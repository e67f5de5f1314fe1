"""The morning reminder: the office is mailed a request due within five working days, or
overdue, once a day; the mail names the number, never the requester."""

import datetime as dt

from django.core import mail
from django.core.management import call_command

from disclosure import services
from disclosure.vocab import ReplyType
from tests.disclosure.builders import GOOD_ID, file_request


def test_due_and_overdue_requests_remind_the_office_once_a_day(office_user, db):
    office_user.email = "office@example.cn"
    office_user.save()
    due_soon = file_request(dt.date(2023, 9, 20))  # due 24 October 2023
    replied = file_request(dt.date(2023, 9, 20))
    services.reply_record(
        request=replied, day=dt.date(2023, 10, 9), reply_type=ReplyType.GRANTED, user=office_user
    )
    file_request(dt.date(2023, 10, 16))  # due in November: not yet
    mail.outbox.clear()

    call_command("remind_disclosure_deadlines", "--date", "2023-10-18", verbosity=0)
    call_command("remind_disclosure_deadlines", "--date", "2023-10-18", verbosity=0)
    (message,) = mail.outbox
    assert message.to == ["office@example.cn"]
    assert due_soon.tracking_number in message.body and replied.tracking_number not in message.body
    assert "2023-10-24" in message.body and "马小花" not in message.body
    assert GOOD_ID not in message.body
    call_command("remind_disclosure_deadlines", "--date", "2023-10-25", verbosity=0)
    assert "已逾期" in mail.outbox[-1].body
