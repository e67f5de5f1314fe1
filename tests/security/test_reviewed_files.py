"""Audit finding 3: a drafter replaced a published, reviewed document's attachment through
the document library; anonymous downloads served the new, unreviewed bytes while the
opinion still vouched for the old hash.

A file an opinion (or deliberation, registration, legacy record) vouches for, or that a
live item holds, now keeps its bytes and title: every library path refuses in Chinese, and
what is served stays byte-identical to what was reviewed. Real PDF/DOCX files throughout.
"""

import hashlib

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from cms.models import AttachmentFile, ContractAttachment, DocumentAttachment
from cms.reviewed_files import FileFrozen
from review.hashing import revision_content_hash
from review.models import LegacyIssue
from tests import factories
from tests.review import helpers as h
from tests.security.files import file_in_collection as own_file
from tests.security.files import files_on_disk  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db

REVIEWED_TEXT = "附件1：临时救助申请审批表（审核稿）"
SWAPPED_TEXT = "附件1：临时救助申请审批表（未经审核的替换稿）"


@pytest.fixture
def reviewed_bytes():
    return factories.chinese_pdf_bytes(REVIEWED_TEXT)


@pytest.fixture
def published(site_tree, jiuzhu, reviewed_bytes):
    """A published document (issued through the gate's legacy path) with its attachment."""
    file = own_file(jiuzhu, "临时救助申请审批表", reviewed_bytes, "shenpi.pdf")
    page = factories.make_document(
        jiuzhu, live=True, attachments=[DocumentAttachment(file=file, label="")]
    )
    return page, file


@pytest.fixture
def in_review(workflows, jiuzhu, jiuzhu_drafter, adviser, reviewed_bytes):
    """A draft with its attachment, submitted and approved by the adviser (not published)."""
    file = own_file(jiuzhu, "临时救助申请审批表", reviewed_bytes, "shenpi.pdf")
    page = factories.make_document(
        jiuzhu, attachments=[DocumentAttachment(file=file, label="附件1")]
    )
    h.submit(page, jiuzhu_drafter)
    h.record_fair_competition(page, jiuzhu_drafter)
    opinion = h.approve_legal(page, adviser)
    return page, file, opinion


def served(client, file) -> bytes:
    response = client.get(file.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def edit_in_library(client, document, **changes):
    data = {
        "title": document.title,
        "collection": str(document.collection_id),
        "tags": "",
        **changes,
    }
    return client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)


def new_upload(content: bytes | None = None, name="shenpi.pdf"):
    content = factories.chinese_pdf_bytes(SWAPPED_TEXT) if content is None else content
    return SimpleUploadedFile(name, content, "application/pdf")


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_published_attachment_cannot_be_replaced_through_the_library(
    client, login, jiuzhu_drafter, published, reviewed_bytes
):
    page, file = published
    record = LegacyIssue.for_object(page).get()
    digest_at_issue = revision_content_hash(record.revision)
    drafter = login(jiuzhu_drafter)
    response = edit_in_library(drafter, file, file=new_upload(), tags="修订稿")
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "已在门户公开" in errors and "请上传新文件" in errors
    assert "修订稿" in response.content.decode()  # the other edits are shown again
    file.refresh_from_db()
    assert not file.tags.exists()
    client.logout()
    body = served(client, file)
    assert body == reviewed_bytes
    assert hashlib.sha256(body).hexdigest() == file.sha256
    assert revision_content_hash(record.revision) == digest_at_issue


def test_the_served_bytes_are_the_ones_the_opinion_bound(
    login, jiuzhu_drafter, adviser, in_review, reviewed_bytes
):
    _, file, opinion = in_review
    digest_at_review = file.sha256
    assert revision_content_hash(opinion.revision) == opinion.content_hash
    response = edit_in_library(login(jiuzhu_drafter), file, file=new_upload())
    assert response.status_code == 200
    assert "已经审核的版本" in " ".join(response.context["form"].errors["file"])
    body = served(login(adviser), file)
    assert hashlib.sha256(body).hexdigest() == digest_at_review
    # The opinion's hash covers the file's stored SHA-256: it still verifies, and that
    # stored digest is the served bytes' digest.
    file.refresh_from_db()
    assert file.sha256 == digest_at_review
    assert revision_content_hash(opinion.revision) == opinion.content_hash


def test_a_reviewed_files_title_is_kept_too(login, office_user, published):
    """The portal shows the file's title when its row has no label."""
    _, file = published
    response = edit_in_library(login(office_user), file, title="临时救助申请审批表（改）")
    assert response.status_code == 200
    assert "不能在原处替换或修改标题" in " ".join(response.context["form"].errors["title"])
    file.refresh_from_db()
    assert file.title == "临时救助申请审批表"


def test_the_multiple_uploader_cannot_rename_a_published_file(login, office_user, published):
    _, file = published
    url = reverse("wagtaildocs:edit_multiple", args=[file.pk])
    data = {
        f"doc-{file.pk}-title": "改名",
        f"doc-{file.pk}-collection": str(file.collection_id),
        f"doc-{file.pk}-tags": "",
    }
    response = login(office_user).post(url, data, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["success"] is False
    file.refresh_from_db()
    assert file.title == "临时救助申请审批表"


def test_a_signed_contracts_text_is_kept_though_never_public(login, office_user, jiuzhu):
    file = own_file(jiuzhu, "委托运营合同", factories.pdf_bytes("合同正文"), "contract.pdf")
    contract = factories.ContractFactory(department=jiuzhu, live=True)
    ContractAttachment.objects.create(contract=contract, file=file, label="合同正文")
    response = edit_in_library(login(office_user), file, file=new_upload())
    assert response.status_code == 200
    assert "已发布或已签订" in " ".join(response.context["form"].errors["file"])


def test_a_file_no_review_has_seen_may_still_be_replaced(login, jiuzhu, jiuzhu_drafter, site_tree):
    file = own_file(jiuzhu, "草稿附件", factories.docx_bytes("初稿"), "draft.docx")
    factories.make_document(jiuzhu, attachments=[DocumentAttachment(file=file, label="附件")])
    content = factories.chinese_pdf_bytes(SWAPPED_TEXT)
    upload = new_upload(content, name="draft.pdf")
    response = edit_in_library(login(jiuzhu_drafter), file, file=upload)
    assert response.status_code == 302
    file.refresh_from_db()
    assert file.sha256 == hashlib.sha256(content).hexdigest()


def test_saving_new_bytes_on_the_model_is_refused(published):
    _, file = published
    file.file = ContentFile(factories.docx_bytes("换掉"), name="other.docx")
    with pytest.raises(FileFrozen):
        file.save()
    assert AttachmentFile.objects.get(pk=file.pk).file.name.endswith("shenpi.pdf")


def test_deleting_a_published_file_is_refused_in_chinese_on_every_path(
    login, office_user, published
):
    _, file = published
    client = login(office_user)
    url = reverse("wagtaildocs:delete", args=[file.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtaildocs:edit", args=[file.pk])
        assert "不能删除" in messages_of(response)
    bulk = reverse("wagtail_bulk_action", args=["cms", "attachmentfile", "delete"])
    response = client.post(f"{bulk}?id={file.pk}")
    assert response.status_code in (200, 302)
    multiple = reverse("wagtaildocs:delete_multiple", args=[file.pk])
    response = client.post(multiple, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403
    with pytest.raises((FileFrozen, ProtectedError)):
        AttachmentFile.objects.filter(pk=file.pk).delete()
    assert AttachmentFile.objects.filter(pk=file.pk).exists()


def test_a_file_a_draft_holds_is_not_deleted_either(login, office_user, jiuzhu, site_tree):
    file = own_file(jiuzhu, "草稿附件", factories.docx_bytes("初稿"), "draft.docx")
    factories.make_document(jiuzhu, attachments=[DocumentAttachment(file=file, label="附件")])
    response = login(office_user).post(reverse("wagtaildocs:delete", args=[file.pk]))
    assert response.status_code == 302
    assert "请先在相应事项中移除" in messages_of(response)
    assert AttachmentFile.objects.filter(pk=file.pk).exists()


def test_replacing_means_a_new_file_and_the_page_keeps_the_reviewed_one_until_review(
    client, login, jiuzhu, jiuzhu_drafter, published, reviewed_bytes
):
    page, file = published
    drafter = login(jiuzhu_drafter)
    response = drafter.post(
        reverse("wagtaildocs:add"),
        {
            "title": "临时救助申请审批表（修订）",
            "file": new_upload(),
            "collection": str(jiuzhu.collection_id),
            "tags": "",
        },
    )
    assert response.status_code == 302
    replacement = AttachmentFile.objects.exclude(pk=file.pk).get()
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    rows = {"attachments": inline_formset([{"label": "附件1", "file": str(replacement.pk)}])}
    response = drafter.post(h.edit_url(page), h.document_edit_data(draft, **rows))
    assert response.status_code == 302
    client.logout()
    html = client.get(page.url).content.decode()
    assert file.url in html and replacement.url not in html
    assert served(client, file) == reviewed_bytes
    assert client.get(replacement.url).status_code == 404
