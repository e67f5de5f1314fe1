"""The reply deadline: 20 working days from receipt, 补正 restarting the clock, the
leader's extension — across 国庆 2023 and 春节 2024 (调休 Sundays are working days)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from disclosure import deadlines, services
from disclosure.vocab import ReplyType
from tests.disclosure.builders import file_request

D = dt.date


@pytest.fixture
def handlers(office_user, leader):
    return office_user, leader


def test_twenty_working_days_across_national_day(db):
    # Received Wed 20 Sep 2023; 29 Sep–6 Oct off, Sat 7 and Sun 8 Oct worked.
    request = file_request(D(2023, 9, 20))
    assert deadlines.due_date(request) == D(2023, 10, 24)


def test_clarification_stops_then_restarts_and_extension_across_spring_festival(db, handlers):
    office, leader = handlers
    request = file_request(D(2024, 1, 22))
    assert deadlines.due_date(request) == D(2024, 2, 22)  # 春节 10–17 Feb, Sun 4 and 18 worked
    services.clarification_ask(
        request=request, day=D(2024, 1, 25), letter="请写明低保资金的年度和乡镇。", user=office
    )
    assert deadlines.due_date(request) is None  # the clock stops
    services.clarification_answer(request=request, day=D(2024, 2, 5), answer="2023年，新庄集乡。")
    # Counted afresh from the day the 补正 arrived: 6–9 Feb (4), Sun 18 Feb (5), … 8 Mar (20).
    assert deadlines.due_date(request) == D(2024, 3, 8)
    services.extension_approve(
        request=request, day=D(2024, 3, 1), reason="需要协调乡镇提供数据。", user=leader
    )
    assert deadlines.due_date(request) == D(2024, 4, 8)  # 清明 4–6 Apr off, Sun 7 Apr worked
    request.refresh_from_db()
    assert request.status == "办理中（已延期）"


def test_extension_only_by_the_leader(db, handlers):
    office, _ = handlers
    request = file_request(D(2023, 3, 1))
    with pytest.raises(ValidationError, match="只有局领导"):
        services.extension_approve(request=request, day=D(2023, 3, 10), reason="复杂", user=office)


def test_late_reply_is_accepted_and_marked_overdue(db, handlers):
    office, _ = handlers
    request = file_request(D(2023, 9, 20))
    replied = services.reply_record(
        request=request, day=D(2023, 10, 25), reply_type=ReplyType.GRANTED, user=office
    )
    assert replied.overdue and replied.due_at_reply == D(2023, 10, 24)
    assert replied.status == "已答复（逾期）"
    on_time = file_request(D(2023, 9, 20))
    assert not services.reply_record(
        request=on_time, day=D(2023, 10, 24), reply_type=ReplyType.GRANTED, user=office
    ).overdue


def test_refusal_without_reason_is_refused(db, handlers):
    office, _ = handlers
    request = file_request(D(2023, 5, 8))
    with pytest.raises(ValidationError, match="必须写明不予公开的理由"):
        services.reply_record(
            request=request,
            day=D(2023, 5, 20),
            reply_type=ReplyType.REFUSED,
            subtype="state_secret",
            reason="  ",
            user=office,
        )
    with pytest.raises(ValidationError, match="须选择具体情形"):
        services.reply_record(
            request=request,
            day=D(2023, 5, 20),
            reply_type=ReplyType.REFUSED,
            reason="涉及国家秘密",
            user=office,
        )
    request.refresh_from_db()
    assert request.replied_on is None


def test_query_code_finds_only_its_own_request(db):
    request, secret = services.request_file(
        data=__import__("tests.disclosure.builders", fromlist=["person"]).person(),
        received_on=D(2023, 6, 1),
    )
    other = file_request(D(2023, 6, 2))
    assert (
        services.request_by_code(tracking_number=request.tracking_number, secret=secret) == request
    )
    assert services.request_by_code(tracking_number=other.tracking_number, secret=secret) is None
    assert services.request_by_code(tracking_number=request.tracking_number, secret="WRONG") is None
