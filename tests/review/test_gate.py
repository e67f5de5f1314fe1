"""The issue gate: nothing is published, signed or issued without a passing opinion on
exactly that content — not from the admin, not from code, not from a management command."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from cms.gates import IssueRefused
from cms.models import Contract, MajorDecisionListPage, NormativeDocumentPage
from review.hashing import revision_content_hash
from review.models import LegalOpinion
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db

NO_OPINION = "尚未经法律顾问合法性审查"


def reasons_of(refusal) -> str:
    return "；".join(refusal.value.reasons)


def issued_document(department, drafter, adviser, office_user) -> NormativeDocumentPage:
    """A document walked through its whole workflow by the services, now live."""
    page = factories.make_document(department)
    h.ready_for_registration(page, drafter, adviser, office_user)
    h.register(page, office_user)
    return NormativeDocumentPage.objects.get(pk=page.pk)


def test_office_publishing_an_unreviewed_document_in_the_admin_is_refused_in_chinese(
    workflows, client, jiuzhu, office_user
):
    page = factories.make_document(jiuzhu)
    client.force_login(office_user)
    response = client.post(h.edit_url(page), h.document_edit_data(page, "publish"), follow=True)
    page.refresh_from_db()
    assert not page.live
    [message] = [m for m in h.message_texts(response) if m.startswith("不能发布")]
    assert NO_OPINION in message
    assert "尚未完成公平竞争审查" in message
    assert "尚未经集体审议" in message
    assert "尚未由局办公室统一登记编号" in message


def test_publishing_an_unreviewed_revision_from_code_raises_with_chinese_reasons(workflows, jiuzhu):
    page = factories.make_document(jiuzhu)
    with pytest.raises(IssueRefused) as refusal:
        page.get_latest_revision().publish()
    assert NO_OPINION in reasons_of(refusal)
    assert str(refusal.value).startswith("不能发布：")
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live


def test_a_scheduled_unreviewed_revision_does_not_go_live_from_publish_scheduled(
    workflows, site_tree, jiuzhu
):
    page = factories.make_document(jiuzhu)
    due = timezone.now() - dt.timedelta(hours=1)
    Revision.objects.filter(pk=page.latest_revision_id).update(approved_go_live_at=due)
    index = site_tree.documents  # an ungated page, scheduled after the document
    index.intro = "本库收录现行有效的行政规范性文件。"
    index.save_revision().publish()
    index.intro = "本库收录本局全部行政规范性文件。"
    later = index.save_revision()
    Revision.objects.filter(pk=later.pk).update(approved_go_live_at=due + dt.timedelta(minutes=5))

    errors = io.StringIO()
    call_command("publish_scheduled", stderr=errors, stdout=io.StringIO())
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live
    assert f"《{page.title}》定时发布" in errors.getvalue()
    assert NO_OPINION in errors.getvalue()
    index.refresh_from_db()
    assert index.intro == "本库收录本局全部行政规范性文件。"  # the others still go live
    assert Revision.objects.get(pk=page.latest_revision_id).approved_go_live_at == due


def test_an_edit_after_issue_needs_a_new_review_before_publishing(
    workflows, client, jiuzhu, jiuzhu_drafter, adviser, office_user
):
    page = issued_document(jiuzhu, jiuzhu_drafter, adviser, office_user)
    opinion = LegalOpinion.objects.for_object(page).get()
    assert opinion.content_hash == revision_content_hash(page.live_revision)

    client.force_login(office_user)
    body = h.editor_value("<p>第一条 临时救助标准提高至当地低保标准的12倍。</p>")
    response = client.post(
        h.edit_url(page), h.document_edit_data(page, "publish", body=body), follow=True
    )
    [message] = [m for m in h.message_texts(response) if m.startswith("不能发布")]
    assert "内容不一致" in message
    assert opinion.number in message
    page.refresh_from_db()
    assert "12倍" not in page.body  # the live version is still the reviewed one
    assert "12倍" in page.get_latest_revision_as_object().body  # the edit is kept as a draft
    with pytest.raises(IssueRefused) as refusal:
        page.get_latest_revision().publish()
    assert "内容不一致" in reasons_of(refusal)


def test_abolishing_an_issued_document_needs_no_new_review(
    workflows, client, jiuzhu, jiuzhu_drafter, adviser, office_user
):
    page = issued_document(jiuzhu, jiuzhu_drafter, adviser, office_user)
    client.force_login(office_user)
    today = timezone.localdate().isoformat()
    data = h.document_edit_data(page, "publish", validity_status="已废止", status_changed_on=today)
    response = client.post(h.edit_url(page), data, follow=True)
    assert not [m for m in h.message_texts(response) if m.startswith("不能发布")]
    page.refresh_from_db()
    assert page.live
    assert page.validity_status == "已废止"
    assert str(page.status_changed_on) == today
    assert LegalOpinion.objects.for_object(page).count() == 1


def test_admin_marking_a_contract_signed_without_opinion_or_sign_off_is_refused(
    workflows, client, jiuzhu
):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision()
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    response = client.post(
        h.contract_edit_url(contract), h.contract_edit_data(contract, "publish"), follow=True
    )
    contract.refresh_from_db()
    assert not contract.live
    [message] = [m for m in h.message_texts(response) if m.startswith("不能发布")]
    assert NO_OPINION in message
    assert "尚未经局领导签批" in message


def test_a_contract_with_a_passing_opinion_still_waits_for_leadership_sign_off(
    workflows, client, jiuzhu, jiuzhu_drafter, adviser, leader
):
    contract = factories.ContractFactory(department=jiuzhu)
    h.submit(contract, jiuzhu_drafter)
    opinion = h.approve_legal(contract, adviser)
    with pytest.raises(IssueRefused) as refusal:
        contract.get_latest_revision().publish()
    assert reasons_of(refusal) == "尚未经局领导签批。"

    state = h.current_state(contract)
    client.force_login(leader)
    response = client.post(h.task_url(state), h.sign_off_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)
    contract = Contract.objects.get(pk=contract.pk)
    assert contract.live
    assert contract.signed_on == timezone.localdate()
    assert revision_content_hash(contract.live_revision) == opinion.content_hash


def test_a_decision_list_is_published_only_after_opinion_and_collective_decision(
    workflows, client, jiuzhu, adviser, office_user
):
    decisions = factories.make_decision_list(2026)
    factories.make_decision_item(decisions, jiuzhu)
    decisions.save_revision()
    with pytest.raises(IssueRefused) as refusal:
        decisions.get_latest_revision().publish()
    assert NO_OPINION in reasons_of(refusal)
    assert "尚未经集体审议" in reasons_of(refusal)

    h.submit(decisions, office_user)
    h.approve_legal(decisions, adviser)
    with pytest.raises(IssueRefused) as refusal:
        decisions.get_latest_revision().publish()
    assert reasons_of(refusal).startswith("尚未经集体审议（局党组会或局务会）。")
    assert "尚未经局办公室保密审查" in reasons_of(refusal)

    state = h.current_state(decisions)
    assert state.task.name == "集体讨论决定"
    # Another office member: whoever submitted the list may not record its meeting.
    office2 = factories.user_with_role("office", username="office2")
    h.record_secrecy(decisions, office2)
    client.force_login(office2)
    response = client.post(h.task_url(state), h.deliberation_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)
    assert MajorDecisionListPage.objects.get(pk=decisions.pk).live


def test_an_abolished_document_cannot_be_brought_back_by_a_later_revision(jiuzhu):
    from django.utils import timezone

    from cms.gates import IssueRefused

    page = factories.make_document(jiuzhu, live=True, title="已废止的旧办法")
    abolished = page.get_latest_revision_as_object()
    abolished.validity_status = "已废止"
    abolished.status_changed_on = timezone.localdate()
    abolished.save_revision().publish()
    page.refresh_from_db()
    assert page.validity_status == "已废止"
    revived = page.get_latest_revision_as_object()
    revived.validity_status = "现行有效"
    revision = revived.save_revision()
    with pytest.raises(IssueRefused) as refusal:
        revision.publish()
    assert "已废止" in " ".join(refusal.value.reasons)
    page.refresh_from_db()
    assert page.validity_status == "已废止"
