"""The demo bureau shows every state of the review workflows, with real records and PDFs,
and loading it again changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import TaskState, WorkflowState

from bureau.demo.review import load_demo
from cms.models import Contract, MajorDecisionListPage, NormativeDocumentPage
from review.hashing import revision_content_hash
from review.models import (
    Deliberation,
    FairCompetitionReview,
    Filing,
    LegacyIssue,
    LegalOpinion,
    Registration,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(demo_bureau_module):
    """The demo (``manage.py load_demo``), restored from the session's snapshot
    (tests/fixtures_demo.py) for this module; the former contents come back after it."""


def opinions_of(obj) -> list[LegalOpinion]:
    return list(LegalOpinion.objects.for_object(obj))


def task_name(obj) -> str:
    state = obj.current_workflow_task_state
    return state.task.name if state else ""


def counts() -> dict:
    models = [
        LegalOpinion,
        FairCompetitionReview,
        Deliberation,
        Registration,
        Filing,
        LegacyIssue,
        WorkflowState,
        TaskState,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_a_registered_document_is_live_with_every_record_of_its_path(demo):
    registered = [p for p in NormativeDocumentPage.objects.live() if p.registration_number]
    assert registered
    for page in registered:
        [opinion] = opinions_of(page)
        assert opinion.is_passing
        assert opinion.content_hash == revision_content_hash(page.live_revision)
        assert Registration.for_object(page).get().registration_number == page.registration_number
        assert Deliberation.for_object(page).get().decision == "通过"
        assert FairCompetitionReview.for_object(page).exists()


def test_documents_issued_on_paper_come_in_as_recorded_legacy_issues(demo):
    legacy = [p for p in NormativeDocumentPage.objects.live() if not p.registration_number]
    assert legacy
    for page in legacy:
        assert LegacyIssue.for_object(page).exists()
        assert not opinions_of(page)


def test_a_document_waits_for_the_drafters_changes_after_approval_with_changes(demo):
    waiting = [
        p
        for p in NormativeDocumentPage.objects.all()
        if p.current_workflow_state
        and p.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    ]
    assert waiting
    [opinion] = opinions_of(waiting[0])
    assert opinion.outcome == "修改后同意"
    assert opinion.required_changes
    assert not waiting[0].live


def test_an_overdue_contract_is_red_on_the_advisers_dashboard(demo, client):
    [contract] = [c for c in Contract.objects.all() if task_name(c) == "合法性审查"]
    assert not opinions_of(contract)
    client.force_login(get_user_model().objects.get(username="adviser"))
    html = client.get("/admin/").content.decode()
    panel = html[html.index("待我办理") :]
    row = panel[: panel.index(contract.title) + 400]
    assert contract.title in panel
    assert "已超期" in panel
    assert "color:#cd4444" in row[row.rindex("<tr") :]


def test_this_years_decision_list_awaits_the_collective_decision(demo):
    decisions = MajorDecisionListPage.objects.get(year=2026)
    assert not decisions.live
    assert task_name(decisions) == "集体讨论决定"
    assert [o.outcome for o in opinions_of(decisions)] == ["同意"]
    assert opinions_of(decisions)[0].year == 2026


def test_seven_contracts_signed_in_2023_each_carry_a_passing_opinion_of_2023(demo):
    signed = Contract.objects.filter(live=True, signed_on__year=2023)
    assert signed.count() == 7
    for contract in signed:
        passing = [o for o in opinions_of(contract) if o.is_passing]
        assert [o.year for o in passing] == [2023]
        assert passing[0].content_hash == revision_content_hash(contract.live_revision)


def test_every_opinion_has_its_letter(demo):
    opinions = LegalOpinion.objects.all()
    assert opinions.count() >= 15
    for opinion in opinions:
        assert opinion.letter
        with opinion.letter.open("rb") as letter:
            assert letter.read(5) == b"%PDF-"


def test_loading_the_demo_again_adds_nothing(demo):
    before = counts()
    load_demo()
    assert counts() == before
