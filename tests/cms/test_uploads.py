"""Attachments (附件) uploaded through the Wagtail documents admin: PDF or DOCX by content."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Collection

from cms.models import AttachmentFile
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "红寺堡区临时救助审批表（样表）"


def zip_without_word_part() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    return buffer.getvalue()


def old_word_doc() -> bytes:
    """The OLE2 header of a legacy .doc file, then filler."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 2048


def post_single(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": TITLE,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def post_multiple(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile(name, content),
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("审批表.pdf", factories.pdf_bytes("审批表")),
        ("审批表.docx", factories.docx_bytes("审批表")),
    ],
)
def test_office_uploads_a_real_pdf_or_docx_and_it_gets_its_sha256(
    login, office_user, name, content
):
    client = login(office_user)
    response = post_single(client, name, content)
    assert response.status_code == 302
    attachment = AttachmentFile.objects.get()
    assert attachment.title == TITLE
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.file_size == len(content)


def test_multiple_upload_accepts_a_real_docx(login, office_user):
    client = login(office_user)
    content = factories.docx_bytes("批量上传的附件")
    response = post_multiple(client, "批量上传.docx", content)
    assert response.status_code == 200
    assert response.json()["success"] is True
    attachment = AttachmentFile.objects.get()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()


def png_scan() -> bytes:
    """A real PNG, as a scanner or a phone writes an old paper document."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (120, 60), color=255).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["扫描件.png", "扫描件.PNG"])
def test_a_scanned_image_is_accepted_for_ocr(login, office_user, name):
    client = login(office_user)
    content = png_scan()
    response = post_single(client, name, content)
    assert response.status_code == 302
    assert AttachmentFile.objects.get().sha256 == hashlib.sha256(content).hexdigest()


REFUSED = [
    pytest.param(
        "通知.pdf", "第一条 这是一段纯文本。".encode(), "内容不是 PDF 或 DOCX", id="text-as-pdf"
    ),
    pytest.param("通知.docx", zip_without_word_part(), "内容不是 PDF 或 DOCX", id="zip-as-docx"),
    pytest.param("通知.docx", old_word_doc(), "内容不是 PDF 或 DOCX", id="doc-as-docx"),
    pytest.param("通知.pdf", b"", "为空（0 字节）", id="empty"),
    pytest.param(
        "通知.docx", factories.pdf_bytes(), "扩展名 .docx 与实际内容（PDF）不符", id="pdf-as-docx"
    ),
    pytest.param(
        "通知.pdf", factories.docx_bytes(), "扩展名 .pdf 与实际内容（DOCX）不符", id="docx-as-pdf"
    ),
    pytest.param("通知.pdf", png_scan(), "扩展名 .pdf 与实际内容（PNG 图片）不符", id="png-as-pdf"),
    pytest.param("通知.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "内容不是", id="svg"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_upload_that_is_not_pdf_or_docx_by_content_is_refused(
    login, office_user, name, content, message
):
    client = login(office_user)
    response = post_single(client, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "附件" in errors
    assert message in errors
    assert TITLE in response.content.decode()  # the title typed is kept
    assert not AttachmentFile.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_multiple_upload_refuses_the_same_files(login, office_user, name, content, message):
    client = login(office_user)
    response = post_multiple(client, name, content)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "附件" in data["error_message"]
    assert message in data["error_message"]
    assert not AttachmentFile.objects.exists()


@override_settings(ATTACHMENT_MAX_MB=1)
@pytest.mark.parametrize("post", [post_single, post_multiple])
def test_upload_over_the_size_limit_is_refused(login, office_user, post):
    content = factories.pdf_bytes() + b"%" + b"0" * (1536 * 1024)  # a PDF of about 1.5 MB
    client = login(office_user)
    response = post(client, "大文件.pdf", content)
    assert response.status_code == 200
    if post is post_multiple:
        message = response.json()["error_message"]
    else:
        message = " ".join(response.context["form"].errors["file"])
    assert "附件文件过大（1.5 MB），上限为 1 MB" in message
    assert not AttachmentFile.objects.exists()


@override_settings(ATTACHMENT_MAX_MB=1)
def test_upload_just_under_the_limit_is_accepted(login, office_user):
    content = factories.pdf_bytes() + b"%" + b"0" * (900 * 1024)
    response = post_single(login(office_user), "正好.pdf", content)
    assert response.status_code == 302
    assert AttachmentFile.objects.get().sha256 == hashlib.sha256(content).hexdigest()
