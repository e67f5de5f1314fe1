"""Finding 9: nothing public is lost, and no delete path gives a 500.

Public comments survive the deletion of what they were made on: deletion is refused in
Chinese (the comments are the public's record of the consultation). Items with review
records are refused on every path — single page delete, page bulk delete (which runs no
``before_delete_page`` hook), snippet delete and bulk delete, a parent folder holding
such items, and an item removed from a decision list.
"""

from datetime import timedelta

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from cms.models import (
    Contract,
    DecisionConsultation,
    DecisionItem,
    NormativeDocumentPage,
    PublicComment,
)
from tests import factories
from tests.portal.conftest import open_for_consultation
from tests.review import helpers as h

pytestmark = pytest.mark.django_db

REFUSED = "不能删除"


@pytest.fixture
def admin_client(client, groups):
    client.raise_request_exception = False
    client.force_login(
        factories.user_with_role("admin", username="deletion-admin", is_superuser=True)
    )
    return client


def commented_draft(department):
    page = factories.make_document(department, title="关于调整临时救助标准的通知（征求意见稿）")
    open_for_consultation(page)
    PublicComment.objects.create(document=page, text="建议提高救助标准。", ip_hash="a" * 64)
    return page


def reviewed_document(department, drafter, adviser):
    page = factories.make_document(department)
    h.submit(page, drafter)
    h.record_fair_competition(page, drafter)
    h.approve_legal(page, adviser, outcome="不同意", conclusion="缺少上位法依据。")
    return page


def consulted_decision(department):
    decision_list = factories.make_decision_list()
    item = factories.make_decision_item(decision_list, department)
    today = timezone.localdate()
    consultation = DecisionConsultation.objects.create(
        item=item, text="决策草案全文", start=today, end=today + timedelta(days=40)
    )
    PublicComment.objects.create(
        decision_consultation=consultation, text="建议分步实施。", ip_hash="b" * 64
    )
    return decision_list, item, consultation


def bulk_url(app: str, model: str, *ids) -> str:
    query = "&".join(f"id={pk}" for pk in ids)
    back = reverse("wagtailadmin_home")  # the listing the admin came from, as it passes
    return reverse("wagtail_bulk_action", args=(app, model, "delete")) + f"?{query}&next={back}"


def page_delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]), follow=True)


def page_bulk_delete(client, *pages):
    return client.post(bulk_url("wagtailcore", "page", *(p.pk for p in pages)), follow=True)


def assert_refused(response):
    assert response.status_code == 200  # the Chinese refusal, never a 500
    assert REFUSED in response.content.decode()


# --- public comments ------------------------------------------------------------------


def test_deleting_a_draft_that_received_public_comments_is_refused_and_keeps_them(
    site_tree, jiuzhu, admin_client
):
    page = commented_draft(jiuzhu)
    response = page_delete(admin_client, page)
    assert_refused(response)
    assert "公众意见" in response.content.decode()
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()
    assert PublicComment.objects.filter(document=page).count() == 1


def test_bulk_deleting_a_draft_that_received_public_comments_is_refused(
    site_tree, jiuzhu, admin_client
):
    page = commented_draft(jiuzhu)
    assert_refused(page_bulk_delete(admin_client, page))
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()
    assert PublicComment.objects.count() == 1


def test_deleting_the_folder_above_a_commented_draft_is_refused_on_both_paths(
    site_tree, jiuzhu, admin_client
):
    page = commented_draft(jiuzhu)
    folder = factories.folder_of(jiuzhu)
    assert_refused(page_delete(admin_client, folder))
    assert_refused(page_bulk_delete(admin_client, folder))
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()
    assert PublicComment.objects.count() == 1


def test_comments_survive_even_a_deletion_in_code(site_tree, jiuzhu):
    page = commented_draft(jiuzhu)
    with pytest.raises(ProtectedError):
        page.delete()
    assert PublicComment.objects.count() == 1


def test_deleting_a_decision_consultation_that_received_comments_is_refused(
    site_tree, jiuzhu, admin_client
):
    _, _, consultation = consulted_decision(jiuzhu)
    single = admin_client.post(
        reverse("wagtailsnippets_cms_decisionconsultation:delete", args=[consultation.pk]),
        follow=True,
    )
    bulk = admin_client.post(bulk_url("cms", "decisionconsultation", consultation.pk), follow=True)
    assert_refused(single)
    assert_refused(bulk)
    assert DecisionConsultation.objects.filter(pk=consultation.pk).exists()
    assert PublicComment.objects.count() == 1


def test_bulk_deleting_a_decision_list_with_a_consulted_item_is_refused(
    site_tree, jiuzhu, admin_client
):
    decision_list, item, _ = consulted_decision(jiuzhu)
    assert_refused(page_bulk_delete(admin_client, decision_list))
    assert DecisionItem.objects.filter(pk=item.pk).exists()
    assert PublicComment.objects.count() == 1


def test_removing_a_consulted_item_from_the_decision_list_is_refused_and_keeps_the_edit(
    site_tree, jiuzhu, admin_client
):
    from tests.cms.test_decision_history import edit_form_data, set_item

    decision_list, item, _ = consulted_decision(jiuzhu)
    data = edit_form_data(admin_client, decision_list)
    data["title"] = "调整后的目录标题"
    set_item(data, item.name, DELETE="1")
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[decision_list.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "已公开征求意见，不能删除" in html
    assert "调整后的目录标题" in html  # what was typed is kept in the form
    assert DecisionItem.objects.filter(pk=item.pk).exists()
    assert PublicComment.objects.count() == 1


def test_a_decision_list_whose_item_has_its_own_records_is_not_deleted(
    site_tree, jiuzhu, admin_client
):
    from cms.models import ExpertOpinion

    decision_list = factories.make_decision_list(2026)
    item = factories.make_decision_item(decision_list, jiuzhu)
    ExpertOpinion.objects.create(
        item=item, expert="马建国", given_on=timezone.localdate(), opinion="建议实施。"
    )
    response = page_delete(admin_client, decision_list)
    assert_refused(response)
    assert "已有论证、评估、会议记录或决策方案" in response.content.decode()
    assert_refused(page_bulk_delete(admin_client, decision_list))
    assert ExpertOpinion.objects.filter(item=item).exists()


def test_removing_an_item_with_its_own_records_from_the_list_is_refused(
    site_tree, jiuzhu, admin_client
):
    from cms.models import ExpertOpinion
    from tests.cms.test_decision_history import edit_form_data, set_item

    decision_list = factories.make_decision_list(2026)
    item = factories.make_decision_item(decision_list, jiuzhu)
    ExpertOpinion.objects.create(
        item=item, expert="马建国", given_on=timezone.localdate(), opinion="建议实施。"
    )
    data = edit_form_data(admin_client, decision_list)
    set_item(data, item.name, DELETE="1")
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[decision_list.pk]), data)
    assert "已有论证、评估、会议记录或决策方案，不能删除" in response.content.decode()
    assert DecisionItem.objects.filter(pk=item.pk).exists()


# --- review records -------------------------------------------------------------------


def test_bulk_deleting_a_document_with_review_records_is_refused_not_a_500(
    workflows,
    jiuzhu,
    jiuzhu_drafter,
    adviser,
    admin_client,
):
    page = reviewed_document(jiuzhu, jiuzhu_drafter, adviser)
    response = page_bulk_delete(admin_client, page)
    assert_refused(response)
    assert "法治审核档案" in response.content.decode()
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()


def test_bulk_deleting_the_folder_above_a_reviewed_document_is_refused(
    workflows,
    jiuzhu,
    jiuzhu_drafter,
    adviser,
    admin_client,
):
    page = reviewed_document(jiuzhu, jiuzhu_drafter, adviser)
    assert_refused(page_bulk_delete(admin_client, factories.folder_of(jiuzhu)))
    assert NormativeDocumentPage.objects.filter(pk=page.pk).exists()


def test_bulk_deleting_a_reviewed_contract_is_refused_and_deletes_nothing(
    workflows,
    jiuzhu,
    jiuzhu_drafter,
    adviser,
    admin_client,
):
    reviewed = factories.ContractFactory(department=jiuzhu)
    reviewed.save_revision(user=jiuzhu_drafter)
    h.submit(reviewed, jiuzhu_drafter)
    h.approve_legal(reviewed, adviser)
    plain = factories.ContractFactory(department=jiuzhu)
    response = admin_client.post(bulk_url("cms", "contract", reviewed.pk, plain.pk), follow=True)
    assert_refused(response)
    assert Contract.objects.filter(pk__in=[reviewed.pk, plain.pk]).count() == 2


def test_a_mixed_page_bulk_delete_deletes_nothing_when_one_page_is_refused(
    site_tree, jiuzhu, admin_client
):
    commented = commented_draft(jiuzhu)
    plain = factories.make_document(jiuzhu, title="无人评论的草稿")
    assert_refused(page_bulk_delete(admin_client, plain, commented))
    assert NormativeDocumentPage.objects.filter(pk__in=[commented.pk, plain.pk]).count() == 2


def test_an_unreviewed_uncommented_draft_can_still_be_bulk_deleted(site_tree, jiuzhu, admin_client):
    page = factories.make_document(jiuzhu, title="无人评论的草稿")
    response = page_bulk_delete(admin_client, page)
    assert response.status_code == 200
    assert not NormativeDocumentPage.objects.filter(pk=page.pk).exists()
