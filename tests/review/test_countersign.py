"""会签: a legal-review task configured for two advisers completes only when two different
advisers sign passing opinions on the same revision; one 不同意 sends the item back, and
the gate asks for both."""

import pytest
from django.urls import reverse

from cms.gates import issue_problems
from review.errors import ReviewError
from review.models import LegalReviewTask
from tests import factories
from tests.review.helpers import (
    approve_legal,
    current_state,
    message_texts,
    opinion_data,
    submit,
    submitted_working_days_ago,
    task_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_adviser(groups):
    return factories.user_with_role("adviser", username="adviser2", first_name="李律师")


@pytest.fixture
def countersigned(workflows):
    """The contract workflow's legal review, switched to 会签."""
    task = LegalReviewTask.objects.get(name="合法性审查")
    task.countersign = True
    task.save()
    return task


@pytest.fixture
def contract(countersigned, jiuzhu, jiuzhu_drafter):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision(user=jiuzhu_drafter)
    submit(contract, jiuzhu_drafter)
    submitted_working_days_ago(current_state(contract))
    return contract


def sign(contract, adviser, outcome="同意"):
    reason = "经审查，同意。" if outcome == "同意" else "违反政府采购法规定，不同意。"
    return approve_legal(contract, adviser, outcome=outcome, conclusion=reason)


def test_the_task_config_offers_countersign():
    assert "countersign" in LegalReviewTask.admin_form_fields


def test_one_opinion_does_not_complete_a_countersigned_task(contract, adviser):
    first = sign(contract, adviser)
    state = current_state(contract)
    assert state.status == "in_progress" and state.task.specific.countersign
    assert any("会签" in p for p in issue_problems(contract, first.revision))


def test_two_different_advisers_complete_it_and_satisfy_the_gate(contract, adviser, second_adviser):
    first = sign(contract, adviser)
    second = sign(contract, second_adviser)
    assert first.revision_id == second.revision_id
    assert first.task_state_id == second.task_state_id
    assert second.task_state.status == "approved"
    assert not [p for p in issue_problems(contract, second.revision) if "法律顾问" in p]


def test_the_same_adviser_twice_is_refused(contract, adviser):
    sign(contract, adviser)
    with pytest.raises(ReviewError, match="两名不同的法律顾问"):
        sign(contract, adviser)
    assert current_state(contract).status == "in_progress"


def test_one_disagreeing_adviser_rejects(contract, adviser, second_adviser):
    sign(contract, adviser)
    refused = sign(contract, second_adviser, outcome="不同意")
    refused.task_state.refresh_from_db()
    assert refused.task_state.status == "rejected"
    assert any("不同意" in p for p in issue_problems(contract, refused.revision))


def test_without_countersign_one_opinion_completes(workflows, jiuzhu, jiuzhu_drafter, adviser):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision(user=jiuzhu_drafter)
    submit(contract, jiuzhu_drafter)
    submitted_working_days_ago(current_state(contract))
    opinion = sign(contract, adviser)
    opinion.task_state.refresh_from_db()
    assert opinion.task_state.status == "approved"


def test_the_task_admin_form_shows_the_countersign_option(login, countersigned, groups):
    admin = factories.user_with_role("admin", username="admin2")
    response = login(admin).get(
        reverse("wagtailadmin_workflows:edit_task", args=[countersigned.pk])
    )
    assert response.status_code == 200
    assert "会签（两名法律顾问）" in response.content.decode()


def test_in_the_admin_the_same_adviser_is_refused_in_chinese(login, contract, adviser):
    client = login(adviser)
    state = current_state(contract)
    data = opinion_data(state.revision_id, "同意", conclusion="同意。", kind="contract")
    first = client.post(task_url(state), data)
    assert any("尚待另一名法律顾问" in m for m in message_texts(first))
    again = client.post(task_url(state), data)
    assert again.status_code == 200
    assert any("两名不同的法律顾问" in m for m in message_texts(again))
    assert current_state(contract).status == "in_progress"
