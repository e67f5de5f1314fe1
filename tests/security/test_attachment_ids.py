"""Audit finding 2: a drafter put another department's contract file id into an attachment
row of their own draft; the file then downloaded for them and, once the draft was open for
comment, for anyone and in /api/v2/files/.

Forms now accept only files the user may see (their department's, or published ones); a
file put into a row by another path still opens for nobody who could not open it before.
Real PDF and DOCX files, Wagtail's own admin views and serve view.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, rich_text

from cms.forms import UNSEEN_FILE
from cms.models import (
    ContractAttachment,
    DocumentAttachment,
    ExpertOpinion,
    NormativeDocumentPage,
)
from tests import factories
from tests.portal.conftest import open_for_consultation
from tests.review import helpers as h
from tests.security.files import file_in_collection as in_collection
from tests.security.files import files_on_disk  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db

TYPED_TITLE = "关于婚姻登记预约服务的实施办法（修改稿）"
CONTRACT_SECRET = "殡仪服务中心委托运营合同正文（内部）"


@pytest.fixture
def contract_file(site_tree, jiuzhu):
    """社会救助站's contract text, in its own library, attached to its contract."""
    file = in_collection(
        jiuzhu, "委托运营合同", factories.chinese_pdf_bytes(CONTRACT_SECRET), "contract.pdf"
    )
    contract = factories.ContractFactory(department=jiuzhu)
    ContractAttachment.objects.create(contract=contract, file=file, label="合同正文")
    return file


@pytest.fixture
def shiwu_draft(site_tree, shiwu):
    return factories.make_document(shiwu, title="关于婚姻登记预约服务的实施办法")


@pytest.fixture
def own_file(shiwu):
    return in_collection(shiwu, "预约登记表", factories.docx_bytes("预约登记表"), "form.docx")


def download(client, file) -> int:
    return client.get(file.url).status_code


def attachment_rows(*files) -> dict:
    return inline_formset([{"label": f"附件{n}", "file": str(f.pk)} for n, f in enumerate(files)])


def test_a_drafter_cannot_attach_another_departments_contract_file_to_a_draft(
    login, shiwu_drafter, shiwu_draft, contract_file
):
    client = login(shiwu_drafter)
    data = h.document_edit_data(
        shiwu_draft, title=TYPED_TITLE, attachments=attachment_rows(contract_file)
    )
    response = client.post(h.edit_url(shiwu_draft), data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["attachments"]
    assert UNSEEN_FILE in formset.forms[0].errors["file"]
    html = response.content.decode()
    assert TYPED_TITLE in html  # what was typed is shown again ...
    assert contract_file.title not in html  # ... but not the other department's file
    shiwu_draft.refresh_from_db()
    latest = shiwu_draft.get_latest_revision_as_object()
    assert latest.title != TYPED_TITLE
    assert not DocumentAttachment.objects.filter(file=contract_file).exists()
    assert download(client, contract_file) == 403


def test_a_new_document_cannot_carry_another_departments_file_either(
    login, shiwu, shiwu_drafter, contract_file
):
    client = login(shiwu_drafter)
    data = h.document_form(title=TYPED_TITLE, attachments=attachment_rows(contract_file))
    response = client.post(h.add_document_url(shiwu), data)
    assert response.status_code == 200
    assert UNSEEN_FILE in response.context["form"].formsets["attachments"].forms[0].errors["file"]
    assert not NormativeDocumentPage.objects.filter(title=TYPED_TITLE).exists()


def test_own_departments_files_and_published_files_are_accepted(
    login, jiuzhu, shiwu_drafter, shiwu_draft, own_file
):
    published = in_collection(jiuzhu, "低保申请表", factories.pdf_bytes("低保申请表"), "dibao.pdf")
    factories.make_document(
        jiuzhu, live=True, attachments=[DocumentAttachment(file=published, label="附件")]
    )
    client = login(shiwu_drafter)
    data = h.document_edit_data(shiwu_draft, attachments=attachment_rows(own_file, published))
    response = client.post(h.edit_url(shiwu_draft), data)
    assert response.status_code == 302
    latest = NormativeDocumentPage.objects.get(pk=shiwu_draft.pk).get_latest_revision_as_object()
    assert [row.file_id for row in latest.attachments.all()] == [own_file.pk, published.pk]


def test_a_text_link_to_another_departments_file_is_refused_on_the_text(
    login, shiwu_drafter, shiwu_draft, contract_file
):
    client = login(shiwu_drafter)
    body = rich_text(f'<p>详见<a linktype="document" id="{contract_file.pk}">附件</a>。</p>')
    data = h.document_edit_data(shiwu_draft, title=TYPED_TITLE)
    data["body"] = body
    response = client.post(h.edit_url(shiwu_draft), data)
    assert response.status_code == 200
    assert f"编号 {contract_file.pk}" in " ".join(response.context["form"].errors["body"])
    shown = response.context["form"]["body"].value()
    assert "详见" in shown and 'linktype="document"' not in shown  # the text, not the link
    html = response.content.decode()
    assert TYPED_TITLE in html
    assert contract_file.filename not in html  # the file's name is not shown


def test_a_contract_cannot_carry_another_departments_file(
    login, shiwu, shiwu_drafter, contract_file
):
    contract = factories.ContractFactory(department=shiwu)
    client = login(shiwu_drafter)
    data = h.contract_edit_data(contract, attachments=attachment_rows(contract_file))
    response = client.post(h.contract_edit_url(contract), data)
    assert response.status_code == 200
    assert UNSEEN_FILE in response.context["form"].formsets["attachments"].forms[0].errors["file"]
    assert contract.attachments.count() == 0


def test_decision_record_attachment_must_be_a_file_the_recorder_may_see(
    login, site_tree, jiuzhu, shiwu, jiuzhu_drafter
):
    """A decision's lead unit cannot cite another department's file as the attachment of an
    expert opinion (the records that replaced the list's 佐证材料)."""
    secret = in_collection(shiwu, "婚俗改革调研报告", factories.docx_bytes("调研报告"), "r.docx")
    decision_list = factories.make_decision_list(2026)
    item = factories.make_decision_item(decision_list, jiuzhu, name="城乡低保标准调整")
    response = login(jiuzhu_drafter).post(
        reverse("wagtailsnippets_cms_expertopinion:add"),
        {
            "item": str(item.pk),
            "expert": "马建国",
            "given_on": "2026-03-01",
            "opinion": "建议实施。",
            "attachment": str(secret.pk),
        },
    )
    assert response.status_code == 200
    assert UNSEEN_FILE in response.context["form"].errors["attachment"]
    assert not ExpertOpinion.objects.exists()


def test_the_document_chooser_offers_only_the_drafters_own_files(
    login, shiwu_drafter, own_file, contract_file
):
    client = login(shiwu_drafter)
    html = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert own_file.title in html
    assert contract_file.title not in html


def test_the_admin_api_lists_only_the_files_the_drafter_may_choose(
    login, shiwu_drafter, own_file, contract_file
):
    response = login(shiwu_drafter).get("/admin/api/main/documents/")
    assert response.status_code == 200
    listed = {item["id"] for item in response.json()["items"]}
    assert listed == {own_file.pk}


def test_a_file_slipped_into_a_draft_by_another_path_stays_closed(
    client, login, shiwu_drafter, shiwu_draft, contract_file
):
    """No form let it in; a row written directly (an import, a script) opens nothing."""
    draft = shiwu_draft.get_latest_revision_as_object()
    draft.attachments = [DocumentAttachment(file=contract_file, label="附件1")]
    draft.save_revision()
    shiwu_draft.refresh_from_db()
    DocumentAttachment.objects.create(page=shiwu_draft, file=contract_file, label="附件1")
    assert login(shiwu_drafter).get(contract_file.url).status_code == 403
    client.logout()
    open_for_consultation(shiwu_draft)
    html = client.get(f"/consultations/{shiwu_draft.pk}/").content.decode()
    assert shiwu_draft.title in html  # the consultation page is open ...
    assert contract_file.url not in html  # ... but does not offer the contract text
    assert download(client, contract_file) == 404
    listed = {item["id"] for item in client.get("/api/v2/files/").json()["items"]}
    assert contract_file.pk not in listed
    assert client.get(f"/api/v2/files/{contract_file.pk}/").status_code == 404


def test_the_drafting_departments_own_file_still_opens_for_comment(client, shiwu_draft, own_file):
    draft = shiwu_draft.get_latest_revision_as_object()
    draft.attachments = [DocumentAttachment(file=own_file, label="预约登记表")]
    draft.save_revision()
    shiwu_draft.refresh_from_db()
    assert download(client, own_file) == 404
    open_for_consultation(shiwu_draft)
    assert download(client, own_file) == 200
