"""Audit finding 8: whoever submitted or wrote a version cannot judge it — not its legal
opinion, not its collective deliberation, not its contract sign-off; a superuser neither."""

import pytest

from cms.kinds import item_kind
from review import selectors, services
from review.errors import ReviewError
from review.models import Deliberation, LegalOpinion
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db

SOD = "起草与审核职责分离"


@pytest.fixture
def drafting_adviser(groups, jiuzhu):
    """Both a drafter of 社会救助站 and a legal adviser (the audit's demo account)."""
    user = factories.user_with_role("adviser", username="drafting-adviser")
    user.groups.add(jiuzhu.group)
    return user


def opinion_post(state) -> dict:
    kind = item_kind(state.workflow_state.content_object)
    return h.opinion_data(state.revision_id, "同意", conclusion="经审查，同意。", kind=kind)


def test_an_adviser_cannot_sign_the_opinion_on_their_own_submission(
    client, workflows, jiuzhu, drafting_adviser, adviser
):
    contract = factories.ContractFactory(department=jiuzhu)
    state = h.submitted_working_days_ago(h.submit(contract, drafting_adviser))
    client.force_login(drafting_adviser)

    response = client.get(h.task_url(state))
    h.assert_sent_away(response, SOD)
    editor = client.get(h.contract_edit_url(contract))
    assert "办理：合法性审查" not in editor.content.decode()

    response = client.post(h.task_url(state), opinion_post(state))  # a crafted POST
    h.assert_sent_away(response, SOD)
    assert not LegalOpinion.objects.for_object(contract).exists()
    with pytest.raises(ReviewError, match=SOD):
        h.approve_legal(contract, drafting_adviser)

    client.force_login(adviser)  # another adviser may
    response = client.post(h.task_url(state), opinion_post(state))
    assert response.status_code == 302, h.message_texts(response)
    assert LegalOpinion.objects.for_object(contract).get().adviser == adviser


def test_a_superuser_cannot_submit_and_approve_alone(client, workflows, jiuzhu):
    root = factories.UserFactory(username="root", is_superuser=True)
    root.save()  # keep the password the factory set, so the session stays valid
    contract = factories.ContractFactory(department=jiuzhu)
    state = h.submitted_working_days_ago(h.submit(contract, root))
    client.force_login(root)
    response = client.post(h.task_url(state), opinion_post(state))
    h.assert_sent_away(response, SOD)
    assert not LegalOpinion.objects.for_object(contract).exists()


def test_whoever_wrote_the_submitted_content_cannot_review_it_although_another_submitted(
    workflows, jiuzhu, jiuzhu_drafter, drafting_adviser, adviser
):
    contract = factories.ContractFactory(department=jiuzhu)
    edited = contract.get_latest_revision_as_object() if contract.latest_revision else contract
    edited.text = "甲方委托乙方运营管理殡仪服务中心，期限一年。"
    edited.save_revision(user=drafting_adviser)  # the content's author
    h.submit(contract, jiuzhu_drafter)  # submitted unchanged by a colleague
    with pytest.raises(ReviewError, match=SOD):
        h.approve_legal(contract, drafting_adviser)
    assert h.approve_legal(contract, adviser).adviser == adviser


def test_the_office_member_who_submitted_a_decision_list_cannot_record_its_deliberation(
    client, workflows, jiuzhu, adviser, office_user
):
    decisions = factories.make_decision_list(2026)
    factories.make_decision_item(decisions, jiuzhu)
    decisions.save_revision(user=office_user)
    h.submit(decisions, office_user)
    h.approve_legal(decisions, adviser)
    state = h.current_state(decisions)
    client.force_login(office_user)
    response = client.post(h.task_url(state), h.deliberation_data(state.revision_id))
    h.assert_sent_away(response, SOD)
    assert not Deliberation.for_object(decisions).exists()
    with pytest.raises(ReviewError, match="不能对本人经手的版本进行保密审查"):
        h.record_secrecy(decisions, office_user)  # nor its 保密审查

    colleague = factories.user_with_role("office", username="office2")
    h.record_secrecy(decisions, colleague)
    client.force_login(colleague)
    response = client.post(h.task_url(state), h.deliberation_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)
    assert Deliberation.for_object(decisions).get().recorded_by == colleague


def test_a_leader_cannot_sign_off_a_contract_they_submitted(
    client, workflows, jiuzhu, adviser, leader
):
    drafting_leader = factories.user_with_role("leader", username="drafting-leader")
    drafting_leader.groups.add(jiuzhu.group)
    contract = factories.ContractFactory(department=jiuzhu)
    h.submit(contract, drafting_leader)
    h.approve_legal(contract, adviser)
    state = h.current_state(contract)
    client.force_login(drafting_leader)
    response = client.post(h.task_url(state), h.sign_off_data(state.revision_id))
    h.assert_sent_away(response, SOD)
    with pytest.raises(ReviewError, match=SOD):
        services.sign_off(
            task_state_id=state.pk,
            revision_id=state.revision_id,
            user=drafting_leader,
            approve=True,
        )
    client.force_login(leader)
    response = client.post(h.task_url(state), h.sign_off_data(state.revision_id))
    assert response.status_code == 302, h.message_texts(response)
    contract.refresh_from_db()
    assert contract.live


def test_ones_own_submission_is_not_offered_as_awaiting_review(
    workflows, jiuzhu, drafting_adviser, adviser
):
    contract = factories.ContractFactory(department=jiuzhu)
    state = h.submit(contract, drafting_adviser)
    assert [item.obj for item in selectors.awaiting_action(adviser)] == [contract]
    assert selectors.awaiting_action(drafting_adviser) == []
    assert selectors.task_to_act_on(contract, drafting_adviser) is None
    task = state.task.specific
    assert not task.get_task_states_user_can_moderate(drafting_adviser).exists()
    assert task.get_task_states_user_can_moderate(adviser).get().pk == state.pk
