"""Through the admin: blocking findings stop submission unless the drafter gives a reason;
the run is kept with the submitted revision and the adviser sees it beside the checklist."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from cms.models import NormativeDocumentPage
from prereview.gate import OVERRIDE_FIELD
from prereview.models import PreReviewRun
from review.models import LegalOpinion
from tests import factories
from tests.cms.admin_forms import document_form
from tests.prereview.helpers import VALID_ID
from tests.review import helpers as h

pytestmark = pytest.mark.django_db

REPEALED = "<p>第一条 依照《中华人民共和国合同法》，制定本办法。</p>"
CLEAN = "<p>第一条 根据《社会救助暂行办法》，制定本办法。</p>"
REASON = "《合同法》仅在附则中作为历史沿革提及，正文已按民法典修改；征求意见已于线下完成。"


@pytest.fixture
def drafted(workflows, client, jiuzhu, jiuzhu_drafter):
    """The drafter creates a document citing a repealed law (a blocking finding)."""
    client.force_login(jiuzhu_drafter)
    response = client.post(h.add_document_url(jiuzhu), document_form(body=rich_text(REPEALED)))
    assert response.status_code == 302
    return NormativeDocumentPage.objects.get()


def submit(client, page, **fields):
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    extra = fields.pop("extra", {})
    data = h.document_edit_data(draft, "submit", **fields)
    data.update(extra)
    return client.post(h.edit_url(page), data)


def test_a_blocking_finding_stops_submission_and_keeps_the_edit_as_a_draft(drafted, client):
    edited = REPEALED + "<p>第二条 新增的条款。</p>"
    response = submit(client, drafted, body=rich_text(edited))
    assert response.status_code == 302
    assert response["Location"] == h.edit_url(drafted)
    assert any("预审发现阻断问题" in text for text in h.message_texts(response))
    assert any("《中华人民共和国合同法》已废止" in text for text in h.message_texts(response))
    assert not WorkflowState.objects.for_instance(drafted).exists()
    drafted.refresh_from_db()
    assert "第二条 新增的条款" in drafted.get_latest_revision_as_object().body


def test_an_empty_override_reason_is_refused_in_chinese(drafted, client):
    response = submit(client, drafted, extra={OVERRIDE_FIELD: "   "})
    assert response.status_code == 302
    assert any("理由不能为空" in text for text in h.message_texts(response))
    assert not WorkflowState.objects.for_instance(drafted).exists()


def test_an_override_with_a_reason_submits_and_the_adviser_sees_it(
    drafted, client, jiuzhu_drafter, adviser
):
    response = submit(client, drafted, extra={OVERRIDE_FIELD: REASON})
    assert response.status_code == 302, h.message_texts(response)
    assert h.workflow_status(drafted) == WorkflowState.STATUS_IN_PROGRESS
    run = PreReviewRun.objects.for_object(drafted).get()
    assert run.trigger == "提交送审"
    assert run.revision_id == drafted.get_latest_revision().pk
    assert run.override_reason == REASON
    assert run.overridden_by == jiuzhu_drafter
    assert run.blocking >= 1

    h.record_fair_competition(drafted, jiuzhu_drafter)
    state = h.current_state(drafted)
    client.logout()
    client.force_login(adviser)
    page = client.get(h.task_url(state)).content.decode()
    assert REASON in page
    assert "《中华人民共和国合同法》已废止" in page
    assert page.index("预审结果") < page.index(
        "审核结论"
    )  # beside the checklist, before the opinion


def test_a_reason_given_on_the_pre_review_page_lets_the_next_submission_through(
    drafted, client, jiuzhu_drafter
):
    url = reverse("prereview_object", args=[_content_type(drafted), drafted.pk])
    response = client.get(url)
    assert response.status_code == 200
    run = PreReviewRun.objects.for_object(drafted).get()
    assert run.trigger == "起草自查"
    response = client.post(url, {"run": run.pk, OVERRIDE_FIELD: REASON})
    assert response.status_code == 302
    response = submit(client, drafted)
    assert response.status_code == 302
    assert h.workflow_status(drafted) == WorkflowState.STATUS_IN_PROGRESS
    submitted = PreReviewRun.objects.for_object(drafted).filter(trigger="提交送审").get()
    assert submitted.override_reason == REASON


def test_a_reason_does_not_cover_a_new_blocking_finding(drafted, client):
    url = reverse("prereview_object", args=[_content_type(drafted), drafted.pk])
    client.get(url)
    run = PreReviewRun.objects.for_object(drafted).get()
    client.post(url, {"run": run.pk, OVERRIDE_FIELD: REASON})
    worse = REPEALED + f"<p>联系人身份证号{VALID_ID}</p>"
    response = submit(client, drafted, body=rich_text(worse))
    assert any("身份证号" in text for text in h.message_texts(response))
    assert not WorkflowState.objects.for_instance(drafted).exists()


def test_a_clean_draft_is_submitted_and_its_run_is_kept(workflows, client, jiuzhu, jiuzhu_drafter):
    client.force_login(jiuzhu_drafter)
    data = document_form(body=rich_text(CLEAN))
    data.pop("affects_public")
    client.post(h.add_document_url(jiuzhu), data)
    page = NormativeDocumentPage.objects.get()
    response = submit(client, page)
    assert response.status_code == 302, h.message_texts(response)
    assert h.workflow_status(page) == WorkflowState.STATUS_IN_PROGRESS
    run = PreReviewRun.objects.for_object(page).get()
    assert run.blocking == 0 and run.override_reason == ""


def test_an_invalid_form_is_left_to_wagtail_and_nothing_is_submitted(drafted, client):
    response = submit(client, drafted, title="")
    assert response.status_code == 200  # the editor again, with Wagtail's own field errors
    assert not WorkflowState.objects.for_instance(drafted).exists()


# ---- the contract snippet -------------------------------------------------------------------


@pytest.fixture
def contract(workflows, jiuzhu):
    contract = factories.ContractFactory(
        department=jiuzhu,
        text="乙方：宁夏红寺堡区益民社会工作服务中心\n联系人电话 13812345678\n争议协商不成的，向人民法院起诉。",
    )
    contract.save_revision()
    return contract


def test_a_contract_with_a_blocking_finding_is_not_submitted(contract, client, jiuzhu_drafter):
    client.force_login(jiuzhu_drafter)
    data = h.contract_edit_data(contract, "submit")
    response = client.post(h.contract_edit_url(contract), data)
    assert response.status_code == 302
    assert any("手机号" in text for text in h.message_texts(response))
    assert not WorkflowState.objects.for_instance(contract).exists()


def test_a_contract_override_with_a_reason_is_submitted(contract, client, jiuzhu_drafter):
    client.force_login(jiuzhu_drafter)
    data = h.contract_edit_data(contract, "submit")
    data[OVERRIDE_FIELD] = "电话为单位值班电话，非个人信息。"
    response = client.post(h.contract_edit_url(contract), data)
    assert response.status_code == 302, h.message_texts(response)
    assert h.workflow_status(contract) == WorkflowState.STATUS_IN_PROGRESS
    run = PreReviewRun.objects.for_object(contract).get()
    assert run.override_reason == "电话为单位值班电话，非个人信息。"


# ---- the adviser takes a finding into the opinion -------------------------------------------


def test_adopting_a_finding_puts_its_text_into_the_opinion(
    drafted, client, jiuzhu_drafter, adviser
):
    submit(client, drafted, extra={OVERRIDE_FIELD: REASON})
    h.record_fair_competition(drafted, jiuzhu_drafter)
    state = h.submitted_working_days_ago(h.current_state(drafted))
    finding = PreReviewRun.objects.for_object(drafted).get().findings.get(code="repealed_statute")
    client.logout()
    client.force_login(adviser)
    data = h.opinion_data(
        state.revision_id, "修改后同意", conclusion="经审查，需修改后印发。", changes=["修改第一条"]
    )
    data["adopt_finding"] = [str(finding.pk)]
    response = client.post(h.task_url(state), data)
    assert response.status_code == 302, h.message_texts(response)
    opinion = LegalOpinion.objects.for_object(drafted).get()
    assert opinion.conclusion.startswith("经审查，需修改后印发。")
    assert finding.opinion_text() in opinion.conclusion
    assert "《中华人民共和国民法典》合同编" in opinion.conclusion


def test_adopting_a_finding_of_another_item_adds_nothing(
    drafted, client, jiuzhu, jiuzhu_drafter, adviser
):
    submit(client, drafted, extra={OVERRIDE_FIELD: REASON})
    h.record_fair_competition(drafted, jiuzhu_drafter)
    state = h.submitted_working_days_ago(h.current_state(drafted))
    other = factories.make_document(jiuzhu, slug="other", body=REPEALED)
    from prereview.services import prereview_run

    foreign = prereview_run(obj=other).findings.first()
    client.logout()
    client.force_login(adviser)
    data = h.opinion_data(state.revision_id, "同意", conclusion="同意。")
    data["adopt_finding"] = [str(foreign.pk), "not-a-number"]
    response = client.post(h.task_url(state), data)
    assert response.status_code == 302, h.message_texts(response)
    assert LegalOpinion.objects.for_object(drafted).get().conclusion == "同意。"


def _content_type(obj) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_the_adviser_sees_a_contracts_findings_on_the_review_page(
    contract, client, jiuzhu_drafter, adviser
):
    client.force_login(jiuzhu_drafter)
    data = h.contract_edit_data(contract, "submit")
    data[OVERRIDE_FIELD] = "电话为单位值班电话，非个人信息。"
    client.post(h.contract_edit_url(contract), data)
    state = h.current_state(contract)
    client.logout()
    client.force_login(adviser)
    page = client.get(h.task_url(state)).content.decode()
    assert "含未脱敏的手机号（138****5678）" in page
    assert "电话为单位值班电话，非个人信息。" in page


def test_a_page_locked_by_its_workflow_is_left_to_wagtail(drafted, client, jiuzhu_drafter):
    submit(client, drafted, extra={OVERRIDE_FIELD: REASON})
    h.record_fair_competition(drafted, jiuzhu_drafter)  # now at the adviser's task: locked
    response = submit(client, drafted, body=rich_text(REPEALED + "<p>又改了</p>"))
    assert response.status_code == 200  # Wagtail's own "locked" refusal, not ours
    assert PreReviewRun.objects.for_object(drafted).count() == 1
