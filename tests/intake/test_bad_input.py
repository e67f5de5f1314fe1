"""Each bad input of a manifest or its files: a Chinese message naming the row, nothing imported."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from cms.models import AttachmentFile, NormativeDocumentPage
from cms.sheets import ImportRefused
from intake import services
from intake.files import FolderFiles, ZipFiles
from intake.manifest import parse_date
from intake.models import ImportBatch
from intake.plan import ERROR, NEW
from search.models import AttachmentText
from tests import factories
from tests.intake import builders


def plan_of(user, manifest: bytes, files, name: str = "清单.xlsx"):
    return services.documents_plan(user=user, manifest=manifest, manifest_name=name, files=files)


def import_of(user, manifest: bytes, files, name: str = "清单.xlsx"):
    return services.documents_import(user=user, manifest=manifest, manifest_name=name, files=files)


def three(department="社会救助站"):
    rows, files = builders.collection(3, department)
    return rows, files


def messages(plan, line: int) -> str:
    return " ".join(next(row for row in plan.rows if row.line == line).messages)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023.5.1", "2023-05-01"),
        ("2023年5月1日", "2023-05-01"),
        ("2023-05-01", "2023-05-01"),
        (45047, "2023-05-01"),
        ("45047", "2023-05-01"),
        ("2023/5/1", "2023-05-01"),
    ],
)
def test_dates_are_read_in_every_form_a_clerk_writes(raw, expected):
    assert str(parse_date(raw)) == expected


@pytest.mark.parametrize("raw", ["2023.13.1", "五月一日", "2023-02-30"])
def test_a_date_that_is_not_one_is_not_guessed(raw):
    assert parse_date(raw) is None


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_names_the_row(importer, jiuzhu):
    rows, files = three()
    rows[1]["发布日期"] = "去年五月"  # line 3 of the sheet (header on line 1)
    plan, batch = import_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert batch is None and [row.line for row in plan.errors] == [3]
    assert "第3行“发布日期”列：“去年五月”不是日期" in messages(plan, 3)
    assert not NormativeDocumentPage.objects.exists() and not ImportBatch.objects.exists()
    assert not AttachmentFile.objects.exists()


@pytest.mark.django_db
def test_excel_dates_and_serials_are_accepted(importer, jiuzhu):
    rows, files = three()
    rows[0]["发布日期"] = 43892  # 2020-03-02 as an Excel serial
    rows[1]["成文日期"] = "2020年3月1日"
    plan = plan_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert plan.errors == [] and plan.rows[0].values["published_on"].isoformat() == "2020-03-02"


@pytest.mark.django_db
def test_a_duplicate_doc_number_in_the_manifest_names_both_rows(importer, jiuzhu):
    rows, files = three()
    rows[2]["发文字号"] = "红民发[2020]1号"  # the same number once normalised
    plan = plan_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert "第4行“发文字号”列：红民发〔2020〕1号与第2行重复" in messages(plan, 4)


@pytest.mark.django_db
def test_a_missing_file_and_an_unknown_department_are_named(importer, jiuzhu):
    rows, files = three()
    rows[0]["附件"] = "doc1.docx；不存在.pdf"
    rows[1]["起草科室"] = "不存在的科"
    plan = plan_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert "附件“不存在.pdf”在压缩包中不存在" in messages(plan, 2)
    assert "第3行“起草科室”列：科室“不存在的科”不存在" in messages(plan, 3)


@pytest.mark.django_db
def test_zip_members_outside_the_archive_or_links_are_refused(importer, jiuzhu):
    rows, files = three()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../doc1.docx", files["doc1.docx"])
        archive.writestr("/etc/doc2.txt", files["doc2.txt"])
        link = zipfile.ZipInfo("doc3.pdf")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    plan = plan_of(importer, builders.xlsx(rows), ZipFiles(buffer.getvalue()))
    assert "“../doc1.docx”路径不安全" in messages(plan, 2)
    assert "“/etc/doc2.txt”路径不安全" in messages(plan, 3)
    assert "“doc3.pdf”是符号链接" in messages(plan, 4)
    assert len(plan.errors) == 3


def lying_zip(name: str, data: bytes, declared: int) -> bytes:
    """A ZIP whose central directory declares ``declared`` bytes for its one member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = struct.pack("<I", declared)  # uncompressed size
    return bytes(raw)


@pytest.mark.django_db
def test_a_one_gigabyte_file_is_refused_before_it_is_read(importer, jiuzhu, tmp_path):
    rows, files = three()
    folder = builders.write_files(tmp_path / "files", files)
    with (folder / "doc3.pdf").open("r+b") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GB on paper, nothing on disk
    plan = plan_of(importer, builders.xlsx(rows), FolderFiles(folder))
    assert "附件“doc3.pdf”过大（1024.0 MB），上限为 50 MB" in messages(plan, 4)
    archive = lying_zip("doc3.pdf", files["doc3.pdf"], 1 << 30)
    plan = plan_of(importer, builders.xlsx(rows[2:]), ZipFiles(archive))
    assert "附件“doc3.pdf”过大（1024.0 MB）" in messages(plan, 2)


@pytest.mark.django_db
def test_a_link_out_of_the_files_folder_is_refused(importer, jiuzhu, tmp_path):
    rows, files = three()
    folder = builders.write_files(tmp_path / "files", files)
    (tmp_path / "secret.pdf").write_bytes(files["doc3.pdf"])
    (folder / "doc1.docx").unlink()
    (folder / "doc1.docx").symlink_to(tmp_path / "secret.pdf")
    rows[1]["附件"] = "../secret.pdf"
    plan = plan_of(importer, builders.xlsx(rows), FolderFiles(folder))
    assert "是符号链接或指向文件夹之外" in messages(plan, 2)
    assert "路径不安全" in messages(plan, 3)


@pytest.mark.django_db
def test_an_encrypted_pdf_is_kept_and_noted(importer, jiuzhu, django_capture_on_commit_callbacks):
    rows, files = three()
    files["doc3.pdf"] = factories.encrypted_pdf(files["doc3.pdf"], "secret")
    plan = plan_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert plan.errors == [] and "已加密：将保存原文件" in messages(plan, 4)
    with django_capture_on_commit_callbacks(execute=True):
        _, batch = import_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    page = batch.documents.get(line=4).page
    assert (
        page.live
        and AttachmentText.objects.get(attachment=page.attachments.get().file).status
        == "needs_password"
    )


@pytest.mark.django_db
def test_merged_cells_are_refused_by_row_and_column(importer, jiuzhu):
    rows, files = three()
    book = Workbook()
    sheet = book.active
    sheet.append(["2020年存量文件清单"])
    sheet.merge_cells("A1:M1")  # a merged title above the table is fine
    sheet.append(builders.HEADERS)
    for values in rows:
        sheet.append([values[header] for header in builders.HEADERS])
    sheet["K4"] = None
    sheet.merge_cells("K3:K4")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRefused) as refusal:
        plan_of(importer, buffer.getvalue(), ZipFiles(builders.zip_bytes(files)))
    assert refusal.value.problems == [
        "第3行至第4行“起草科室”列（K3:K4）是合并单元格：请取消合并，在每一行填写完整后重新导入。"
    ]


@pytest.mark.django_db
def test_gbk_csv_is_read_and_a_wrong_encoding_is_named(importer, jiuzhu):
    rows, files = three()
    plan = plan_of(
        importer, builders.csv_bytes(rows, "gbk"), ZipFiles(builders.zip_bytes(files)), "清单.csv"
    )
    assert plan.errors == [] and plan.count(NEW) == 3
    plan = plan_of(
        importer,
        builders.csv_bytes(rows, "utf-16"),
        ZipFiles(builders.zip_bytes(files)),
        "清单.csv",
    )
    assert plan.errors == []  # Excel's "Unicode text"
    mojibake = builders.csv_bytes(rows, "utf-8").decode("latin-1").encode("utf-8")
    with pytest.raises(ImportRefused) as refusal:
        plan_of(importer, mojibake, ZipFiles(builders.zip_bytes(files)), "清单.csv")
    assert "第1行至第10行中未找到表头" in refusal.value.problems[0]
    assert "文件编码不是UTF-8或GBK" in refusal.value.problems[0]


@pytest.mark.django_db
def test_an_unsupported_file_and_a_renamed_one_are_refused(importer, jiuzhu):
    rows, files = three()
    rows[1]["附件"] = "doc2.ofd"
    files["doc2.ofd"] = b"ofd"
    files["doc1.docx"] = b"not a word file"
    plan = plan_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert "附件“doc1.docx”：附件文件内容不是 PDF 或 DOCX 格式" in messages(plan, 2)
    assert "格式不支持，仅支持 PDF、DOCX、TXT" in messages(plan, 3)
    assert [row.status for row in plan.rows] == [ERROR, ERROR, NEW]


@pytest.mark.django_db
def test_only_holders_of_the_permission_may_import(site_tree, groups, jiuzhu):
    rows, files = three()
    for user in (factories.user_with_role("office"), factories.drafter_of(jiuzhu)):
        with pytest.raises(PermissionDenied):
            plan_of(user, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))


@pytest.mark.django_db
def test_stored_files_are_removed_when_the_import_fails(importer, jiuzhu, monkeypatch):
    rows, files = three()
    from intake import services as module

    calls = []

    def failing(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    real = module.legacy_issue
    monkeypatch.setattr(module, "legacy_issue", failing)
    storage = AttachmentFile._meta.get_field("file").storage
    before = set(storage.listdir("documents")[1]) if storage.exists("documents") else set()
    with pytest.raises(RuntimeError):
        import_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert not NormativeDocumentPage.objects.exists() and not AttachmentFile.objects.exists()
    assert set(storage.listdir("documents")[1]) == before  # doc1.docx was stored, then removed
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_personal_number_in_a_file_refuses_the_import_by_row(importer, jiuzhu):
    rows, files = three()
    files["doc2.txt"] = "低保对象马某，身份证号64030319870415101X。".encode()
    with pytest.raises(ImportRefused) as refusal:
        import_of(importer, builders.xlsx(rows), ZipFiles(builders.zip_bytes(files)))
    assert refusal.value.problems[0].startswith("第3行《关于做好第2项民政工作的通知》不能公开：")
    assert not NormativeDocumentPage.objects.exists() and not ImportBatch.objects.exists()
