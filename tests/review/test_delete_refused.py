"""Reviewed items are evidence: deleting them in the admin is refused in Chinese, not a 500."""

import pytest
from django.urls import reverse

from cms.models import Contract, NormativeDocumentPage
from review.models import LegalOpinion
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(groups):
    return factories.user_with_role("admin", username="deleter", is_superuser=True)


def test_deleting_a_document_with_an_opinion_is_refused(
    client, workflows, jiuzhu, jiuzhu_drafter, adviser, admin_user
):
    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    h.approve_legal(page, adviser, outcome="不同意", conclusion="缺少上位法依据。")
    client.force_login(admin_user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)
    assert response.status_code == 200
    assert "属于法治审核档案，不能删除" in response.content.decode()
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()
    assert LegalOpinion.objects.for_object(page).count() == 1


def test_deleting_a_folder_holding_a_reviewed_document_is_refused(
    client, workflows, jiuzhu, jiuzhu_drafter, adviser, admin_user
):
    page = factories.make_document(jiuzhu)
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    folder = factories.folder_of(jiuzhu)
    client.force_login(admin_user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[folder.pk]), follow=True)
    assert "不能删除" in response.content.decode()
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()


def test_an_unreviewed_draft_can_still_be_deleted(client, jiuzhu, admin_user):
    page = factories.make_document(jiuzhu)
    client.force_login(admin_user)
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert not NormativeDocumentPage.objects.filter(pk=page.pk).exists()


def test_deleting_a_reviewed_contract_is_refused(
    client, workflows, jiuzhu, jiuzhu_drafter, adviser, admin_user
):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision(user=jiuzhu_drafter)
    h.submit(contract, jiuzhu_drafter)
    h.approve_legal(contract, adviser)
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_cms_contract:delete", args=[contract.pk])
    response = client.post(url, follow=True)
    assert "不能删除" in response.content.decode()
    assert Contract.objects.filter(pk=contract.pk).exists()
