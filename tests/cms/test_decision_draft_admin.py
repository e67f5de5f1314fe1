"""The decision draft (决策方案) through the Wagtail admin: one per item, only an item of the
list it is filed under, refused in Chinese with everything typed kept."""

import pytest
from django.urls import reverse

from cms.models import DecisionDraftPage, ExpertOpinion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(workflows, jiuzhu):
    ours, other = factories.make_decision_list(2026), factories.make_decision_list(2027)
    return (
        ours,
        factories.make_decision_item(ours, jiuzhu, name="城乡低保标准调整"),
        factories.make_decision_item(other, jiuzhu, name="养老服务网络建设"),
    )


def post_draft(client, decision_list, item, body="城市低保标准调整为每人每月760元。"):
    url = reverse("wagtailadmin_pages:add", args=["cms", "decisiondraftpage", decision_list.pk])
    return client.post(
        url, {"title": "低保标准调整方案", "slug": "", "item": str(item.pk), "body": body}
    )


def test_the_office_drafts_a_decision_under_its_list(login, office_user, lists):
    decision_list, item, _ = lists
    response = post_draft(login(office_user), decision_list, item)
    assert response.status_code == 302, response.context["form"].errors
    draft = DecisionDraftPage.objects.get()
    assert draft.item == item and not draft.live
    assert draft.get_parent().pk == decision_list.pk


def test_another_lists_item_is_refused_and_the_text_kept(login, office_user, lists):
    decision_list, _, foreign = lists
    response = post_draft(login(office_user), decision_list, foreign, body="保留的方案正文")
    assert response.status_code == 200
    assert "item" in response.context["form"].errors
    assert "保留的方案正文" in response.content.decode()
    assert not DecisionDraftPage.objects.exists()


def test_a_second_draft_of_the_same_item_is_refused(login, office_user, lists):
    decision_list, item, _ = lists
    client = login(office_user)
    post_draft(client, decision_list, item)
    response = post_draft(client, decision_list, item)
    assert "已有决策方案" in " ".join(response.context["form"].errors["item"])
    assert DecisionDraftPage.objects.count() == 1


def test_an_expert_opinion_of_another_units_item_cannot_be_recorded(login, shiwu_drafter, lists):
    _, item, _ = lists  # led by 救助站; the drafter is 事务站's
    url = reverse("wagtailsnippets_cms_expertopinion:add")
    response = login(shiwu_drafter).post(
        url,
        {"item": str(item.pk), "expert": "马建国", "given_on": "2026-03-01", "opinion": "同意。"},
    )
    assert response.status_code == 200
    assert "item" in response.context["form"].errors
    assert not ExpertOpinion.objects.exists()


def test_the_lead_unit_records_an_expert_opinion(login, jiuzhu_drafter, lists):
    _, item, _ = lists
    url = reverse("wagtailsnippets_cms_expertopinion:add")
    response = login(jiuzhu_drafter).post(
        url,
        {"item": str(item.pk), "expert": "马建国", "given_on": "2026-03-01", "opinion": "同意。"},
    )
    assert response.status_code == 302
    assert ExpertOpinion.objects.get().created_by == jiuzhu_drafter
