"""Each major decision on its own path (issue 15): records beside the item, a decision
draft reviewed on its own (合法性审查 ≥ 7 working days → 集体讨论决定 → 决策公布 → 备案),
and none of it touching the year's list page."""

import datetime as dt

import pytest
from django.utils import timezone

from cms import decision_steps
from cms.gates import IssueRefused, issue_problems
from cms.models import (
    DecisionConsultation,
    DecisionDraftPage,
    DecisionMeeting,
    ExpertOpinion,
    RiskAssessment,
    RiskLevel,
)
from review import services
from review.errors import ReviewError
from review.hashing import content_hash
from review.models import Filing
from tests import factories
from tests.review.helpers import (
    approve_legal,
    checklist_lines,
    current_state,
    record_deliberation,
    submit,
)

pytestmark = pytest.mark.django_db

DIBAO = "城乡最低生活保障标准调整"


@pytest.fixture
def decision_list(workflows, jiuzhu):
    decision_list = factories.make_decision_list(2026)
    factories.make_decision_item(decision_list, jiuzhu, name=DIBAO)
    factories.issue_as_legacy(decision_list)
    decision_list.refresh_from_db()
    return decision_list


@pytest.fixture
def item(decision_list):
    return decision_list.items.get(name=DIBAO)


def list_hash(decision_list) -> str:
    """The hash of the list as it would be serialised now (items read from the database)."""
    page = type(decision_list).objects.get(pk=decision_list.pk)
    return content_hash(page.serializable_data())


def make_draft(decision_list, item, user) -> DecisionDraftPage:
    draft = DecisionDraftPage(
        title=f"{item.name}方案",
        item=item,
        body="城市低保标准由每人每月720元调整为760元。",
        live=False,
    )
    decision_list.add_child(instance=draft)
    draft.save_revision(user=user)
    return draft


def record_progress(item, user) -> None:
    today = timezone.localdate()
    DecisionConsultation.objects.create(
        item=item,
        text="征求意见稿",
        start=today - dt.timedelta(days=60),
        end=today - dt.timedelta(days=30),
    )
    ExpertOpinion.objects.create(
        item=item,
        expert="马建国",
        organisation="宁夏大学法学院",
        given_on=today - dt.timedelta(days=20),
        opinion="调整幅度与本地居民消费支出增长相当，建议实施。",
        created_by=user,
    )
    RiskAssessment.objects.create(
        item=item, assessed_on=today - dt.timedelta(days=15), level=RiskLevel.LOW, created_by=user
    )


def test_progress_leaves_the_list_hash_and_its_review_alone(
    decision_list, item, office_user, adviser, jiuzhu_drafter
):
    before = list_hash(decision_list)
    revisions = decision_list.revisions.count()
    record_progress(item, office_user)
    draft = make_draft(decision_list, item, jiuzhu_drafter)
    submit(draft, jiuzhu_drafter)
    approve_legal(draft, adviser)
    record_deliberation(draft, office_user)
    DecisionMeeting.objects.create(
        item=item, held_on=timezone.localdate(), name="2026年第5次局务会", attendees="局长、副局长"
    )
    decision_list.refresh_from_db()
    assert list_hash(decision_list) == before
    assert decision_list.revisions.count() == revisions
    assert not decision_list.workflow_in_progress
    assert not decision_list.has_unpublished_changes
    draft.refresh_from_db()
    assert draft.live and draft.published_on == timezone.localdate()


def test_status_is_computed_from_the_records(
    decision_list, item, office_user, adviser, jiuzhu_drafter
):
    assert item.progress() == decision_steps.NOT_STARTED
    record_progress(item, office_user)
    assert item.progress() == decision_steps.ASSESSING
    done = {row["code"]: row["done_on"] for row in item.procedure_status()}
    assert done["expert_argument"] and done["risk_assessment"] and done["public_participation"]
    assert done["legality_review"] is None
    draft = make_draft(decision_list, item, jiuzhu_drafter)
    assert item.progress() == decision_steps.DRAFTING
    submit(draft, jiuzhu_drafter)
    assert item.progress() == decision_steps.IN_REVIEW
    approve_legal(draft, adviser)
    assert item.progress() == decision_steps.REVIEWED
    assert {r["code"]: r["done_on"] for r in item.procedure_status()}["legality_review"]
    record_deliberation(draft, office_user)
    assert item.progress() == decision_steps.PUBLISHED
    services.filing_record(
        document=DecisionDraftPage.objects.get(pk=draft.pk),
        user=office_user,
        authority="吴忠市红寺堡区人民政府",
        filed_on=timezone.localdate(),
    )
    assert item.progress() == decision_steps.FILED
    assert Filing.objects.count() == 1


def test_legality_opinion_before_seven_working_days_is_refused(
    decision_list, item, office_user, adviser, jiuzhu_drafter
):
    draft = make_draft(decision_list, item, jiuzhu_drafter)
    state = submit(draft, jiuzhu_drafter)
    assert state.task.specific.working_days_minimum == 7
    with pytest.raises(ReviewError, match="不足7个工作日"):
        services.opinion_issue(
            task_state_id=state.pk,
            revision_id=state.revision_id,
            adviser=adviser,
            outcome="同意",
            checklist=checklist_lines(kind="decision"),
            conclusion="同意。",
            required_changes=[],
        )
    assert current_state(draft).status == "in_progress"


def test_decision_publication_needs_a_passing_opinion_on_that_draft_version(
    decision_list, item, office_user, adviser, jiuzhu_drafter
):
    draft = make_draft(decision_list, item, jiuzhu_drafter)
    with pytest.raises(IssueRefused, match="尚未经法律顾问合法性审查"):
        draft.get_latest_revision().publish(user=office_user)
    submit(draft, jiuzhu_drafter)
    approve_legal(draft, adviser)
    # The draft changed after the opinion: the new version is not the one approved.
    changed = draft.get_latest_revision_as_object()
    changed.body = "城市低保标准调整为800元。"
    revision = changed.save_revision(user=jiuzhu_drafter)
    problems = issue_problems(DecisionDraftPage.objects.get(pk=draft.pk), revision)
    assert any("内容不一致" in p for p in problems)
    with pytest.raises(IssueRefused):
        revision.publish(user=office_user)
    assert not DecisionDraftPage.objects.get(pk=draft.pk).live


def test_a_draft_born_live_from_code_is_refused(decision_list, item):
    with pytest.raises(IssueRefused):
        decision_list.add_child(instance=DecisionDraftPage(title="方案", item=item, body="正文"))
    assert not DecisionDraftPage.objects.exists()


def test_the_portal_shows_a_decision_only_once_published(
    client, decision_list, item, office_user, adviser, jiuzhu_drafter
):
    draft = make_draft(decision_list, item, jiuzhu_drafter)
    submit(draft, jiuzhu_drafter)
    listing = client.get(decision_list.url).content.decode()
    assert draft.title not in listing and "办理中" in listing
    assert client.get(f"{decision_list.url}{draft.slug}/").status_code == 404
    approve_legal(draft, adviser)
    record_deliberation(draft, office_user)
    draft.refresh_from_db()
    page = client.get(draft.url)
    assert page.status_code == 200 and "760元" in page.content.decode()
    listing = client.get(decision_list.url).content.decode()
    assert "决策公布" in listing and draft.url in listing and "已公布" in listing
