"""Every cell of the annual disclosure report's tables equals a count of its records,
computed here independently from the rows, and the exports carry the same numbers."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from disclosure import services
from disclosure.models import AppealCase
from disclosure.report import build, cells, exports
from disclosure.vocab import SUBTYPES, ReplyType, RequesterKind
from tests import factories
from tests.disclosure.builders import file_request

D = dt.date
COLUMNS = [kind.value for kind in RequesterKind]


@pytest.fixture
def year_2023(office_user, jiuzhu, site_tree):
    def org(kind):
        return {
            "requester_kind": kind,
            "name": "",
            "id_type": "",
            "id_number": "",
            "org_name": "宁夏某律师事务所",
            "credit_code": "91640300MA76XKQ51U",
            "contact_person": "李明",
        }

    carried = file_request(D(2022, 12, 20))  # carried into 2023, answered 2023
    services.reply_record(
        request=carried, day=D(2023, 1, 10), reply_type=ReplyType.GRANTED, user=office_user
    )
    done_2022 = file_request(D(2022, 11, 1))  # answered in 2022: not carried
    services.reply_record(
        request=done_2022, day=D(2022, 11, 20), reply_type=ReplyType.GRANTED, user=office_user
    )
    legal = file_request(D(2023, 3, 1), **org(RequesterKind.LEGAL_SERVICE))
    services.reply_record(
        request=legal,
        day=D(2023, 3, 20),
        reply_type=ReplyType.REFUSED,
        subtype="third_party",
        reason="涉及第三方个人隐私",
        user=office_user,
    )
    business = file_request(D(2023, 4, 3), **org(RequesterKind.BUSINESS))
    services.reply_record(
        request=business,
        day=D(2023, 6, 30),
        reply_type=ReplyType.PARTIAL,
        reason="部分涉及商业秘密",
        user=office_user,
    )  # late: overdue
    person = file_request(D(2023, 7, 3))
    services.reply_record(
        request=person,
        day=D(2023, 7, 20),
        reply_type=ReplyType.UNAVAILABLE,
        subtype="not_held",
        user=office_user,
    )
    file_request(D(2023, 12, 25))  # carried forward
    answered_2024 = file_request(D(2023, 12, 20))
    services.reply_record(
        request=answered_2024, day=D(2024, 1, 5), reply_type=ReplyType.GRANTED, user=office_user
    )
    file_request(D(2024, 2, 1))  # next year: nowhere in 2023
    AppealCase.objects.create(
        year=2023, group="review", outcome="upheld", title="马某诉区民政局复议"
    )
    AppealCase.objects.create(
        year=2023, group="suit_direct", outcome="pending", title="（2023）宁0303行初1号"
    )
    factories.make_document(
        jiuzhu, title="在2023年公布的文件", published_on=D(2023, 5, 6), live=True
    )
    return 2023


def _expected_request_cells(year):
    from disclosure.models import DisclosureRequest

    first, last = D(year, 1, 1), D(year, 12, 31)
    rows = list(DisclosureRequest.objects.all())
    groups = {
        "new": [r for r in rows if first <= r.received_on <= last],
        "carried": [
            r
            for r in rows
            if r.received_on < first and (r.replied_on is None or r.replied_on >= first)
        ],
        "forward": [
            r
            for r in rows
            if r.received_on <= last and (r.replied_on is None or r.replied_on > last)
        ],
        "result.total": [r for r in rows if r.replied_on and r.replied_on.year == year],
    }
    for reply_type in ReplyType:
        answered = [r for r in groups["result.total"] if r.reply_type == reply_type]
        if reply_type in SUBTYPES:
            for code, _ in SUBTYPES[reply_type]:
                groups[f"result.{reply_type}.{code}"] = [
                    r for r in answered if r.reply_subtype == code
                ]
        else:
            groups[f"result.{reply_type}"] = answered
    expected = {}
    for code, chosen in groups.items():
        for column in COLUMNS:
            expected[f"s3.{code}.{column}"] = sum(r.requester_kind == column for r in chosen)
        expected[f"s3.{code}.total"] = len(chosen)
    return expected


def test_every_request_cell_equals_a_count_of_its_records(year_2023):
    computed = {
        code: cell.value
        for code, cell in cells.all_cells(year_2023).items()
        if code.startswith("s3.")
    }
    expected = _expected_request_cells(year_2023)
    assert computed == expected
    # the national table's check: new + carried = answered + carried forward, per column
    for column in [*COLUMNS, "total"]:
        assert expected[f"s3.new.{column}"] + expected[f"s3.carried.{column}"] == (
            expected[f"s3.result.total.{column}"] + expected[f"s3.forward.{column}"]
        )
    assert expected["s3.new.total"] == 5 and expected["s3.carried.total"] == 1


def test_appeals_proactive_and_overdue_cells(year_2023):
    every = cells.all_cells(year_2023)
    assert every["s4.review.upheld"].value == 1 and every["s4.review.total"].value == 1
    assert every["s4.suit_direct.pending"].value == 1 and every["s4.suit_after.total"].value == 0
    assert every["s1.overdue"].value == 1
    assert every["s2.normative.issued"].value == 1
    assert every["s2.licensing"].value == 0 and every["s2.licensing"].note


def test_drill_down_lists_the_records_and_exports_match(year_2023, office_user, client):
    client.force_login(office_user)
    page = client.get(reverse("disclosure_report_cell", args=["s3.new.total"]), {"year": 2023})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("YSQ2023-") == 5
    report = build.disclosure_report(2023)
    workbook = load_workbook(io.BytesIO(exports.report_xlsx(report)))
    sheet = workbook["三、依申请公开"]
    new_row = next(
        row for row in sheet.iter_rows(values_only=True) if str(row[0]).startswith("一、")
    )
    assert new_row[-1] == 5
    document = Document(io.BytesIO(exports.report_docx(report)))
    assert len(document.tables) == 3
    assert document.tables[1].rows[1].cells[-1].text == "5"
    assert client.get(reverse("disclosure_report"), {"year": "abcd"}).status_code == 400
