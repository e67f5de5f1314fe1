"""The office's screens: masked list, staff entry, each step through the views, the reply
letter as DOCX and PDF; who may open them (office and leader yes, drafters no, anonymous
to the login page)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from disclosure.models import DisclosureRequest
from tests.disclosure.builders import GOOD_ID, file_request, person

D = dt.date


@pytest.fixture
def request_2023(db):
    return file_request(D(2023, 9, 20))


def test_list_masks_the_requester(request_2023, office_user, client):
    client.force_login(office_user)
    html = client.get(reverse("disclosure_requests")).content.decode()
    assert request_2023.tracking_number in html
    assert "马**" in html and "640303********1234" in html and "138****2345" in html
    assert GOOD_ID not in html and "马小花" not in html and "13895012345" not in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [("office_user", 200), ("leader", 200), ("jiuzhu_drafter", 403), ("adviser", 403)],
)
def test_who_may_open_the_requests(request_2023, role, expected, client, request):
    client.force_login(request.getfixturevalue(role))
    for name, args in (("disclosure_requests", []), ("disclosure_request", [request_2023.pk])):
        assert client.get(reverse(name, args=args)).status_code == expected
    report = client.get(reverse("disclosure_report"), {"year": 2023}).status_code
    assert report == (200 if role in ("office_user", "leader") else 403)


def test_anonymous_goes_to_the_login_page(request_2023, client):
    for url in (
        reverse("disclosure_requests"),
        reverse("disclosure_report"),
        reverse("disclosure_scan"),
        reverse("disclosure_request", args=[request_2023.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_entry_keeps_typed_values_on_a_bad_id(office_user, client, db):
    client.force_login(office_user)
    data = {**person(id_number="640303199001011235"), "received_on": "2023-03-01"}
    response = client.post(reverse("disclosure_request_add"), data)
    html = response.content.decode()
    assert response.status_code == 400 and "居民身份证号码有误" in html
    assert "640303199001011235" in html and "2023年红寺堡区城乡低保资金发放情况" in html
    data["id_number"] = GOOD_ID
    assert client.post(reverse("disclosure_request_add"), data).status_code == 302
    assert DisclosureRequest.objects.get().received_on == D(2023, 3, 1)


def test_steps_through_the_screens_and_the_letter(request_2023, office_user, leader, client):
    pk = request_2023.pk
    client.force_login(office_user)

    def step(name, **data):
        return client.post(reverse("disclosure_step", args=[pk, name]), data)

    assert step("ask", day="2023-09-22", letter="请说明所需信息的乡镇。").status_code == 302
    notice = client.get(reverse("disclosure_letter", args=[pk, "docx"]), {"kind": "clarification"})
    notice_text = "\n".join(p.text for p in Document(io.BytesIO(notice.content)).paragraphs)
    assert "补正告知书" in notice_text and "请说明所需信息的乡镇。" in notice_text
    assert step("answer", day="2023-10-09", answer="新庄集乡").status_code == 302
    assert step("extend", day="2023-10-20", reason="需协调").status_code == 403  # the leader's
    client.force_login(leader)
    assert step("extend", day="2023-10-20", reason="需协调乡镇").status_code == 302
    client.force_login(office_user)
    refused = step(
        "reply", day="2023-11-01", reply_type="refused", subtype="third_party", reason=""
    )
    assert refused.status_code == 400
    assert "必须写明不予公开的理由" in refused.content.decode()
    assert (
        step(
            "reply",
            day="2023-11-01",
            reply_type="partial",
            reason="部分涉及第三方个人信息",
            text="现提供2023年新庄集乡低保资金发放汇总表。",
        ).status_code
        == 302
    )
    replied = DisclosureRequest.objects.get(pk=pk)
    assert replied.reply_type == "partial" and not replied.overdue
    actions = list(replied.steps.values_list("action", flat=True))
    assert actions == ["收到申请", "告知补正", "收到补正", "批准延期", "答复"]

    docx = client.get(reverse("disclosure_letter", args=[pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "政府信息公开申请答复书" in text and "部分内容不予公开" in text
    assert "部分涉及第三方个人信息" in text and "2023年11月1日" in text
    pdf = client.get(reverse("disclosure_letter", args=[pk, "pdf"]))
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "答复书" in pdf_text and "新庄集乡" in pdf_text


def test_dashboard_reminds_the_office_and_the_menu_is_the_offices(
    request_2023, office_user, jiuzhu_drafter, client
):
    client.force_login(office_user)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "政府信息公开申请答复期限" in home
    assert request_2023.tracking_number in home and "已超期" in home
    assert reverse("disclosure_requests") in home
    client.force_login(jiuzhu_drafter)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "政府信息公开申请答复期限" not in home
    assert reverse("disclosure_requests") not in home
