"""保密审查, 公开属性 and 政策解读 at the gate (issue 17, items 1–3)."""

import pytest
from django.urls import reverse

from cms.gates import IssueRefused
from cms.models import NormativeDocumentPage, PolicyInterpretation
from review.chain import disclosure_chain
from review.errors import ReviewError
from review.models import SecrecyCheck
from tests import factories
from tests.review import helpers as h

pytestmark = pytest.mark.django_db


def registered_without_secrecy(page, drafter, adviser, office_user):
    """Every step but the 保密审查; registering then tries to publish."""
    h.submit(page, drafter)
    h.record_fair_competition(page, drafter)
    h.approve_legal(page, adviser)
    h.record_deliberation(page, office_user)
    with pytest.raises(IssueRefused) as refusal:
        h.register(page, office_user)
    return "；".join(refusal.value.reasons)


def test_the_gate_refuses_to_publish_without_a_secrecy_check(
    workflows, jiuzhu, adviser, office_user
):
    drafter = factories.drafter_of(jiuzhu)
    page = factories.make_document(jiuzhu)
    reasons = registered_without_secrecy(page, drafter, adviser, office_user)
    assert "尚未经局办公室保密审查" in reasons
    assert not NormativeDocumentPage.objects.get(pk=page.pk).live

    # The registrar re-saved the version (登记编号): another office member checks it.
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    h.record_secrecy(page, h.secrecy_user(page, office_user))
    h.register(page, office_user)  # the retry reuses the number and now publishes
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    assert page.live
    assert page.index_number.startswith("640303-MZ/")  # 索引号 given at registration


def test_a_withheld_result_refuses_and_partial_needs_what_was_removed(
    workflows, jiuzhu, adviser, office_user
):
    drafter = factories.drafter_of(jiuzhu)
    page = factories.make_document(jiuzhu)
    registered_without_secrecy(page, drafter, adviser, office_user)
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    with pytest.raises(ReviewError, match="部分公开须写明"):
        h.record_secrecy(
            NormativeDocumentPage.objects.get(pk=page.pk), office_user, result="部分公开"
        )
    h.record_secrecy(page, h.secrecy_user(page, office_user), result="不予公开")
    with pytest.raises(IssueRefused, match="不予公开"):
        h.register(page, office_user)


def test_the_drafter_may_not_check_their_own_version(workflows, jiuzhu):
    drafter = factories.drafter_of(jiuzhu)
    drafter.groups.add(factories.user_with_role("office").groups.first())
    page = factories.make_document(jiuzhu)
    page.save_revision(user=drafter)
    with pytest.raises(ReviewError, match="不能对本人经手的版本进行保密审查"):
        h.record_secrecy(page, drafter)
    assert not SecrecyCheck.for_object(page).exists()


def test_a_drafter_without_the_permission_is_refused(workflows, jiuzhu):
    page = factories.make_document(jiuzhu)
    with pytest.raises(ReviewError, match="只有局办公室"):
        h.record_secrecy(page, factories.drafter_of(jiuzhu))


def test_the_gate_refuses_a_document_affecting_the_public_without_interpretation(
    workflows, jiuzhu, adviser, office_user
):
    drafter = factories.drafter_of(jiuzhu)
    page = factories.make_document(jiuzhu, no_interpretation_reason="")
    h.record_secrecy(page, office_user)
    reasons = registered_without_secrecy(page, drafter, adviser, office_user)
    assert "须同步发布政策解读" in reasons


def test_an_interpretation_is_reviewed_and_published_with_its_document(
    workflows, jiuzhu, adviser, office_user, client
):
    drafter = factories.drafter_of(jiuzhu)
    page = factories.make_document(jiuzhu, no_interpretation_reason="")
    page.interpretations.add(
        PolicyInterpretation(
            title="临时救助办法解读",
            body="<p>解读正文INTERP-7731</p>",
            questions="问：谁可申请？\n答：困难群众。",
        )
    )
    page.save_revision(user=drafter)
    h.ready_for_registration(page, drafter, adviser, office_user)
    h.register(page, office_user)
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    assert page.live
    html = client.get(page.url).content.decode()
    assert "INTERP-7731" in html and "谁可申请" in html
    api = client.get(f"/api/v2/documents/{page.pk}/").json()
    assert api["interpretations"][0]["title"] == "临时救助办法解读"
    assert api["disclosure_attribute"] == "主动公开"

    steps = [(s.step, s.who != "—") for s in disclosure_chain(page)]
    assert steps == [("制作", True), ("审核", True), ("保密审查", True), ("发布", True)]


def test_withheld_without_reason_or_article_is_a_form_error(jiuzhu):
    page = factories.make_document(jiuzhu)
    page.disclosure_attribute = "不予公开"
    with pytest.raises(Exception) as error:
        page.full_clean()
    assert "disclosure_reason" in error.value.message_dict
    assert "disclosure_article" in error.value.message_dict


def test_the_office_records_the_check_from_the_screen(workflows, jiuzhu, office_user, client):
    page = factories.make_document(jiuzhu)
    url = reverse("review_secrecy_check", args=[page.cached_content_type.pk, page.pk])
    client.force_login(office_user)
    revision = page.get_latest_revision()
    response = client.post(url, {"revision_id": revision.pk, "result": "可以公开", "basis": ""})
    assert response.status_code == 200
    assert "请写明保密审查的依据" in response.content.decode()
    response = client.post(
        url, {"revision_id": revision.pk, "result": "可以公开", "basis": "不涉密"}
    )
    assert response.status_code == 302
    assert SecrecyCheck.for_object(page).get().recorded_by == office_user
    client.force_login(factories.drafter_of(jiuzhu))
    response = client.get(url)
    assert response.status_code == 302  # refused with a message
    assert "只有局办公室" in " ".join(h.message_texts(client.get(url, follow=True)))


def test_the_edit_page_has_the_interpretation_tab_and_the_secrecy_button(
    workflows, jiuzhu, office_user, client
):
    page = factories.make_document(jiuzhu)
    client.force_login(office_user)
    html = client.get(h.edit_url(page)).content.decode()
    assert "政策解读" in html and "未附解读的理由" in html and "公开属性" in html
    assert reverse("review_secrecy_check", args=[page.cached_content_type.pk, page.pk]) in html
    client.force_login(factories.drafter_of(jiuzhu))
    html = client.get(h.edit_url(page)).content.decode()
    assert "review/secrecy/" not in html  # no button for a drafter
