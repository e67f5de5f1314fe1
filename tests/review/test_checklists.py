"""Each kind of item has its own legality checklist: a contract is not reviewed against
the questions of a normative document (制定主体、设定许可…), nor a major decision."""

import pytest

from cms.kinds import ItemKind
from review.checklists import (
    CHECKLIST_TEXTS,
    CONTRACT_CHECKLIST,
    DECISION_CHECKLIST,
    LEGALITY_CHECKLIST,
    legality_checklist,
)
from review.models import LegalOpinion
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db


def test_each_kind_has_its_checklist_and_every_code_one_text():
    assert legality_checklist(ItemKind.NORMATIVE_DOCUMENT) == LEGALITY_CHECKLIST
    assert legality_checklist(ItemKind.CONTRACT) == CONTRACT_CHECKLIST
    assert legality_checklist(ItemKind.MAJOR_DECISION) == DECISION_CHECKLIST
    every = [*LEGALITY_CHECKLIST, *CONTRACT_CHECKLIST, *DECISION_CHECKLIST]
    for item in every:  # a code shared between lists must mean the same question
        assert CHECKLIST_TEXTS[item.code] == item.text


@pytest.fixture
def contract_in_review(workflows, jiuzhu, jiuzhu_drafter):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision(user=jiuzhu_drafter)
    h.submit(contract, jiuzhu_drafter)
    return h.submitted_working_days_ago(h.current_state(contract)), contract


def test_the_contract_task_page_asks_the_contract_questions(client, adviser, contract_in_review):
    state, contract = contract_in_review
    client.force_login(adviser)
    html = client.get(h.task_url(state)).content.decode()
    assert f"{contract.title}（合同）" in html
    for item in CONTRACT_CHECKLIST:
        assert item.text in html
    assert "制定主体是否合法" not in html


def test_a_contract_opinion_answers_the_contract_checklist_and_its_letter_prints_it(
    client, adviser, contract_in_review
):
    state, _ = contract_in_review
    client.force_login(adviser)
    document_answers = h.opinion_data(state.revision_id, "同意", conclusion="同意。")
    response = client.post(h.task_url(state), document_answers)
    assert response.status_code == 200  # the document's checklist does not fit a contract
    assert not LegalOpinion.objects.exists()
    data = h.opinion_data(
        state.revision_id,
        "修改后同意",
        conclusion="违约责任条款不对等，修改后同意。",
        changes=["第九条增加乙方逾期履行的违约金。"],
        kind=ItemKind.CONTRACT,
        contract_remedies="不符合",
    )
    response = client.post(h.task_url(state), data)
    assert response.status_code == 302, h.message_texts(response)
    opinion = LegalOpinion.objects.get()
    assert {line["code"] for line in opinion.checklist} == {i.code for i in CONTRACT_CHECKLIST}
    letter = h.pdf_text(opinion.letter.open("rb").read())
    assert "违约责任和争议解决条款是否明确、可行不符合" in letter
    assert "制定主体" not in letter
