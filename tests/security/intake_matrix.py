"""The 存量导入 rows of the permission matrix: a batch, and how each action is tried."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intake import services
from intake.files import ZipFiles
from intake.models import BatchStatus, ImportBatch
from tests.intake import builders


def _manifest(department, n: int) -> tuple[bytes, bytes]:
    values = builders.row(
        n,
        department.name,
        标题=f"矩阵存量导入标记第{n}号文件",
        发文字号=f"矩阵发〔2019〕{n}号",
        附件=f"matrix{n}.txt",
    )
    files = {f"matrix{n}.txt": f"矩阵存量导入正文{n}。".encode()}
    return builders.xlsx([values]), builders.zip_bytes(files)


def imported_batch(admin, department) -> ImportBatch:
    manifest, archive = _manifest(department, 1)
    _, batch = services.documents_import(
        user=admin, manifest=manifest, manifest_name="矩阵清单.xlsx", files=ZipFiles(archive)
    )
    assert batch is not None
    return batch


def sees_batch(client, batch) -> bool:
    response = client.get(reverse("intake_batch", args=[batch.pk]))
    return response.status_code == 200 and "矩阵清单.xlsx" in response.content.decode()


def imports_manifest(client, department) -> bool:
    """Upload, dry run and confirm a new one-row manifest through the screens."""
    before = ImportBatch.objects.count()
    manifest, archive = _manifest(department, 2)
    client.post(
        reverse("intake_upload"),
        {
            "manifest": SimpleUploadedFile("矩阵清单2.xlsx", manifest),
            "archive": SimpleUploadedFile("矩阵附件.zip", archive),
        },
    )
    pending = client.session.get("intake_pending") or {}
    client.post(reverse("intake_confirm"), {"token": pending.get("token", "")})
    return ImportBatch.objects.count() == before + 1


def undoes_batch(client, batch) -> bool:
    client.post(reverse("intake_undo", args=[batch.pk]))
    batch.refresh_from_db()
    return batch.status == BatchStatus.UNDONE and not batch.documents.get().page.live


def withdrawn_batch(department) -> ImportBatch:
    """For the leak crawler: a batch whose manifest, title and text carry the token, then
    undone (撤销本批): its document is offline and must show nowhere outside 存量导入."""
    from tests import factories
    from tests.security.crawler import TOKEN

    admin = factories.user_with_role("admin", username="intake_admin")
    values = builders.row(
        90, department.name, 标题=f"{TOKEN}存量文件", 发文字号="泄露发〔2019〕90号", 附件="leak.txt"
    )
    archive = builders.zip_bytes({"leak.txt": f"撤回的存量正文{TOKEN}。".encode()})
    _, batch = services.documents_import(
        user=admin,
        manifest=builders.xlsx([values]),
        manifest_name=f"{TOKEN}清单.xlsx",
        files=ZipFiles(archive),
    )
    return services.batch_undo(batch=batch, user=admin)
