"""``manage.py import_documents``: dry run, import, re-import, refusals — in Chinese."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cms.models import NormativeDocumentPage
from tests.intake import builders


def run(*args) -> str:
    out = StringIO()
    call_command("import_documents", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_then_import_then_a_no_op(
    importer, jiuzhu, tmp_path, django_capture_on_commit_callbacks
):
    rows, files = builders.collection(3, "社会救助站")
    manifest = tmp_path / "清单.csv"
    manifest.write_bytes(builders.csv_bytes(rows, "gbk"))
    folder = builders.write_files(tmp_path / "附件", files)
    args = (str(manifest), "--files", str(folder), "--user", "importer")

    output = run(*args, "--dry-run")
    assert (
        "共3行：可导入3行，已存在跳过0行，错误0行。" in output
        and "（试运行，未写入任何内容）" in output
    )
    assert not NormativeDocumentPage.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        output = run(*args)
    assert "已导入第" in output and NormativeDocumentPage.objects.live().count() == 3

    output = run(*args)
    assert output.count("已存在，跳过") >= 3 and "没有需要导入的新文件。" in output


@pytest.mark.django_db
def test_errors_and_refusals_are_chinese(importer, jiuzhu, groups, tmp_path):
    rows, files = builders.collection(2, "社会救助站")
    rows[1]["施行日期"] = "2023.13.1"
    manifest = tmp_path / "清单.xlsx"
    manifest.write_bytes(builders.xlsx(rows))
    folder = builders.write_files(tmp_path / "附件", files)
    with pytest.raises(CommandError, match="有1行错误，未导入任何文件"):
        run(str(manifest), "--files", str(folder), "--user", "importer")
    assert not NormativeDocumentPage.objects.exists()
    with pytest.raises(CommandError, match="只有具有“导入存量文件”权限"):
        from tests import factories

        factories.user_with_role("office", username="clerk")
        run(str(manifest), "--files", str(folder), "--user", "clerk")
    with pytest.raises(CommandError, match="不存在"):
        run(str(tmp_path / "无.xlsx"))
