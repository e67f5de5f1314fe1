"""Audit findings 1 and 5: every path that makes content live goes through the one gate
(cms.gates), and every field the portal renders is part of what the adviser reviewed.

Each test drives a real path — the admin views over HTTP where there is one (copy, move,
revisions, bulk actions, the admin API), the management commands otherwise."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Page, Revision

from cms.gates import IssueRefused
from cms.models import MajorDecisionListPage, NormativeDocumentPage
from review.hashing import legacy_content_hash, revision_content_hash
from review.models import LegalOpinion
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db

NO_OPINION = "尚未经法律顾问合法性审查"
DOC_NUMBER = "红民发〔2026〕7号"


def issued_document(department, drafter, adviser, office_user, **fields) -> NormativeDocumentPage:
    """A document walked through its whole workflow by the services, now live."""
    page = factories.make_document(department, **fields)
    h.ready_for_registration(page, drafter, adviser, office_user)
    h.register(page, office_user)
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    assert page.live and page.registration_number
    return page


@pytest.fixture
def issued(workflows, jiuzhu, jiuzhu_drafter, adviser, office_user):
    return issued_document(
        jiuzhu, jiuzhu_drafter, adviser, office_user, doc_number=DOC_NUMBER, index_number="A-7"
    )


def copy_data(page, **fields) -> dict:
    data = {
        "new_title": f"{page.title}（副本）",
        "new_slug": f"{page.slug}-copy",
        "new_parent_page": str(page.get_parent().pk),
    }
    data.update(fields)
    return data


def copy_url(page) -> str:
    return reverse("wagtailadmin_pages:copy", args=[page.pk])


def copies_of(page):
    return NormativeDocumentPage.objects.exclude(pk=page.pk).filter(title__endswith="（副本）")


# ---- copy (finding 1) ---------------------------------------------------------------------


@pytest.mark.parametrize("choice", ["publish_copies", "alias"])
def test_copying_a_live_document_published_or_as_alias_is_refused_and_keeps_what_was_typed(
    client, issued, office_user, choice
):
    client.force_login(office_user)
    response = client.post(copy_url(issued), copy_data(issued, **{choice: "on"}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "复制后只能是草稿，不能直接发布" in content
    assert f"{issued.title}（副本）" in content  # what was typed is still in the form
    assert not copies_of(issued).exists()
    assert not NormativeDocumentPage.objects.filter(alias_of=issued).exists()


def test_copy_of_a_live_document_is_a_draft_without_doc_number_registration_or_index(
    client, issued, office_user
):
    """The old code put the copy live with no opinion — or gave a 500 on the 文号."""
    client.force_login(office_user)
    response = client.post(copy_url(issued), copy_data(issued))
    assert response.status_code == 302
    [copy] = copies_of(issued)
    assert not copy.live and copy.live_revision_id is None
    assert (copy.doc_number, copy.registration_number, copy.index_number) == ("", "", "")
    assert copy.published_on is None
    assert copy.department_id == issued.department_id
    latest = copy.get_latest_revision_as_object()
    assert latest.doc_number == "" and latest.registration_number == ""
    client.logout()
    assert client.get(copy.url).status_code == 404
    assert client.get(issued.url).status_code == 200


def test_the_originals_opinion_never_vouches_for_its_copy(client, issued, office_user):
    client.force_login(office_user)
    client.post(copy_url(issued), copy_data(issued))
    [copy] = copies_of(issued)
    response = client.post(
        h.edit_url(copy), h.document_edit_data(copy, "publish", title=copy.title), follow=True
    )
    [message] = [m for m in h.message_texts(response) if m.startswith("不能发布")]
    assert NO_OPINION in message
    assert not NormativeDocumentPage.objects.get(pk=copy.pk).live


def test_copying_a_document_from_code_kept_live_is_refused(issued, office_user):
    with pytest.raises(IssueRefused) as refusal:
        issued.copy(update_attrs={"slug": "copy-from-code"}, keep_live=True, user=office_user)
    assert "复制后只能是草稿" in "；".join(refusal.value.reasons)
    # Wagtail's action itself, bypassing Page.copy: the save guard still refuses.
    with pytest.raises(IssueRefused):
        CopyPageAction(issued, update_attrs={"slug": "copy-by-action"}, keep_live=True).execute()
    assert not NormativeDocumentPage.objects.filter(live=True).exclude(pk=issued.pk).exists()


def test_copying_a_department_folder_is_refused_in_chinese(client, issued, office_user):
    folder = issued.get_parent()
    client.force_login(office_user)
    response = client.post(copy_url(folder), copy_data(folder, copy_subpages="on"), follow=True)
    assert any("科室文件夹不能复制" in m for m in h.message_texts(response))
    assert Page.objects.filter(title=f"{folder.title}（副本）").count() == 0
    assert NormativeDocumentPage.objects.count() == 1


def test_copying_the_document_library_with_its_subpages_is_refused(client, issued, office_user):
    """A copied subtree never brings live children along: the library holds folders."""
    library = issued.get_parent().get_parent()
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    data = copy_data(library, copy_subpages="on", publish_copies="on")
    response = client.post(copy_url(library), data)
    assert response.status_code == 200
    assert "科室文件夹不能复制" in response.content.decode()
    assert NormativeDocumentPage.objects.count() == 1


def test_a_decision_list_cannot_be_copied(client, workflows):
    decisions = factories.make_decision_list(2026)
    decisions.save_revision()
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    response = client.post(copy_url(decisions), copy_data(decisions), follow=True)
    assert any("目录不能复制" in m for m in h.message_texts(response))
    assert MajorDecisionListPage.objects.count() == 1


def test_a_relief_month_cannot_be_copied(client, groups, jiuzhu):
    month = factories.make_relief_disclosure(jiuzhu, 2026, 3)
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    response = client.post(copy_url(month), copy_data(month), follow=True)
    assert any("公示不能复制" in m for m in h.message_texts(response))
    assert type(month).objects.count() == 1


# ---- the other admin paths ------------------------------------------------------------------


def test_the_admin_api_cannot_publish_an_unreviewed_document(client, workflows, jiuzhu):
    page = factories.make_document(jiuzhu)
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    url = f"/admin/api/main/pages/{page.pk}/action/publish/"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert "尚未经法律顾问合法性审查" in response.json()["message"]
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live


def test_a_refused_admin_api_publish_keeps_another_revisions_schedule(client, workflows, jiuzhu):
    page = factories.make_document(jiuzhu)
    admin = factories.user_with_role("admin", username="bureau-admin")
    scheduled = page.save_revision(user=admin)
    go_live = timezone.now() + dt.timedelta(days=3)
    Revision.objects.filter(pk=scheduled.pk).update(approved_go_live_at=go_live)
    page.save_revision(user=admin)  # the latest, which the API action would publish
    client.force_login(admin)
    url = f"/admin/api/main/pages/{page.pk}/action/publish/"
    assert client.post(url, {}, content_type="application/json").status_code == 400
    assert Revision.objects.get(pk=scheduled.pk).approved_go_live_at == go_live


def test_the_admin_api_cannot_delete_a_reviewed_document(client, issued):
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    url = f"/admin/api/main/pages/{issued.pk}/action/delete/"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400
    assert "不能删除" in response.json()["message"]
    assert NormativeDocumentPage.objects.filter(pk=issued.pk).exists()


def test_the_admin_api_cannot_copy_a_document_live(client, issued):
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    url = f"/admin/api/main/pages/{issued.pk}/action/copy/"
    data = {"keep_live": True, "slug": "api-copy", "title": "经接口复制的文件"}
    response = client.post(url, data, content_type="application/json")
    assert response.status_code == 400
    assert not NormativeDocumentPage.objects.filter(slug="api-copy", live=True).exists()


def test_moving_a_live_document_keeps_its_reviewed_revision_and_publishes_no_draft(
    client, issued, office_user, shiwu
):
    draft = issued.get_latest_revision_as_object()
    draft.body = "<p>未经审核的修改稿。</p>"
    draft.save_revision(user=office_user)
    reviewed = issued.live_revision_id
    client.force_login(office_user)
    target = factories.folder_of(shiwu)
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[issued.pk, target.pk]))
    assert response.status_code == 302
    moved = NormativeDocumentPage.objects.get(pk=issued.pk)
    assert moved.get_parent().pk == target.pk
    assert moved.live and moved.live_revision_id == reviewed
    assert "未经审核的修改稿" not in moved.body


def test_reverting_to_a_revision_from_before_registration_and_publishing_is_refused(
    client, issued, office_user
):
    first = issued.revisions.order_by("created_at", "pk").first()
    old = first.as_object()
    assert not old.registration_number
    client.force_login(office_user)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[issued.pk, first.pk])
    response = client.post(url, h.document_edit_data(old, "publish"), follow=True)
    [message] = [m for m in h.message_texts(response) if m.startswith("不能发布")]
    assert "未载明统一登记编号" in message
    page = NormativeDocumentPage.objects.get(pk=issued.pk)
    assert page.live_revision_id == issued.live_revision_id


def bulk_url(action: str, *pages) -> str:
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + ids


def test_bulk_publish_of_an_unreviewed_document_is_refused_in_chinese(
    client,
    workflows,
    jiuzhu,
):
    page = factories.make_document(jiuzhu)
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    response = client.post(bulk_url("publish", page), {"include_descendants": ""}, follow=True)
    assert any(NO_OPINION in m for m in h.message_texts(response)), h.message_texts(response)
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live


def test_bulk_publish_with_descendants_refuses_the_draft_document_in_a_folder(
    client,
    workflows,
    jiuzhu,
):
    page = factories.make_document(jiuzhu)
    folder = factories.folder_of(jiuzhu)
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    response = client.post(bulk_url("publish", folder), {"include_descendants": "on"}, follow=True)
    assert any(NO_OPINION in m for m in h.message_texts(response)), h.message_texts(response)
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live


def test_bulk_unpublish_then_republishing_needs_the_reviewed_content(client, issued, office_user):
    client.force_login(office_user)
    response = client.post(bulk_url("unpublish", issued), {"include_descendants": ""})
    assert response.status_code == 302
    page = NormativeDocumentPage.objects.get(pk=issued.pk)
    assert not page.live

    edited = h.document_edit_data(page, "publish", body=h.editor_value("<p>改过的正文。</p>"))
    response = client.post(h.edit_url(page), edited, follow=True)
    assert any("内容不一致" in m for m in h.message_texts(response))
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live

    reviewed = NormativeDocumentPage.objects.get(pk=page.pk)
    revert = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, issued.live_revision_id])
    original = Revision.objects.get(pk=issued.live_revision_id).as_object()
    response = client.post(revert, h.document_edit_data(original, "publish"), follow=True)
    assert not [m for m in h.message_texts(response) if m.startswith("不能发布")]
    assert NormativeDocumentPage.objects.get(pk=reviewed.pk).live


def test_wagtails_own_publish_scheduled_cannot_publish_an_unreviewed_revision(workflows, jiuzhu):
    page = factories.make_document(jiuzhu)
    due = timezone.now() - dt.timedelta(hours=1)
    Revision.objects.filter(pk=page.latest_revision_id).update(approved_go_live_at=due)
    with pytest.raises(IssueRefused):
        call_command(WagtailPublishScheduled(), stdout=io.StringIO())
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live
    # Ours reports it and publishes nothing.
    errors = io.StringIO()
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=errors)
    assert NO_OPINION in errors.getvalue()
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live


def test_flipping_a_drafts_live_flag_from_code_is_refused(workflows, jiuzhu):
    page = factories.make_document(jiuzhu)
    page.live = True
    with pytest.raises(IssueRefused):
        page.save()
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live


def test_snippet_publish_of_a_contract_without_review_is_refused(client, workflows, jiuzhu):
    contract = factories.ContractFactory(department=jiuzhu)
    contract.save_revision()
    admin = factories.user_with_role("admin", username="bureau-admin")
    client.force_login(admin)
    data = h.contract_edit_data(contract, "publish")
    response = client.post(h.contract_edit_url(contract), data, follow=True)
    assert any(NO_OPINION in m for m in h.message_texts(response))
    contract.refresh_from_db()
    assert not contract.live


# ---- public fields in the reviewed hash (finding 5) ----------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("seo_title", "民政局关于取消临时救助的通知"),
        ("search_description", "自即日起停止受理临时救助申请。"),
        ("slug", "abolished-relief"),
    ],
)
def test_changing_a_publicly_rendered_field_after_review_needs_a_new_review(
    client, issued, office_user, field, value
):
    client.force_login(office_user)
    data = h.document_edit_data(issued, "publish", **{field: value})
    response = client.post(h.edit_url(issued), data, follow=True)
    assert any("内容不一致" in m for m in h.message_texts(response)), h.message_texts(response)
    page = NormativeDocumentPage.objects.get(pk=issued.pk)
    assert getattr(page, field) != value


def test_an_opinion_stored_with_the_old_hash_still_vouches_only_for_unchanged_public_fields(
    issued,
):
    """Opinions signed before the public fields joined the hash keep already-published
    items valid — but only while those fields are what the adviser saw."""
    opinion = LegalOpinion.objects.for_object(issued).get()
    # The row as an opinion signed before the change stored it (opinions refuse updates).
    QuerySet(LegalOpinion).filter(pk=opinion.pk).update(
        content_hash=legacy_content_hash(issued.live_revision)
    )
    assert LegalOpinion.objects.get(pk=opinion.pk).content_hash != revision_content_hash(
        issued.live_revision
    )
    unchanged = issued.get_latest_revision_as_object()
    unchanged.save_revision().publish()  # same content: still vouched for

    renamed = NormativeDocumentPage.objects.get(pk=issued.pk).get_latest_revision_as_object()
    renamed.seo_title = "未经审核的标题"
    with pytest.raises(IssueRefused) as refusal:
        renamed.save_revision().publish()
    assert "内容不一致" in "；".join(refusal.value.reasons)
