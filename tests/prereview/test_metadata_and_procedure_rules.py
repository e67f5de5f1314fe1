"""文号 and dates, validity bounds, and procedure completeness (consultation, fair-competition
review, collective deliberation, statutory procedures of major decisions)."""

from datetime import date, timedelta

import pytest
from wagtail.models import WorkflowPage

from cms.models import DecisionDraftPage, ExpertOpinion, NormativeDocumentPage
from cms.models.consultations import DecisionConsultation
from review.checklists import FAIR_COMPETITION_STANDARDS as STANDARDS
from tests import factories
from tests.prereview.helpers import document, findings, paragraphs, severities

pytestmark = pytest.mark.django_db
BASIS = "第一条 根据《社会救助暂行办法》，制定本办法。"


def draft(**fields) -> NormativeDocumentPage:
    """An unsaved draft: the state an edit form builds before the model's own checks."""
    fields.setdefault("title", "关于进一步规范临时救助工作的实施办法")
    fields.setdefault("body", paragraphs(BASIS))
    fields.setdefault("affects_public", False)
    return NormativeDocumentPage(**fields)


def test_a_malformed_doc_number_field_warns(site_tree):
    [finding] = findings(draft(doc_number="红民发2023年12号"), "number_format")
    assert finding.severity == "警告"
    assert finding.location == "字段：发文字号"


def test_a_doc_number_with_look_alike_brackets_is_a_notice_with_the_fix(site_tree):
    [finding] = findings(draft(doc_number="红民发[2023]12号"), "number_format")
    assert finding.severity == "提示"
    assert "红民发〔2023〕12号" in finding.suggestion


def test_a_doc_number_of_another_year_than_the_writing_date_is_a_notice(site_tree):
    page = draft(doc_number="红民发〔2022〕12号", written_on=date(2023, 3, 1))
    assert severities(page, "number_format") == ["提示"]
    assert (
        findings(
            draft(doc_number="红民发〔2023〕12号", written_on=date(2023, 3, 1)), "number_format"
        )
        == []
    )


def test_a_malformed_registration_number_warns(site_tree):
    page = draft(registration_number="登记2023-5")
    [finding] = findings(page, "number_format")
    assert finding.location == "字段：登记编号"


def test_a_number_cited_in_the_body_with_square_brackets_is_a_notice(site_tree):
    page = draft(body=paragraphs(BASIS, "第三条 按照红民发[2023]5号文件执行。"))
    [finding] = findings(page, "number_format")
    assert finding.severity == "提示"
    assert "红民发〔2023〕5号" in finding.suggestion
    assert (
        findings(draft(body=paragraphs(BASIS, "按照红民发〔2023〕5号执行。")), "number_format")
        == []
    )


def test_dates_out_of_order_warn(site_tree):
    page = draft(written_on=date(2023, 5, 1), published_on=date(2023, 4, 1))
    [finding] = findings(page, "date_order")
    assert finding.severity == "警告"
    assert "发布日期" in finding.message
    in_order = draft(
        written_on=date(2023, 4, 1), published_on=date(2023, 5, 1), effective_on=date(2023, 6, 1)
    )
    assert findings(in_order, "date_order") == []


def test_a_consultation_ending_after_the_writing_date_warns(site_tree):
    page = draft(
        consultation_start=date(2023, 3, 1),
        consultation_end=date(2023, 3, 20),
        written_on=date(2023, 3, 10),
    )
    assert [f.location for f in findings(page, "date_order")] == ["字段：成文日期"]


def test_validity_beyond_two_years_for_a_provisional_rule_warns(site_tree):
    page = draft(
        title="红寺堡区困境儿童分类保障暂行办法",
        effective_on=date(2024, 1, 1),
        valid_until=date(2027, 1, 1),
    )
    [finding] = findings(page, "validity")
    assert finding.severity == "警告"
    assert "最长2年" in finding.message
    within = draft(title="暂行办法", effective_on=date(2024, 1, 1), valid_until=date(2025, 12, 31))
    assert findings(within, "validity") == []


def test_a_missing_effective_date_is_a_notice(site_tree):
    assert severities(draft(), "validity") == ["提示"]


def test_a_document_affecting_the_public_without_consultation_warns(site_tree):
    assert severities(draft(affects_public=True), "consultation_missing") == ["警告"]
    assert findings(draft(affects_public=True), "consultation") == []
    assert findings(draft(affects_public=False), "consultation_missing") == []


def test_a_consultation_shorter_than_seven_working_days_is_blocked(site_tree):
    short = draft(
        affects_public=True, consultation_start=date(2025, 3, 3), consultation_end=date(2025, 3, 5)
    )
    [finding] = findings(short, "consultation")
    assert "仅3个工作日" in finding.message
    assert finding.severity == "阻断"
    assert findings(short, "consultation_missing") == []
    enough = draft(
        affects_public=True, consultation_start=date(2025, 3, 3), consultation_end=date(2025, 3, 14)
    )
    assert findings(enough, "consultation") == []


def test_fair_competition_review_ahead_in_the_workflow_is_a_notice(workflows, jiuzhu):
    page = document(jiuzhu, BASIS, touches_economic_activity=True)
    [finding] = findings(page, "fair_competition_review")
    assert finding.severity == "提示"
    assert findings(document(jiuzhu, BASIS, slug="n"), "fair_competition_review") == []


def test_fair_competition_review_missing_from_the_workflow_warns(site_tree, jiuzhu):
    page = document(jiuzhu, BASIS, touches_economic_activity=True)
    assert not WorkflowPage.objects.filter(workflow__name="行政规范性文件审核流程").exists()
    assert severities(page, "fair_competition_review") == ["警告"]


def test_a_recorded_review_that_found_problems_blocks(workflows, jiuzhu, office_user):
    from tests.review import helpers as h

    page = document(jiuzhu, BASIS, touches_economic_activity=True)
    h.submit(page, factories.drafter_of(jiuzhu))
    from review import services

    state = h.current_state(page)
    services.fair_competition_record(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        user=office_user,
        applicable=True,
        findings={item.code: "违反" if item.code == "ff3" else "不违反" for _, item in STANDARDS},
        conclusion="第五条限制外地经营者参加政府采购。",
        skip_reason="",
    )
    [finding] = findings(page, "fair_competition_review")
    assert finding.severity == "阻断"
    assert "参加本地政府采购" in finding.message


def test_a_workflow_without_collective_deliberation_warns(workflows, jiuzhu):
    from wagtail.models import Workflow, WorkflowTask

    from review.setup import NORMATIVE

    page = document(jiuzhu, BASIS)
    assert findings(page, "collective_deliberation") == []
    WorkflowTask.objects.filter(
        workflow=Workflow.objects.get(name=NORMATIVE), task__name="集体审议"
    ).delete()
    [finding] = findings(page, "collective_deliberation")
    assert "没有集体审议环节" in finding.message


def _decision_list(department, year=2026, **item_fields):
    """A decision's draft (决策方案) on a year's list: where its procedures are checked."""
    decisions = factories.make_decision_list(year)
    item = factories.make_decision_item(decisions, department, **item_fields)
    draft = DecisionDraftPage(title=f"{item.name}方案", item=item, body="方案正文。", live=False)
    decisions.add_child(instance=draft)
    return draft


def test_the_years_list_is_not_blocked_by_its_items_progress(site_tree, jiuzhu):
    decisions = factories.make_decision_list()
    factories.make_decision_item(
        decisions, jiuzhu, public_participation_required=True, expert_argument_required=True
    )
    assert findings(decisions, "consultation_missing") == []
    assert findings(decisions, "decision_procedures") == []


def test_a_decision_needing_public_participation_not_yet_done_is_blocked(site_tree, jiuzhu):
    page = _decision_list(jiuzhu, public_participation_required=True)
    [finding] = findings(page, "consultation_missing")
    assert finding.severity == "阻断"
    assert "30日" in finding.suggestion
    assert findings(page, "consultation") == []


def test_a_decision_with_public_participation_done_passes(site_tree, jiuzhu):
    page = _decision_list(
        jiuzhu, public_participation_required=True, public_participation_done_on=date(2026, 3, 1)
    )
    assert findings(page, "consultation") == []
    assert findings(page, "consultation_missing") == []


def test_a_decision_consultation_window_under_thirty_days_is_blocked(site_tree, jiuzhu):
    """The item's public consultation (opened on the portal) is counted in calendar days; a
    window recorded outside the admin's own 30-day check is still caught here."""
    page = _decision_list(jiuzhu, public_participation_required=True)
    item = page.item
    start = date(2026, 3, 1)
    consultation = DecisionConsultation.objects.create(
        item=item, text="决策草案全文", start=start, end=start + timedelta(days=9)
    )
    [finding] = findings(page, "consultation")
    assert "仅10日" in finding.message
    assert findings(page, "consultation_missing") == []
    consultation.end = start + timedelta(days=29)
    consultation.save()
    assert findings(page, "consultation") == []


def test_required_expert_argument_not_done_blocks_a_decision(site_tree, jiuzhu):
    page = _decision_list(jiuzhu, expert_argument_required=True)
    [finding] = findings(page, "decision_procedures")
    assert finding.severity == "阻断"
    assert "专家论证" in finding.location
    done = _decision_list_done(jiuzhu)
    assert findings(done, "decision_procedures") == []


def _decision_list_done(department):
    draft = _decision_list(department, year=2027, expert_argument_required=True)
    ExpertOpinion.objects.create(
        item=draft.item, expert="马建国", given_on=date(2026, 2, 1), opinion="建议实施。"
    )
    return draft


def test_a_consultation_still_open_warns(site_tree):
    start = date.today() - timedelta(days=3)
    page = draft(
        affects_public=True, consultation_start=start, consultation_end=start + timedelta(days=20)
    )
    assert severities(page, "consultation_missing") == ["警告"]
    assert findings(page, "consultation") == []
