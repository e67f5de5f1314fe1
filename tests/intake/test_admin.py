"""存量导入 in the admin: upload, dry run, confirm, batches, undo — and who may use it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.models import NormativeDocumentPage
from intake.models import BatchStatus, ImportBatch
from search.selectors import search_items
from tests import factories
from tests.intake import builders


def upload(client, manifest: bytes, archive: bytes | None):
    data = {"manifest": SimpleUploadedFile("清单.xlsx", manifest)}
    if archive is not None:
        data["archive"] = SimpleUploadedFile("附件.zip", archive)
    return client.post(reverse("intake_upload"), data)


@pytest.mark.django_db
def test_upload_dry_run_confirm_and_undo(
    client, importer, jiuzhu, django_capture_on_commit_callbacks
):
    rows, files = builders.collection(3, "社会救助站")
    client.force_login(importer)
    assert reverse("intake_batches") in client.get(reverse("wagtailadmin_home")).content.decode()

    page = upload(client, builders.xlsx(rows), builders.zip_bytes(files)).content.decode()
    assert "共3行：可导入3行，已存在跳过0行，错误0行。" in page and "确认导入" in page
    assert not NormativeDocumentPage.objects.exists()  # the dry run wrote nothing

    token = client.session["intake_pending"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake_confirm"), {"token": token})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "intake_batch", args=[batch.pk]
    )
    assert NormativeDocumentPage.objects.live().count() == 3
    listing = client.get(reverse("intake_batches")).content.decode()
    assert f"第{batch.pk}批" in listing and "清单.xlsx" in listing
    detail = client.get(reverse("intake_batch", args=[batch.pk])).content.decode()
    assert "撤销本批" in detail and "红民发〔2020〕2号" in detail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake_undo", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE and batch.undone_by == importer
    assert not NormativeDocumentPage.objects.live().exists()
    assert search_items(user=AnonymousUser(), query="收入").total == 0  # withdrawn at once

    # The same manifest again brings the same pages back (no duplicates).
    upload(client, builders.xlsx(rows), builders.zip_bytes(files))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake_confirm"), {"token": client.session["intake_pending"]["token"]})
    assert NormativeDocumentPage.objects.count() == 3
    assert NormativeDocumentPage.objects.live().count() == 3


@pytest.mark.django_db
def test_a_bad_row_is_shown_and_cannot_be_confirmed(client, importer, jiuzhu):
    rows, files = builders.collection(2, "社会救助站")
    del files["doc2.txt"]
    client.force_login(importer)
    page = upload(client, builders.xlsx(rows), builders.zip_bytes(files)).content.decode()
    assert "第3行“附件”列：附件“doc2.txt”在压缩包中不存在" in page
    assert 'name="token"' not in page
    response = client.post(
        reverse("intake_confirm"), {"token": client.session["intake_pending"]["token"]}
    )
    assert response.status_code == 200 and not NormativeDocumentPage.objects.exists()
    assert "第3行" in response.content.decode()


@pytest.mark.django_db
def test_a_broken_manifest_is_refused_in_chinese(client, importer, jiuzhu):
    client.force_login(importer)
    response = upload(client, b"\x00\x01garbage", None)
    assert response.status_code == 200 and "无法读取该Excel文件" in response.content.decode()


@pytest.mark.django_db
def test_an_edited_document_keeps_its_batch_from_being_undone(
    client, importer, jiuzhu, django_capture_on_commit_callbacks
):
    rows, files = builders.collection(1, "社会救助站")
    client.force_login(importer)
    upload(client, builders.xlsx(rows), builders.zip_bytes(files))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake_confirm"), {"token": client.session["intake_pending"]["token"]})
    batch = ImportBatch.objects.get()
    document = NormativeDocumentPage.objects.get()
    document.title = "修改后的标题"
    document.save_revision(user=importer)
    detail = client.get(reverse("intake_batch", args=[batch.pk])).content.decode()
    assert "不能撤销本批" in detail and "导入后已被修改" in detail
    client.post(reverse("intake_undo", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTED and NormativeDocumentPage.objects.get().live


@pytest.mark.django_db
def test_only_importers_reach_the_screens(client, site_tree, groups, jiuzhu, importer):
    batch = ImportBatch.objects.create(
        manifest_name="x.xlsx", manifest_sha256="0" * 64, created_by=importer
    )
    urls = [
        reverse("intake_batches"),
        reverse("intake_upload"),
        reverse("intake_batch", args=[batch.pk]),
    ]
    for role in ("office", "adviser", "leader"):
        client.force_login(factories.user_with_role(role))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403, (role, url)
            assert "只有具有“导入存量文件”权限的管理员" in response.content.decode()
        assert client.post(reverse("intake_undo", args=[batch.pk])).status_code == 403
        assert client.post(reverse("intake_confirm"), {"token": "x"}).status_code == 403
        assert (
            reverse("intake_batches")
            not in client.get(reverse("wagtailadmin_home")).content.decode()
        )
    client.force_login(factories.drafter_of(jiuzhu))
    assert client.get(urls[0]).status_code == 403
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login page
