"""Public consultation (征求意见): the window rule, comments, spam guards, the drafter's answer."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import PublicComment
from cms.models.consultations import consultation_window_error
from tests.portal.conftest import DRAFT, open_for_consultation

pytestmark = pytest.mark.django_db


def url(page) -> str:
    return f"/consultations/{page.pk}/"


def comment(client, page, text="建议明确救助资金的发放时限。", address="203.0.113.7", **extra):
    data = {"name": "马女士", "contact": "", "text": text, "website": "", **extra}
    return client.post(url(page), data, REMOTE_ADDR=address)


@pytest.fixture
def consultation(library):
    return open_for_consultation(library["draft"])


def test_an_open_draft_shows_its_latest_text_on_the_consultation_page_only(client, consultation):
    response = client.get(url(consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{DRAFT}（征求意见稿）" in html
    assert "专账管理" in html
    assert "正在征求意见" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert client.get(consultation.url).status_code == 404  # never the normal page URL
    assert DRAFT in client.get("/").content.decode()
    assert DRAFT in client.get("/consultations/").content.decode()


def test_a_comment_is_kept_with_a_hashed_address(client, consultation):
    response = comment(client, consultation, contact="13812345678")
    assert response.status_code == 302
    assert response["Location"].endswith("?submitted=1#comment-result")
    kept = PublicComment.objects.get()
    assert kept.document_id == consultation.pk
    assert kept.name == "马女士" and kept.contact == "13812345678"
    assert "203.0.113.7" not in kept.ip_hash and len(kept.ip_hash) == 64
    assert "您的意见已提交" in client.get(response["Location"]).content.decode()


def test_name_and_contact_are_optional_but_text_is_required(client, consultation):
    assert comment(client, consultation, name="").status_code == 302
    response = comment(client, consultation, text="   ")
    assert response.status_code == 400
    assert "请填写意见内容" in response.content.decode()
    assert PublicComment.objects.count() == 1


def test_the_honeypot_refuses_a_robot_and_stores_nothing(client, consultation):
    response = comment(client, consultation, website="http://spam.example")
    assert response.status_code == 400
    assert "提交未被接受" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_the_sixth_comment_in_ten_minutes_from_one_address_is_refused(client, consultation):
    for n in range(5):
        assert comment(client, consultation, text=f"第{n + 1}条意见").status_code == 302
    response = comment(client, consultation, text="第6条意见")
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert "10分钟内最多提交5条" in response.content.decode()
    assert PublicComment.objects.count() == 5
    assert comment(client, consultation, address="198.51.100.9").status_code == 302


def test_fifty_comments_a_minute_store_only_five(client, consultation):
    statuses = [comment(client, consultation, text=f"刷屏{n}").status_code for n in range(50)]
    assert statuses.count(302) == 5
    assert set(statuses[5:]) == {429}
    assert PublicComment.objects.count() == 5


def test_a_100000_character_comment_is_refused(client, consultation):
    response = comment(client, consultation, text="意" * 100_000)
    assert response.status_code == 400
    assert "意见内容不能超过2000字" in response.content.decode()
    assert not PublicComment.objects.exists()
    assert comment(client, consultation, text="意" * 2000).status_code == 302


def test_html_is_stored_as_text_and_escaped_on_output(client, consultation, jiuzhu_drafter):
    text = '<script>alert("x")</script><b>加粗</b>'
    assert comment(client, consultation, text=text).status_code == 302
    assert PublicComment.objects.get().text == text
    client.force_login(jiuzhu_drafter)
    html = client.get("/admin/public-comments/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")</script>' not in html


def test_a_comment_after_the_window_is_refused_with_the_closing_date(client, library):
    start = timezone.localdate() - timedelta(days=30)
    page = open_for_consultation(library["draft"], start=start, days=14)
    end = start + timedelta(days=14)
    response = comment(client, page)
    assert response.status_code == 403
    assert f"已于{end.year}年{end.month}月{end.day}日截止" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_a_consultation_not_yet_started_is_not_public(client, library):
    page = open_for_consultation(library["draft"], start=timezone.localdate() + timedelta(days=3))
    assert client.get(url(page)).status_code == 404
    assert comment(client, page).status_code == 404


def test_after_the_window_the_page_shows_the_adoption_summary_not_the_text(
    client, library, jiuzhu_drafter
):
    page = open_for_consultation(library["draft"])
    for text in ["意见一", "意见二", "意见三"]:
        comment(client, page, text=text)
    answers = [("采纳", "已补充"), ("部分采纳", "部分补充"), ("不采纳", "超出本文件范围")]
    for kept, (answer, reason) in zip(PublicComment.objects.order_by("pk"), answers, strict=True):
        from portal.services import comment_respond

        comment_respond(comment=kept, user=jiuzhu_drafter, response=answer, reason=reason)
    draft = page.get_latest_revision_as_object()
    draft.consultation_start = timezone.localdate() - timedelta(days=30)
    draft.consultation_end = timezone.localdate() - timedelta(days=1)
    draft.consultation_summary = "共收到意见3条，采纳1条，部分采纳1条。"
    draft.save_revision()
    html = client.get(url(page)).content.decode()
    assert "共收到意见 3 条，其中采纳 1 条，部分采纳 1 条，未采纳 1 条" in html
    assert "共收到意见3条，采纳1条，部分采纳1条。" in html
    assert "专账管理" not in html  # the text is no longer shown
    assert "意见一" not in html  # nor the comments themselves
    assert 'name="text"' not in html


def test_the_drafter_records_a_response_in_the_admin(client, consultation, jiuzhu_drafter):
    comment(client, consultation)
    kept = PublicComment.objects.get()
    client.force_login(jiuzhu_drafter)
    listing = client.get("/admin/public-comments/")
    assert listing.status_code == 200
    assert "建议明确救助资金的发放时限" in listing.content.decode()
    respond = f"/admin/public-comments/{kept.pk}/"
    refused = client.post(respond, {"response": "不采纳", "reason": ""})
    assert refused.status_code == 200
    assert "请写明理由" in refused.content.decode()
    response = client.post(respond, {"response": "部分采纳", "reason": "发放时限已在第五条补充。"})
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.response == "部分采纳"
    assert kept.response_reason == "发放时限已在第五条补充。"
    assert kept.responded_by == jiuzhu_drafter
    assert kept.responded_at is not None


def test_another_department_neither_sees_nor_answers_the_comments(
    client, consultation, shiwu_drafter
):
    comment(client, consultation)
    kept = PublicComment.objects.get()
    client.force_login(shiwu_drafter)
    assert "建议明确救助资金" not in client.get("/admin/public-comments/").content.decode()
    response = client.post(
        f"/admin/public-comments/{kept.pk}/", {"response": "采纳", "reason": "x"}
    )
    assert response.status_code in {302, 403}
    kept.refresh_from_db()
    assert kept.response == ""


def test_the_office_sees_every_department(client, consultation, office_user):
    comment(client, consultation)
    client.force_login(office_user)
    assert "建议明确救助资金" in client.get("/admin/public-comments/").content.decode()


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (date(2025, 4, 14), date(2025, 4, 22), True),  # Mon → next Tue: 7 working days
        (date(2025, 4, 14), date(2025, 4, 21), False),  # 6 working days
        (date(2025, 4, 14), date(2025, 4, 20), False),  # 9 calendar days, 5 working days
        (date(2025, 9, 29), date(2025, 10, 10), False),  # National Day: 5 working days
    ],
)
def test_the_window_must_be_at_least_seven_working_days(start, end, ok):
    problem = consultation_window_error(start, end)
    assert (problem == "") is ok
    if not ok:
        assert "不得少于7个工作日" in problem


def test_the_model_refuses_a_short_window_in_chinese(library):
    draft = library["draft"].get_latest_revision_as_object()
    draft.open_for_consultation = True
    draft.consultation_start = date(2025, 4, 14)
    draft.consultation_end = date(2025, 4, 18)
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    assert "不得少于7个工作日" in str(refused.value.message_dict["consultation_end"])
