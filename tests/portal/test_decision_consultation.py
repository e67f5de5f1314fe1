"""Public consultation on a major administrative decision (重大行政决策公开征求意见, ≥ 30 days):
the window rule, the public pages beside the documents' consultations, the API, comments
with the same guards, and the lead unit's answers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.models import DecisionConsultation, PublicComment
from cms.models.consultations import decision_window_error
from tests import factories
from tests.portal.conftest import DRAFT, open_for_consultation

pytestmark = pytest.mark.django_db

ITEM = "红寺堡区居家社区养老服务网络建设实施方案（2027—2029年）"
DRAFT_TEXT = "区域养老服务中心通过公开竞争方式委托运营。"


def url(consultation) -> str:
    return f"/consultations/decisions/{consultation.pk}/"


def comment(
    client, consultation, text="建议增加农村互助养老站点。", address="203.0.113.7", **extra
):
    data = {"name": "", "contact": "", "text": text, "website": "", **extra}
    return client.post(url(consultation), data, REMOTE_ADDR=address)


def open_decision(department, *, start: date | None = None, days: int = 35, **item_fields):
    decision_list = factories.make_decision_list(2026)
    item = factories.make_decision_item(decision_list, department, name=ITEM, **item_fields)
    start = start or timezone.localdate() - timedelta(days=3)
    consultation = DecisionConsultation(
        item=item, text=DRAFT_TEXT, start=start, end=start + timedelta(days=days - 1)
    )
    consultation.full_clean()
    consultation.save()
    return consultation


def close(consultation, summary: str = "") -> None:
    consultation.start = timezone.localdate() - timedelta(days=40)
    consultation.end = timezone.localdate() - timedelta(days=1)
    consultation.summary = summary
    consultation.save()


@pytest.fixture
def decision(site_tree, groups, jiuzhu):
    return open_decision(jiuzhu)


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (date(2026, 3, 1), date(2026, 3, 30), True),  # 30 days, both ends included
        (date(2026, 3, 1), date(2026, 3, 29), False),  # 29 days
        (date(2026, 9, 25), date(2026, 10, 24), True),  # holidays count: calendar days
        (date(2026, 3, 30), date(2026, 3, 1), False),  # reversed
    ],
)
def test_the_window_must_be_at_least_thirty_calendar_days(start, end, ok):
    problem = decision_window_error(start, end)
    assert (problem == "") is ok
    if not ok and end >= start:
        assert "不得少于30日" in problem and "仅29日" in problem


def test_the_model_refuses_a_short_window_in_chinese(site_tree, jiuzhu):
    with pytest.raises(ValidationError) as refused:
        open_decision(jiuzhu, days=20)
    assert "重大行政决策公开征求意见期限不得少于30日" in refused.value.message_dict["end"][0]
    assert not DecisionConsultation.objects.exists()


def test_a_comment_belongs_to_exactly_one_consultation(decision, library):
    both = PublicComment(
        document=library["draft"], decision_consultation=decision, text="x", ip_hash="h"
    )
    with pytest.raises(ValidationError, match="只能针对一个征求意见事项"):
        both.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicComment.objects.create(text="无对象", ip_hash="h")


def test_the_open_decision_is_listed_beside_the_documents_and_shows_its_text(
    client, decision, library
):
    open_for_consultation(library["draft"])
    index = client.get("/consultations/").content.decode()
    assert ITEM in index and DRAFT in index
    assert "不少于30日" in index
    assert url(decision) in index
    assert ITEM in client.get("/").content.decode()  # the home page's open consultations
    html = client.get(url(decision)).content.decode()
    assert f"{ITEM}（征求意见稿）" in html
    assert DRAFT_TEXT in html
    assert "重大行政决策" in html and "社会救助站（承办单位）" in html
    end = decision.end
    assert f"{end.year}年{end.month}月{end.day}日" in html
    assert 'name="text"' in html


def test_a_comment_is_kept_for_the_decision_with_the_same_guards(client, decision):
    response = comment(client, decision)
    assert response.status_code == 302
    assert response["Location"] == f"{url(decision)}?submitted=1#comment-result"
    kept = PublicComment.objects.get()
    assert kept.decision_consultation == decision and kept.document is None
    assert comment(client, decision, website="http://spam.example").status_code == 400
    assert comment(client, decision, text="意" * 2001).status_code == 400
    for n in range(3):
        assert comment(client, decision, text=f"意见{n}").status_code == 302
    assert comment(client, decision, text="第六次").status_code == 429  # 5 per address
    assert PublicComment.objects.count() == 4  # the honeypot counted as one attempt


def test_a_comment_after_the_window_is_refused_with_the_closing_date(client, decision):
    close(decision)
    end = decision.end
    response = comment(client, decision)
    assert response.status_code == 403
    assert f"已于{end.year}年{end.month}月{end.day}日截止" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_not_yet_started_or_removed_items_are_not_public(client, site_tree, groups, jiuzhu):
    upcoming = open_decision(jiuzhu, start=timezone.localdate() + timedelta(days=2))
    assert client.get(url(upcoming)).status_code == 404
    assert comment(client, upcoming).status_code == 404
    upcoming.start = timezone.localdate()
    upcoming.save()
    assert client.get(url(upcoming)).status_code == 200
    upcoming.item.status = "已调出"
    upcoming.item.save()
    assert client.get(url(upcoming)).status_code == 404
    assert ITEM not in client.get("/consultations/").content.decode()


def test_the_lead_unit_answers_and_the_summary_appears_after_closing(
    client, decision, jiuzhu_drafter, shiwu_drafter, office_user
):
    comment(client, decision, text="建议增加农村互助养老站点。")
    comment(client, decision, text="建议公开运营机构的评价结果。", address="198.51.100.9")
    first, second = PublicComment.objects.order_by("pk")

    client.force_login(shiwu_drafter)  # another unit: neither sees nor answers
    assert "农村互助养老" not in client.get("/admin/public-comments/").content.decode()
    refused = client.post(
        f"/admin/public-comments/{first.pk}/", {"response": "采纳", "reason": "x"}
    )
    assert refused.status_code in {302, 403}

    client.force_login(office_user)  # the office sees every unit's comments
    assert "农村互助养老" in client.get("/admin/public-comments/").content.decode()

    client.force_login(jiuzhu_drafter)
    listing = client.get(f"/admin/public-comments/?decision={decision.pk}").content.decode()
    assert "农村互助养老" in listing and f"{ITEM}（重大行政决策）" in listing
    empty = client.post(f"/admin/public-comments/{first.pk}/", {"response": "不采纳", "reason": ""})
    assert "请写明理由" in empty.content.decode()
    for kept, answer in [(first, "采纳"), (second, "不采纳")]:
        response = client.post(
            f"/admin/public-comments/{kept.pk}/", {"response": answer, "reason": "已研究。"}
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"?decision={decision.pk}")
    first.refresh_from_db()
    assert (first.response, first.responded_by) == ("采纳", jiuzhu_drafter)

    client.logout()
    assert "意见采纳情况" not in client.get(url(decision)).content.decode()  # still open
    close(decision, summary="采纳增设农村互助养老站点的建议。")
    html = client.get(url(decision)).content.decode()
    assert "共收到意见 2 条，其中采纳 1 条，部分采纳 0 条，未采纳 1 条" in html
    assert "采纳增设农村互助养老站点的建议。" in html
    assert DRAFT_TEXT not in html and "建议增加农村互助养老站点" not in html


def test_the_api_lists_the_decision_with_its_kind_window_and_outcome(client, decision):
    data = client.get("/api/v2/consultations/", {"status": "进行中"}).json()
    [row] = [r for r in data["items"] if r["kind"] == "重大行政决策"]
    assert row["id"] == decision.pk and row["title"] == ITEM
    assert (row["start"], row["end"]) == (decision.start.isoformat(), decision.end.isoformat())
    assert row["html_url"] == url(decision) and row["api_url"] is None
    assert row["outcome"] is None and row["doc_number"] == ""
    comment(client, decision)
    close(decision, summary="已逐条研究。")
    data = client.get("/api/v2/consultations/", {"status": "已结束"}).json()
    [row] = [r for r in data["items"] if r["kind"] == "重大行政决策"]
    assert row["outcome"]["received"] == 1 and row["outcome"]["summary"] == "已逐条研究。"
    assert DRAFT_TEXT not in str(data)


def test_the_lead_unit_opens_a_consultation_in_the_admin(client, site_tree, groups, jiuzhu):
    drafter = factories.drafter_of(jiuzhu, username="jiuzhu_opener")
    decision_list = factories.make_decision_list(2026)
    item = factories.make_decision_item(decision_list, jiuzhu, name=ITEM)
    client.force_login(drafter)
    add = "/admin/snippets/cms/decisionconsultation/add/"
    start = timezone.localdate()
    form = {"item": str(item.pk), "text": DRAFT_TEXT, "summary": ""}
    short = client.post(
        add, {**form, "start": start.isoformat(), "end": (start + timedelta(days=20)).isoformat()}
    )
    assert short.status_code == 200
    assert "重大行政决策公开征求意见期限不得少于30日" in short.content.decode()
    assert not DecisionConsultation.objects.exists()
    response = client.post(
        add, {**form, "start": start.isoformat(), "end": (start + timedelta(days=29)).isoformat()}
    )
    assert response.status_code == 302
    assert DecisionConsultation.objects.get().item == item
    assert ITEM in client.get("/consultations/").content.decode()


def test_another_unit_cannot_open_a_consultation_on_the_item(client, site_tree, groups, jiuzhu):
    shiwu = factories.DepartmentFactory(code="shiwu2", name="社会事务站")
    outsider = factories.drafter_of(shiwu, username="shiwu_opener")
    item = factories.make_decision_item(factories.make_decision_list(2026), jiuzhu, name=ITEM)
    client.force_login(outsider)
    start = timezone.localdate()
    response = client.post(
        "/admin/snippets/cms/decisionconsultation/add/",
        {
            "item": str(item.pk),
            "text": DRAFT_TEXT,
            "start": start.isoformat(),
            "end": (start + timedelta(days=40)).isoformat(),
            "summary": "",
        },
    )
    assert response.status_code == 200  # the item is not among the choices
    assert not DecisionConsultation.objects.exists()


def test_a_list_holding_a_consulted_item_is_not_deleted(client, decision, django_user_model):
    from cms.models import MajorDecisionListPage

    admin = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")
    client.force_login(admin)
    decision_list = decision.item.decision_list
    response = client.post(f"/admin/pages/{decision_list.pk}/delete/")
    assert response.status_code == 302
    assert MajorDecisionListPage.objects.filter(pk=decision_list.pk).exists()
    assert DecisionConsultation.objects.filter(pk=decision.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "已公开征求意见，其目录不能删除" in page
