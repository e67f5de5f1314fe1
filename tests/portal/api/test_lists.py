"""decision-lists/, power-list/, cleanup-results/, consultations/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cms.models import DecisionItem
from tests import factories
from tests.portal.api.conftest import ABOLISHED

pytestmark = pytest.mark.django_db


def test_a_years_decision_list_with_procedures_and_adjustments(portal, get, jiuzhu):
    decisions = portal["decisions"]
    item = decisions.items.get()
    item.expert_argument_required = True
    item.expert_argument_done_on = date(2023, 6, 1)
    item.expert_argument_note = "召开专家论证会"
    item.save()
    DecisionItem.objects.create(
        decision_list=decisions,
        lead_unit=jiuzhu,
        name="特困人员供养标准调整",
        legal_basis="《社会救助暂行办法》第十四条",
        adjustment_reason="年中新增",
    )
    response = get("/api/v2/decision-lists/2023/")
    assert response.status_code == 200
    data = response.data
    assert data["year"] == 2023 and len(data["items"]) == 2
    first = data["items"][0]
    assert first["lead_unit"] == "社会救助站"
    assert first["progress"] == "办理中"  # a step recorded, no draft published yet
    assert first["decision_url"] is None
    assert [p["label"] for p in first["procedures"]] == [
        "公众参与",
        "专家论证",
        "风险评估",
        "合法性审查",
        "集体讨论决定",
    ]
    expert = first["procedures"][1]
    assert expert == {
        "code": "expert_argument",
        "label": "专家论证",
        "required": True,
        "done_on": "2023-06-01",
        "note": "召开专家论证会",
        "has_evidence": False,
    }
    actions = [(a["action"], a["item_name"]) for a in data["adjustments"]]
    assert ("新增", "特困人员供养标准调整") in actions
    changed = next(a for a in data["adjustments"] if a["action"] == "变更")
    assert {"field": "专家论证：完成日期", "old": "", "new": "2023-06-01"} in changed["changes"]
    assert "user" not in changed


def test_all_live_decision_lists_and_a_draft_list_is_not_among_them(portal, get):
    factories.make_decision_list(2024, live=False)
    response = get("/api/v2/decision-lists/")
    assert [d["year"] for d in response.data["items"]] == [2023]
    assert get("/api/v2/decision-lists/", year=2024).data["total"] == 0
    assert get("/api/v2/decision-lists/2024/").status_code == 404
    assert get("/api/v2/decision-lists/1999/").status_code == 404


def test_the_power_list_by_category_with_counts(portal, get):
    response = get("/api/v2/power-list/")
    assert response.data["total"] == 3
    assert [(c["category"], c["count"]) for c in response.data["categories"]] == [
        ("行政给付", 2),
        ("行政确认", 1),
    ]
    assert response.data["categories"][0]["items"][0]["department"] == "社会救助站"
    only = get("/api/v2/power-list/", category="行政确认").data
    assert only["total"] == 1 and only["categories"][0]["items"][0]["code"] == "QR-001"
    bad = get("/api/v2/power-list/", category="行政收费")
    assert bad.status_code == 400 and bad.data["parameter"] == "category"


def test_cleanup_results_are_the_approved_decisions_only(portal, cleanup, get):
    response = get("/api/v2/cleanup-results/")
    assert response.data["total"] == 1
    (result,) = response.data["items"]
    assert result["document"]["title"] == ABOLISHED
    assert result["document"]["doc_number"] == "红民规〔2021〕1号"
    assert result["decision"] == "废止" and result["effective_on"] == "2024-05-10"
    assert result["approved_on"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert result["campaign"] == "2024年规范性文件集中清理"
    assert "reason" not in result and "decided_by" not in result
    assert get("/api/v2/cleanup-results/", decision="修改").data["total"] == 0
    assert get("/api/v2/cleanup-results/", decision="保留").status_code == 400


def test_consultations_of_published_documents_show_their_outcome(portal, get, jiuzhu):
    today = timezone.localdate()
    page = factories.make_document(
        jiuzhu,
        live=True,
        title="居家养老服务补贴办法",
        published_on=today - timedelta(days=5),
        consultation_start=today - timedelta(days=60),
        consultation_end=today - timedelta(days=30),
        comments_received=12,
        comments_adopted=8,
        consultation_summary="采纳8条，主要涉及补贴标准。",
    )
    response = get("/api/v2/consultations/")
    assert response.status_code == 200
    (item,) = response.data["items"]
    assert item["id"] == page.pk and item["status"] == "已结束"
    assert item["outcome"] == {
        "received": 12,
        "adopted": 8,
        "partly_adopted": 0,
        "rejected": 4,
        "summary": "采纳8条，主要涉及补贴标准。",
    }
    assert item["api_url"] == f"/api/v2/documents/{page.pk}/"
    assert get("/api/v2/consultations/", status="进行中").data["total"] == 0
    assert get("/api/v2/consultations/", status="已结束").data["total"] == 1
    assert get("/api/v2/consultations/", status="结束").status_code == 400


def test_a_draft_opened_for_comment_shows_title_and_window_never_its_text(portal, get, jiuzhu):
    today = timezone.localdate()
    draft = factories.make_document(
        jiuzhu,
        title="困难群众临时救助办法（征求意见稿）",
        body="<p>征求意见稿正文，不经接口公开。</p>",
        consultation_start=today - timedelta(days=2),
        consultation_end=today + timedelta(days=20),
        open_for_consultation=True,
    )
    response = get("/api/v2/consultations/", status="进行中")
    (item,) = response.data["items"]
    assert item["id"] == draft.pk and item["title"] == "困难群众临时救助办法（征求意见稿）"
    assert item["end"] == (today + timedelta(days=20)).isoformat()
    assert item["outcome"] is None and item["api_url"] is None
    assert item["html_url"] == f"/consultations/{draft.pk}/"  # the portal's page for comments
    assert "征求意见稿正文" not in response.content.decode()
    assert get(f"/api/v2/documents/{draft.pk}/").status_code == 404
