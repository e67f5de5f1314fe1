"""A normative document's whole path through the admin, as each actor clicks it.

Drafter submits → drafting unit's fair-competition review → adviser's written opinion
(rounds until it passes) → collective deliberation → registration → published; the
published revision is exactly the one the passing opinion judged.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from cms.gates import IssueRefused
from cms.models import NormativeDocumentPage
from review.hashing import revision_content_hash
from review.models import (
    Deliberation,
    DeliberationTask,
    FairCompetitionReview,
    FairCompetitionTask,
    LegalOpinion,
    LegalReviewTask,
    Registration,
    RegistrationTask,
)
from tests import factories
from tests.cms.admin_forms import document_form
from tests.review import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(workflows, client, jiuzhu, jiuzhu_drafter):
    """The drafter creates the document in their folder and submits it for review."""
    client.force_login(jiuzhu_drafter)
    response = client.post(h.add_document_url(jiuzhu), document_form())
    assert response.status_code == 302
    page = NormativeDocumentPage.objects.get()
    response = client.post(h.edit_url(page), h.document_edit_data(page, "submit"))
    assert response.status_code == 302
    assert isinstance(h.current_state(page).task.specific, FairCompetitionTask)
    return page


def as_user(client, user):
    client.logout()
    client.force_login(user)
    return client


def record_fair_competition(client, page, drafter):
    state = h.current_state(page)
    assert isinstance(state.task.specific, FairCompetitionTask)
    as_user(client, drafter)
    response = client.post(h.task_url(state), h.fair_competition_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)
    return state


def issue_opinion(client, page, adviser, outcome, **fields):
    state = h.submitted_working_days_ago(h.current_state(page))
    assert isinstance(state.task.specific, LegalReviewTask)
    as_user(client, adviser)
    response = client.post(h.task_url(state), h.opinion_data(state.revision_id, outcome, **fields))
    assert response.status_code == 302, h.message_texts(response)
    return LegalOpinion.objects.for_object(page).first()


def resubmit_with_edit(client, page, drafter, body):
    """The drafter edits the returned document and resubmits (Wagtail resumes the workflow)."""
    assert h.workflow_status(page) == WorkflowState.STATUS_NEEDS_CHANGES
    as_user(client, drafter)
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    response = client.post(h.edit_url(page), h.document_edit_data(draft, "submit", body=body))
    assert response.status_code == 302, h.message_texts(response)
    assert h.workflow_status(page) == WorkflowState.STATUS_IN_PROGRESS


def walk_to_the_end(client, page, drafter, office_user):
    """After a passing opinion: FC again if Wagtail asks (any edit voids earlier approvals),
    then the office records the meeting and registers."""
    state = h.current_state(page)
    if isinstance(state.task.specific, FairCompetitionTask):
        record_fair_competition(client, page, drafter)
        state = h.current_state(page)
    assert isinstance(state.task.specific, DeliberationTask)
    as_user(client, office_user)
    response = client.post(h.task_url(state), h.deliberation_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)
    state = h.current_state(page)
    assert isinstance(state.task.specific, RegistrationTask)
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live
    secrecy = reverse("review_secrecy_check", args=[page.cached_content_type.pk, page.pk])
    check = {"revision_id": page.get_latest_revision().pk, "result": "可以公开", "basis": "不涉密"}
    assert client.post(secrecy, check).status_code == 302  # the office's 保密审查
    response = client.post(h.task_url(state), h.registration_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)


def test_rejected_document_is_revised_approved_registered_and_published_as_reviewed(
    drafted, client, jiuzhu_drafter, adviser, office_user, django_capture_on_commit_callbacks
):
    page = drafted
    mail.outbox.clear()
    record_fair_competition(client, page, jiuzhu_drafter)
    # The legal task starts: the advisers are told by e-mail, with the link to the task.
    state = h.current_state(page)
    assert any(adviser.email in m.to and h.task_url(state) in m.body for m in mail.outbox)

    # The adviser opens the task, reads the submitted version and rejects it in writing.
    as_user(client, adviser)
    task_page = client.get(h.task_url(state)).content.decode()
    submitted = reverse("review_revision", args=[page.content_type_id, page.pk, state.revision_id])
    assert submitted in task_page
    assert "为规范临时救助工作" in client.get(submitted).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rejection = issue_opinion(
            client,
            page,
            adviser,
            "不同意",
            conclusion=h.REJECT_REASON,
            result="符合",
            higher_law="不符合",
        )
    year = timezone.localdate().year
    assert re.fullmatch(rf"法审〔{year}〕\d+号", rejection.number)
    assert rejection.outcome == "不同意"
    assert rejection.revision_id == state.revision_id
    assert h.workflow_status(page) == WorkflowState.STATUS_NEEDS_CHANGES
    # Wagtail's own "rejected" mail goes out too; ours carries the opinion.
    [letter] = [m for m in mail.outbox if rejection.number in m.subject]
    assert letter.to == [jiuzhu_drafter.email]
    assert h.REJECT_REASON in letter.body
    assert "不符合" in letter.body  # the checklist travels with the opinion

    # The drafter revises and resubmits: the same legal task restarts on the new revision.
    resubmit_with_edit(
        client, page, jiuzhu_drafter, h.editor_value("<p>第一条 可在急难发生地申请。</p>")
    )
    state = h.current_state(page)
    assert isinstance(state.task.specific, LegalReviewTask)
    assert state.revision_id != rejection.revision_id

    # The adviser sees the diff against the rejected revision and the earlier opinion.
    as_user(client, adviser)
    response = client.get(h.task_url(state))
    html = response.content.decode()
    compare = reverse(
        "review_compare",
        args=[rejection.content_type_id, page.pk, rejection.revision_id, state.revision_id],
    )
    assert compare in html
    assert rejection.number in html
    assert h.REJECT_REASON in html
    diff = client.get(compare).content.decode()
    assert "可在急难发生地申请" in diff
    assert "为规范临时救助工作" in diff  # the rejected wording, struck through

    approval = issue_opinion(client, page, adviser, "同意", conclusion="经审查，同意。")
    assert approval.revision_id == state.revision_id
    walk_to_the_end(client, page, jiuzhu_drafter, office_user)

    page = NormativeDocumentPage.objects.get(pk=page.pk)
    assert page.live
    registration = Registration.for_object(page).get()
    assert page.registration_number == registration.registration_number
    assert re.fullmatch(rf"红民登〔{year}〕\d+号", page.registration_number)
    assert re.fullmatch(rf"红民规〔{year}〕\d+号", page.doc_number)
    assert page.published_on == timezone.localdate()
    digest = revision_content_hash(page.live_revision)
    assert approval.content_hash == digest
    assert rejection.content_hash != digest
    assert FairCompetitionReview.for_object(page).count() == 2
    assert Deliberation.for_object(page).get().decision == "通过"


def test_approval_with_changes_waits_for_the_advisers_confirmation_of_the_edit(
    drafted, client, jiuzhu_drafter, adviser, office_user
):
    page = drafted
    record_fair_competition(client, page, jiuzhu_drafter)
    changes = issue_opinion(
        client, page, adviser, "修改后同意", conclusion="程序尚不完备。", changes=h.CHANGES
    )
    assert changes.required_changes == h.CHANGES
    assert h.workflow_status(page) == WorkflowState.STATUS_NEEDS_CHANGES

    resubmit_with_edit(
        client, page, jiuzhu_drafter, h.editor_value("<p>第十条 审批时限为5个工作日。</p>")
    )
    state = h.current_state(page)
    assert isinstance(state.task.specific, LegalReviewTask)  # the workflow does not go on
    with pytest.raises(IssueRefused, match="法律顾问尚未确认已按意见修改"):
        page.get_latest_revision().publish()

    as_user(client, adviser)
    html = client.get(h.task_url(state)).content.decode()
    assert "确认已按意见修改" in html
    for change in h.CHANGES:
        assert change in html
    # A plain 同意 is no longer offered: the adviser has to confirm the listed changes.
    response = client.post(h.task_url(state), h.opinion_data(state.revision_id, "同意"))
    assert response.status_code == 200
    assert h.current_state(page).pk == state.pk

    confirmation = issue_opinion(client, page, adviser, "确认已修改")
    assert confirmation.confirms == changes
    assert confirmation.is_passing
    assert changes.number in confirmation.conclusion
    walk_to_the_end(client, page, jiuzhu_drafter, office_user)

    page = NormativeDocumentPage.objects.get(pk=page.pk)
    assert page.live
    assert revision_content_hash(page.live_revision) == confirmation.content_hash


def test_the_drafter_cannot_change_the_document_while_it_is_locked_in_review(
    drafted, client, jiuzhu_drafter
):
    page = drafted
    record_fair_competition(client, page, jiuzhu_drafter)
    state = h.current_state(page)
    revisions = page.revisions.count()
    as_user(client, jiuzhu_drafter)
    body = h.editor_value("<p>送审期间偷偷改动的正文。</p>")
    title = "临时救助实施办法（送审期间改动）"
    for action in (None, "submit"):
        data = h.document_edit_data(page, action, body=body, title=title)
        response = client.post(h.edit_url(page), data)
        assert response.status_code == 200
        assert "页面已锁定" in " ".join(h.message_texts(response))
        assert title in response.content.decode()  # what was typed is still on the form
    assert page.revisions.count() == revisions
    assert h.current_state(page).pk == state.pk
    draft = page.get_latest_revision_as_object()
    assert "偷偷" not in draft.body
    assert draft.title == h.DOCUMENT_TITLE


def test_the_editor_offers_the_task_to_its_actor_and_to_nobody_else(
    drafted, client, jiuzhu_drafter, adviser
):
    """Our tasks lock the editor: its main button takes the actor to the task's page."""
    page = drafted
    record_fair_competition(client, page, jiuzhu_drafter)
    state = h.current_state(page)
    html = as_user(client, adviser).get(h.edit_url(page)).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{h.task_url(state)}"' in footer and "办理：合法性审查" in footer
    assert "审核期间该页面锁定" in html  # the lock banner says who acts, and how
    html = as_user(client, jiuzhu_drafter).get(h.edit_url(page)).content.decode()
    assert "办理：" not in html and h.task_url(state) not in html


def test_a_contract_in_legal_review_offers_its_task_to_the_adviser(
    workflows, client, jiuzhu, jiuzhu_drafter, adviser
):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision(user=jiuzhu_drafter)
    state = h.submit(contract, jiuzhu_drafter)
    assert isinstance(state.task.specific, LegalReviewTask)
    html = as_user(client, adviser).get(h.contract_edit_url(contract)).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{h.task_url(state)}"' in footer and "办理：合法性审查" in footer


def test_only_the_legality_review_shows_a_statutory_deadline(
    drafted, client, jiuzhu_drafter, adviser, office_user
):
    page = drafted
    record_fair_competition(client, page, jiuzhu_drafter)
    legal = h.submitted_working_days_ago(h.current_state(page), 30)
    html = as_user(client, adviser).get(h.task_url(legal)).content.decode()
    assert "审查期限" in html and "已超期" in html
    issue_opinion(client, page, adviser, "同意", conclusion="同意。")
    deliberation = h.submitted_working_days_ago(h.current_state(page), 30)
    assert isinstance(deliberation.task.specific, DeliberationTask)
    html = as_user(client, office_user).get(h.task_url(deliberation)).content.decode()
    assert "送审日期" in html
    assert "审查期限" not in html and "已超期" not in html  # no 15-day limit on a meeting
