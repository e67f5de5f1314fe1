"""Cleanup campaigns through the admin (规范性文件清理): create, run, evidence, decisions,
leadership approval, exports, comparison of runs, and who may open what.

One test walks the whole journey over the demo bureau (``load_demo`` takes a while, so it
runs once); the others build their own small documents.
"""

import csv
import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cms import roles
from cms.models import NormativeDocumentPage
from search.cleanup import exports, services
from search.cleanup.views import highlight
from search.models import (
    CleanupCampaign,
    CleanupDecision,
    CleanupFinding,
    CleanupRun,
    CompetitionPhrase,
)
from tests import factories

ADD_URL = "wagtailsnippets_fulltext_cleanupcampaign:add"
LIST_URL = "wagtailsnippets_fulltext_cleanupcampaign:list"
PHRASE_ADD_URL = "wagtailsnippets_fulltext_competitionphrase:add"
PHRASE_LIST_URL = "wagtailsnippets_fulltext_competitionphrase:list"
MARRIAGE_LAW = "《中华人民共和国婚姻法》"


def campaign_form(**overrides) -> dict:
    data = {
        "name": "2026年度行政规范性文件全面清理",
        "basis": "区政府办公室关于开展规范性文件清理工作的通知",
        "statuses": ["现行有效"],
        "published_from": "",
        "published_to": "",
        "rule_repealed_statutes": "on",
        "rule_fair_competition": "on",
        "rule_validity": "on",
        "validity_days": "180",
        "rule_no_legal_basis": "on",
        "status": "进行中",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def detail_url(campaign) -> str:
    return reverse("cleanup_campaign_detail", args=[campaign.pk])


def decide_url(campaign, document) -> str:
    return reverse("cleanup_decision_record", args=[campaign.pk, document.pk])


def approve_url(decision) -> str:
    return reverse("cleanup_decision_approve", args=[decision.pk])


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def refused(response) -> bool:
    """403, or Wagtail's redirect to the dashboard (it then shows 对不起，你没有权限访问)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --- the journey over the demo bureau --------------------------------------------------


def test_campaign_end_to_end_over_the_demo_bureau(demo_bureau, db, client):
    """``demo_bureau`` (``manage.py load_demo``, restored from the session's snapshot) comes
    before ``db``: the restore happens outside the test's rolled-back transaction."""
    from openpyxl import load_workbook

    users = get_user_model().objects
    adviser, leader = users.get(username="adviser"), users.get(username="leader")
    drafter = users.filter(groups__name__startswith=roles.DRAFTER_PREFIX).first()
    marriage = NormativeDocumentPage.objects.get(slug="hunyin-tiaojie-2022")
    expiring = NormativeDocumentPage.objects.get(slug="kunjing-ertong-2025")
    local_firms = NormativeDocumentPage.objects.get(body__contains="优先选择本地企业")

    # The adviser creates the campaign in the snippet admin and lands on its page.
    client.force_login(adviser)
    assert client.get(reverse(ADD_URL)).status_code == 200
    response = client.post(reverse(ADD_URL), campaign_form())
    campaign = CleanupCampaign.objects.get(name=campaign_form()["name"])  # beside the demo's
    assert response.status_code == 302 and response["Location"] == detail_url(campaign)
    assert campaign.statuses == ["现行有效"] and campaign.created_by == adviser
    listing = client.get(reverse(LIST_URL))
    assert listing.status_code == 200 and detail_url(campaign) in listing.content.decode()
    page = client.get(detail_url(campaign)).content.decode()
    assert "有效性：现行有效" in page and "引用已废止法律法规" in page and "尚未运行清理" in page

    # Run: the 婚姻法 document and the one about to expire are candidates, with evidence.
    response = client.post(reverse("cleanup_run", args=[campaign.pk]), follow=True)
    run = CleanupRun.objects.get(campaign=campaign)
    assert any("清理已运行" in m for m in page_messages(response))
    page = response.content.decode()
    for document in (marriage, expiring, local_firms):
        assert f'id="document-{document.pk}"' in page, document.title
    assert f"<mark>{MARRIAGE_LAW}</mark>" in page
    assert "<mark>优先选择本地企业</mark>" in page
    assert "有效期即将届满" in page or "有效期已届满" in page
    assert "这是本清理活动的第一次运行" in page
    assert run.findings.filter(document=marriage, rule="repealed_statute").exists()
    assert run.findings.filter(document=expiring, rule__in=["expiring", "expired"]).exists()

    # A decision without a reason is refused, in Chinese, and nothing is recorded.
    response = client.post(decide_url(campaign, marriage), {"decision": "废止", "reason": "  "})
    assert response.status_code == 200
    assert any("请填写清理意见的理由" in m for m in page_messages(response))
    assert not CleanupDecision.objects.filter(campaign=campaign).exists()
    response = client.post(decide_url(campaign, marriage), {"decision": "", "reason": "理由"})
    assert any("请选择清理意见" in m for m in page_messages(response))

    # The adviser records 废止 with a reason.
    reason = "引用已被民法典废止的《中华人民共和国婚姻法》，调解工作已由新规定规范。"
    response = client.post(
        decide_url(campaign, marriage), {"decision": "废止", "reason": reason}, follow=True
    )
    decision = CleanupDecision.objects.get(campaign=campaign, document=marriage)
    assert (decision.decision, decision.reason, decision.decided_by) == ("废止", reason, adviser)
    assert any("已记录" in m for m in page_messages(response))
    assert "待局领导批准" in response.content.decode()

    # The adviser cannot approve it.
    response = client.post(approve_url(decision), follow=True)
    assert any("只有局领导可以批准清理意见" in m for m in page_messages(response))
    decision.refresh_from_db()
    assert not decision.approved

    # The leader sees the 批准 button and approves: the document is 已废止 with the date.
    client.force_login(leader)
    page = client.get(detail_url(campaign)).content.decode()
    assert approve_url(decision) in page
    assert 'name="reason"' not in page  # no decision form for leadership
    response = client.post(approve_url(decision), follow=True)
    assert any("已废止" in m for m in page_messages(response))
    today = timezone.localdate()
    marriage.refresh_from_db()
    assert marriage.validity_status == "已废止"
    assert marriage.status_changed_on == today
    assert marriage.live and not marriage.has_unpublished_changes
    assert f"已废止（{today:%Y-%m-%d}）" in response.content.decode()
    decision.refresh_from_db()
    assert decision.approved_by == leader and decision.effective_on == today
    response = client.post(approve_url(decision), follow=True)
    assert any("该清理意见已经批准" in m for m in page_messages(response))

    # The portal shows it abolished, with the date.
    client.logout()
    public = client.get(marriage.url)
    assert public.status_code == 200
    assert f"本文件已废止（{today.year}年{today.month}月{today.day}日）" in public.content.decode()

    # Once approved, the adviser can no longer change the decision.
    client.force_login(adviser)
    response = client.post(
        decide_url(campaign, marriage), {"decision": "继续有效", "reason": "改变主意"}
    )
    assert any("已经局领导批准，不能再修改" in m for m in page_messages(response))

    # Exports: XLSX and CSV of the run, and the abolition proposal.
    response = client.get(reverse("cleanup_export_xlsx", args=[campaign.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["清理清单", "按文件汇总", "说明"]
    rows = list(workbook["清理清单"].iter_rows(values_only=True))
    assert list(rows[0]) == exports.LIST_HEADERS
    marriage_rows = [row for row in rows[1:] if row[0] == marriage.title]
    assert marriage_rows and all(row[8] == "废止" and row[9] == reason for row in marriage_rows)
    assert any(MARRIAGE_LAW in (row[7] or "") for row in marriage_rows)
    assert len(rows) - 1 == run.findings.count()
    summary = list(workbook["按文件汇总"].iter_rows(values_only=True))
    assert {row[0] for row in summary[1:]} >= {marriage.title, expiring.title}
    assert len(summary) - 1 == run.candidates

    response = client.get(reverse("cleanup_export_csv", args=[campaign.pk]))
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == exports.LIST_HEADERS
    assert any(row[0] == marriage.title and row[8] == "废止" for row in table[1:])

    response = client.get(reverse("cleanup_export_proposal", args=[campaign.pk]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "关于废止（宣布失效）部分行政规范性文件的建议" in text
    assert "局党组：" in text
    assert marriage.title in text and marriage.doc_number in text and reason in text
    assert expiring.title not in text  # no decision on it: not proposed

    # Running again keeps both runs; the abolished document left the 现行有效 scope.
    response = client.post(reverse("cleanup_run", args=[campaign.pk]), follow=True)
    latest, previous = campaign.runs.all()[:2]
    assert previous == run and campaign.runs.count() == 2
    comparison = services.compare_runs(latest, previous)
    assert marriage in comparison.resolved
    assert expiring in comparison.unchanged and not comparison.new
    page = response.content.decode()
    assert f"已消除 {len(comparison.resolved)} 件" in page
    assert f"<tr><td>已消除</td><td>{marriage.title}" in page
    # The earlier run stays viewable, and its export still lists the document.
    assert client.get(detail_url(campaign), {"run": run.pk}).status_code == 200
    old = client.get(reverse("cleanup_export_csv", args=[campaign.pk]), {"run": run.pk})
    assert marriage.title in old.content.decode("utf-8-sig")

    # A drafter may open none of it.
    client.force_login(drafter)
    assert client.get(detail_url(campaign)).status_code == 403
    assert client.get(reverse("cleanup_export_xlsx", args=[campaign.pk])).status_code == 403
    assert client.post(approve_url(decision)).status_code == 403


# --- smaller pieces on documents made here ---------------------------------------------


@pytest.fixture
def bureau(site_tree, groups, jiuzhu):
    users = {
        role: factories.user_with_role(role, username=role)
        for role in ("adviser", "office", "leader", "admin")
    }
    users["drafter"] = factories.drafter_of(jiuzhu, username="drafter")
    return users


def cites_marriage_law(department, **fields):
    fields.setdefault("title", "关于婚姻家庭辅导服务的实施办法")
    fields.setdefault("slug", "hunyin-fudao")
    fields.setdefault("body", f"<p>根据{MARRIAGE_LAW}等规定，结合本区实际，制定本办法。</p>")
    return factories.make_document(department, live=True, **fields)


def test_highlight_marks_the_hit_and_escapes_the_rest():
    excerpt = "<b>见【附件】&规定</b>，根据【《婚姻法》】办理"
    start = 40
    html = highlight(excerpt, start, start + len("《婚姻法》"))
    assert html == ("&lt;b&gt;见【附件】&amp;规定&lt;/b&gt;，根据<mark>《婚姻法》</mark>办理")
    assert highlight("<i>no marks</i>") == "&lt;i&gt;no marks&lt;/i&gt;"
    assert highlight("前文【<script>】后文", 3, 11) == "前文<mark>&lt;script&gt;</mark>后文"


@pytest.mark.django_db
def test_drafter_is_refused_everywhere_and_sees_no_menu(client, bureau, jiuzhu):
    document = cites_marriage_law(jiuzhu)
    campaign = CleanupCampaign.objects.create(name="清理")
    services.campaign_run(campaign=campaign, user=bureau["adviser"])
    decision = services.decision_record(
        campaign=campaign, document=document, user=bureau["adviser"], decision="废止", reason="x"
    )
    client.force_login(bureau["drafter"])
    for url in [
        detail_url(campaign),
        reverse("cleanup_export_xlsx", args=[campaign.pk]),
        reverse("cleanup_export_csv", args=[campaign.pk]),
        reverse("cleanup_export_proposal", args=[campaign.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "只有法律顾问、局办公室、局领导和管理员" in response.content.decode()
    # Wagtail's own snippet views refuse the Wagtail way: back to the dashboard, with a message.
    for url in [reverse(LIST_URL), reverse(ADD_URL), reverse(PHRASE_LIST_URL)]:
        assert refused(client.get(url)), url
    for url in [
        reverse("cleanup_run", args=[campaign.pk]),
        decide_url(campaign, document),
        approve_url(decision),
    ]:
        assert client.post(url, {"decision": "继续有效", "reason": "x"}).status_code == 403, url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "规范性文件清理" not in home
    assert CleanupRun.objects.count() == 1
    assert not CleanupDecision.objects.get().approved


@pytest.mark.django_db
def test_every_bureau_role_may_look_but_only_editors_run(client, bureau, jiuzhu):
    cites_marriage_law(jiuzhu)
    campaign = CleanupCampaign.objects.create(name="清理")
    for role in ("adviser", "office", "leader", "admin"):
        client.force_login(bureau[role])
        assert client.get(detail_url(campaign)).status_code == 200, role
        assert client.get(reverse(LIST_URL)).status_code == 200, role
    client.force_login(bureau["leader"])
    assert refused(client.get(reverse(ADD_URL)))
    response = client.post(reverse("cleanup_run", args=[campaign.pk]), follow=True)
    assert any("只有法律顾问、局办公室或管理员可以运行清理" in m for m in page_messages(response))
    assert not CleanupRun.objects.exists()
    client.force_login(bureau["office"])
    client.post(reverse("cleanup_run", args=[campaign.pk]))
    assert CleanupRun.objects.get().candidates == 1
    # The office may run but not record the adviser's decision.
    response = client.post(
        decide_url(campaign, NormativeDocumentPage.objects.get()),
        {"decision": "废止", "reason": "x"},
    )
    assert any("只有法律顾问可以提出清理意见" in m for m in page_messages(response))


@pytest.mark.django_db
def test_campaign_form_checks_dates_and_scope_is_check_boxes(client, bureau):
    client.force_login(bureau["office"])
    page = client.get(reverse(ADD_URL)).content.decode()
    assert 'type="checkbox" name="statuses" value="现行有效"' in page
    response = client.post(
        reverse(ADD_URL),
        campaign_form(
            statuses=["现行有效", "已修改"], published_from="2024-01-01", published_to="2023-01-01"
        ),
    )
    assert response.status_code == 200
    assert "发布日期止不能早于发布日期起" in response.content.decode()
    assert not CleanupCampaign.objects.exists()
    client.post(reverse(ADD_URL), campaign_form(statuses=["现行有效", "已修改"]))
    campaign = CleanupCampaign.objects.get()
    assert campaign.statuses == ["现行有效", "已修改"] and campaign.created_by == bureau["office"]
    edit_url = reverse("wagtailsnippets_fulltext_cleanupcampaign:edit", args=[campaign.pk])
    response = client.post(edit_url, campaign_form(statuses=[], validity_days="90"))
    assert response.status_code == 302 and response["Location"] == detail_url(campaign)
    campaign.refresh_from_db()
    assert campaign.statuses == [] and campaign.validity_days == 90
    assert campaign.created_by == bureau["office"]


@pytest.mark.django_db
def test_approval_republishes_the_live_text_not_a_pending_draft(client, bureau, jiuzhu):
    """A drafter's unreviewed draft must not go live with the abolition (nor block it)."""
    document = cites_marriage_law(jiuzhu)
    draft = document.get_latest_revision_as_object()
    draft.body = "<p>根据《中华人民共和国民法典》制定。（修改稿，尚未审核）</p>"
    draft.save_revision()
    campaign = CleanupCampaign.objects.create(name="清理", statuses=["现行有效"])
    services.campaign_run(campaign=campaign, user=bureau["adviser"])
    decision = services.decision_record(
        campaign=campaign,
        document=document,
        user=bureau["adviser"],
        decision="宣布失效",
        reason="调整对象已消失",
    )
    client.force_login(bureau["leader"])
    response = client.post(approve_url(decision), follow=True)
    assert any("已失效" in m for m in page_messages(response))
    document.refresh_from_db()
    assert document.validity_status == "已失效" and document.live
    assert MARRIAGE_LAW in document.body  # the published text, unchanged
    latest = document.get_latest_revision_as_object()
    assert "修改稿" in latest.body and latest.validity_status == "已失效"


@pytest.mark.django_db
def test_refusals_are_messages_not_errors(client, bureau, jiuzhu):
    cited = cites_marriage_law(jiuzhu)
    clean = factories.make_document(
        jiuzhu,
        live=True,
        title="关于做好低保审核工作的通知",
        slug="dibao-tongzhi",
        body="<p>根据《社会救助暂行办法》制定。</p>",
    )
    campaign = CleanupCampaign.objects.create(name="清理")
    client.force_login(bureau["adviser"])
    # Nothing to export before a run, nor a proposal without 废止/宣布失效.
    for name in ("cleanup_export_xlsx", "cleanup_export_csv", "cleanup_export_proposal"):
        response = client.get(reverse(name, args=[campaign.pk]), follow=True)
        assert response.status_code == 200
        assert page_messages(response), name
    client.post(reverse("cleanup_run", args=[campaign.pk]))
    # A document that is not a candidate gets no decision.
    response = client.post(
        decide_url(campaign, clean), {"decision": "废止", "reason": "x"}, follow=True
    )
    assert any("不是本次清理的候选文件" in m for m in page_messages(response))
    # 继续有效 is recorded and approved without touching the document.
    services.decision_record(
        campaign=campaign, document=cited, user=bureau["adviser"], decision="继续有效", reason="x"
    )
    response = client.get(reverse("cleanup_export_proposal", args=[campaign.pk]), follow=True)
    assert any("无需起草废止建议" in m for m in page_messages(response))
    client.force_login(bureau["leader"])
    client.post(approve_url(CleanupDecision.objects.get()))
    cited.refresh_from_db()
    assert cited.validity_status == "现行有效" and CleanupDecision.objects.get().approved
    # A run that does not exist is a 404, not a 500.
    assert client.get(detail_url(campaign), {"run": "999999"}).status_code == 404


@pytest.mark.django_db
def test_exports_keep_formula_like_text_as_text(bureau, jiuzhu):
    from openpyxl import load_workbook

    document = cites_marriage_law(jiuzhu)
    campaign = CleanupCampaign.objects.create(name="清理")
    run = CleanupRun.objects.create(campaign=campaign, started_by=bureau["adviser"])
    CleanupFinding.objects.create(
        run=run,
        document=document,
        rule="fair_competition",
        subject="统一定价",
        detail="影响生产经营行为：超越法定权限定价",
        source="正文",
        excerpt='=HYPERLINK("http://example.com")【统一定价】',
        start=31,
        end=35,
    )
    row = exports.finding_rows(run)[0]
    assert row[5] == "统一定价（影响生产经营行为：超越法定权限定价）"
    cells = list(load_workbook(io.BytesIO(exports.cleanup_list_xlsx(run)))["清理清单"].rows)[1]
    assert cells[7].data_type == "s" and cells[7].value.startswith("=HYPERLINK")
    table = list(csv.reader(io.StringIO(exports.cleanup_list_csv(run).decode("utf-8-sig"))))
    assert table[1][7].startswith("'=HYPERLINK")


@pytest.mark.django_db
def test_adviser_edits_the_phrase_list_and_the_next_run_uses_it(client, bureau, jiuzhu):
    factories.make_document(
        jiuzhu,
        live=True,
        title="关于养老服务机构运营补贴的通知",
        slug="yanglao-butie",
        body="<p>根据《养老机构管理办法》，运营补贴仅限于本区注册满三年的机构申请。</p>",
    )
    campaign = CleanupCampaign.objects.create(name="清理")
    client.force_login(bureau["adviser"])
    assert client.get(reverse(PHRASE_LIST_URL)).status_code == 200
    response = client.post(
        reverse(PHRASE_ADD_URL),
        {
            "category": "市场准入和退出",
            "phrase": "本区注册满三年",
            "standard": "设置不合理或者歧视性的准入条件",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert CompetitionPhrase.objects.filter(phrase="本区注册满三年").exists()
    response = client.post(reverse("cleanup_run", args=[campaign.pk]), follow=True)
    assert "<mark>本区注册满三年</mark>" in response.content.decode()
    client.force_login(bureau["leader"])
    assert refused(client.get(reverse(PHRASE_ADD_URL)))


@pytest.mark.django_db
def test_proposal_lists_each_abolished_or_invalidated_document(bureau, jiuzhu):
    first = cites_marriage_law(jiuzhu, doc_number="红民发〔2020〕3号")
    second = cites_marriage_law(
        jiuzhu, title="关于离婚登记预约的通知", slug="lihun-yuyue", doc_number="红民发〔2020〕9号"
    )
    campaign = CleanupCampaign.objects.create(name="民法典专项清理")
    services.campaign_run(campaign=campaign, user=bureau["adviser"])
    for document, choice in ((first, "废止"), (second, "宣布失效")):
        services.decision_record(
            campaign=campaign,
            document=document,
            user=bureau["adviser"],
            decision=choice,
            reason=f"{document.title}的理由",
        )
    text = docx_text(exports.abolition_proposal_docx(campaign, today=timezone.localdate()))
    assert "建议废止行政规范性文件1件、宣布失效1件" in text
    assert f"一、《{first.title}》（红民发〔2020〕3号）：建议废止" in text
    assert f"二、《{second.title}》（红民发〔2020〕9号）：建议宣布失效" in text
    assert exports.chinese_date(timezone.localdate()) in text
    assert settings.BUREAU_NAME in text and "局党组：" in text
    assert exports.chinese_number(21) == "二十一" and exports.chinese_number(10) == "十"
