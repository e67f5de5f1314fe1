"""附件 uploaded through the Wagtail documents admin, PDFs generated here: a readable Chinese
PDF, one locked by a user password and broken ones are each kept with their SHA-256, never a
500, and once the upload commits their extracted text or the reason it has none is recorded."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from cms.models import AttachmentFile
from search.models import AttachmentText
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "红寺堡区城乡低保对象认定办法"
LINE = "申请低保的家庭应当签订承诺书，如实申报家庭收入。"


def chinese_pdf(*lines: str) -> bytes:
    return factories.chinese_pdf_bytes(*lines)


def locked(data: bytes, user_password: str) -> bytes:
    return factories.encrypted_pdf(data, user_password, owner_password="bureau-owner")


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def cyclic_page_tree() -> bytes:
    """A hand-written PDF whose page tree lists itself as its own kid."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def upload_single(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": TITLE,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def upload_multiple(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def upload_and_commit(client, capture, content: bytes, *, multiple=False):
    """Upload as the office would, running the on-commit extraction as a real commit does."""
    with capture(execute=True) as callbacks:
        if multiple:
            response = upload_multiple(client, "认定办法.pdf", content)
            assert response.status_code == 200, response.status_code
            assert response.json()["success"] is True
        else:
            response = upload_single(client, "认定办法.pdf", content)
            assert response.status_code == 302, response.status_code
    assert callbacks, "the upload scheduled no extraction"
    attachment = AttachmentFile.objects.get()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.file_size == len(content)
    attachment.file.open("rb")
    assert attachment.file.read() == content  # the original is kept, byte for byte
    return attachment, AttachmentText.objects.get(attachment=attachment)


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
def test_chinese_pdf_upload_is_kept_and_its_text_extracted(
    login, office_user, django_capture_on_commit_callbacks, multiple
):
    content = chinese_pdf(TITLE, LINE)
    client = login(office_user)
    attachment, extraction = upload_and_commit(
        client, django_capture_on_commit_callbacks, content, multiple=multiple
    )
    assert extraction.status == "ok", extraction.note
    assert extraction.text.split("\f") == [TITLE, LINE]
    assert extraction.pages == 2
    assert extraction.sha256 == attachment.sha256
    assert extraction.note == ""


def test_pdf_opening_with_an_empty_password_is_read(
    login, office_user, django_capture_on_commit_callbacks
):
    client = login(office_user)
    _, extraction = upload_and_commit(
        client, django_capture_on_commit_callbacks, locked(chinese_pdf(LINE), "")
    )
    assert extraction.status == "ok", extraction.note
    assert extraction.text == LINE


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
def test_pdf_needing_a_password_is_kept_and_marked_in_chinese(
    login, office_user, django_capture_on_commit_callbacks, multiple
):
    client = login(office_user)
    _, extraction = upload_and_commit(
        client,
        django_capture_on_commit_callbacks,
        locked(chinese_pdf(LINE), "hongsibao2024"),
        multiple=multiple,
    )
    assert extraction.status == "needs_password"
    assert extraction.note == "文件已加密，需要密码，已保存原文件但无法提取文字"
    assert extraction.text == ""


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: truncated(chinese_pdf(TITLE, LINE)), "截断"),
        (lambda: chinese_pdf(TITLE).replace(b"startxref", b""), "startxref"),
        (cyclic_page_tree, "循环"),
    ],
    ids=["truncated", "no-startxref", "cyclic-page-tree"],
)
def test_malformed_pdf_is_kept_and_the_reason_recorded(
    login, office_user, django_capture_on_commit_callbacks, make, reason
):
    client = login(office_user)
    _, extraction = upload_and_commit(client, django_capture_on_commit_callbacks, make())
    assert extraction.status == "malformed"
    assert reason in extraction.note
    assert "文件已损坏，无法提取文字" in extraction.note
    assert extraction.text == ""


def test_the_library_and_the_attachment_page_still_open_after_a_broken_upload(
    login, office_user, django_capture_on_commit_callbacks
):
    client = login(office_user)
    attachment, _ = upload_and_commit(
        client, django_capture_on_commit_callbacks, truncated(chinese_pdf(TITLE))
    )
    listing = client.get(reverse("wagtaildocs:index"))
    assert listing.status_code == 200 and TITLE in listing.content.decode()
    edit = client.get(reverse("wagtaildocs:edit", args=[attachment.pk]))
    assert edit.status_code == 200


def test_a_replaced_file_is_extracted_again_for_its_new_hash(
    login, office_user, django_capture_on_commit_callbacks
):
    client = login(office_user)
    attachment, first = upload_and_commit(
        client, django_capture_on_commit_callbacks, locked(chinese_pdf(LINE), "secret")
    )
    assert first.status == "needs_password"
    readable = chinese_pdf("修订后的认定办法全文")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:edit", args=[attachment.pk]),
            {
                "title": TITLE,
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("认定办法（修订）.pdf", readable),
            },
        )
    assert response.status_code == 302, response.status_code
    attachment.refresh_from_db()
    assert attachment.sha256 == hashlib.sha256(readable).hexdigest()
    again = AttachmentText.objects.get(attachment=attachment)
    assert (again.status, again.sha256, again.text) == (
        "ok",
        attachment.sha256,
        "修订后的认定办法全文",
    )


def test_the_documents_admin_refuses_an_empty_file_with_a_chinese_message(login, office_user):
    response = upload_single(login(office_user), "空文件.pdf", b"")
    assert response.status_code == 200
    assert "附件文件为空（0 字节）" in response.content.decode()
    assert not AttachmentFile.objects.exists()


def test_factories_pdf_still_extracts_as_empty_not_an_error():
    from search.extraction import extract

    result = extract(factories.pdf_bytes("空白页"), "blank.pdf")
    assert result.status == "empty" and "未提取到文字" in result.note
