"""The portal's application form and status query: Chinese refusals keeping what was
typed, the query code showing only its own request, 补正 sent online, the rate limit."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from disclosure.models import DisclosureRequest
from tests.disclosure.builders import BAD_ID, GOOD_ID, person


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.DISCLOSURE_RATE_LIMIT = "5/10m"
    yield
    cache.clear()


def _post(client, **changes):
    return client.post(reverse("disclosure:request"), person(**changes))


def test_missing_description_is_refused_and_keeps_what_was_typed(client, db):
    response = _post(client, description="", address="红寺堡区红寺堡镇朝阳街12号")
    html = response.content.decode()
    assert response.status_code == 400
    assert "请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。" in html
    assert "红寺堡区红寺堡镇朝阳街12号" in html and "马小花" in html
    assert GOOD_ID not in html and "640303********1234" in html  # public pages mask it
    assert not DisclosureRequest.objects.exists()
    # resubmitting the form as shown (the masked echo) keeps the number that was typed
    assert "13895012345" not in html and "138****2345" in html
    again = _post(
        client, description="低保资金", id_number="640303********1234", phone="138****2345"
    )
    assert again.status_code == 302
    kept = DisclosureRequest.objects.get()
    assert (kept.id_number, kept.phone) == (GOOD_ID, "13895012345")


def test_bad_check_digit_is_refused_and_keeps_what_was_typed(client, db):
    response = _post(client, id_number=BAD_ID, description="低保资金发放明细")
    html = response.content.decode()
    assert response.status_code == 400
    assert "居民身份证号码有误" in html
    assert "640303********1235" in html and "低保资金发放明细" in html
    assert not DisclosureRequest.objects.exists()


def test_filed_request_is_found_only_with_its_code_and_takes_a_clarification(client, db):
    response = _post(client)
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    request = DisclosureRequest.objects.get()
    assert request.tracking_number in receipt
    secret = receipt.split('id="query-secret">')[1].split("<")[0]
    assert client.get(response["Location"]).status_code == 302  # shown once only
    wrong = client.post(
        reverse("disclosure:query"),
        {"tracking_number": request.tracking_number, "secret": "AAAAAAAA"},
    )
    assert wrong.status_code == 404 and "马小花" not in wrong.content.decode()
    request.clarification_asked_on = request.received_on
    request.clarification_letter = "请写明年度。"
    request.save()
    found = client.post(
        reverse("disclosure:query"), {"tracking_number": request.tracking_number, "secret": secret}
    )
    assert "待申请人补正" in found.content.decode() and "请写明年度。" in found.content.decode()
    answered = client.post(
        reverse("disclosure:query"),
        {"tracking_number": request.tracking_number, "secret": secret, "answer": "2023年度"},
    )
    assert "补正内容已提交" in answered.content.decode()
    request.refresh_from_db()
    assert request.clarification_answered_on == request.received_on
    assert request.clarification_answer == "2023年度"


def test_applications_are_rate_limited(client, db, settings):
    settings.DISCLOSURE_RATE_LIMIT = "2/10m"
    assert _post(client).status_code == 302
    assert _post(client).status_code == 302
    refused = _post(client, description="第三次申请的内容")
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert "第三次申请的内容" in refused.content.decode()
    assert DisclosureRequest.objects.count() == 2


def test_a_huge_description_is_refused_in_chinese(client, db):
    response = _post(client, description="低" * 5000)
    assert response.status_code == 400
    assert "描述不能超过4000字（当前5000字）" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


def test_a_refused_clarification_keeps_what_was_typed(client, db):
    from disclosure import services

    request, secret = services.request_file(data=person(), received_on=services.today())
    request.clarification_asked_on, request.clarification_letter = (
        request.received_on,
        "请写明年度。",
    )
    request.save()
    typed = "太阳山镇" * 1001
    response = client.post(
        reverse("disclosure:query"),
        {"tracking_number": request.tracking_number, "secret": secret, "answer": typed},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "补正内容不能超过4000字" in html
    assert typed in html
    request.refresh_from_db()
    assert request.awaiting_clarification
