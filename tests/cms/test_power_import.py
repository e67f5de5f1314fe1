"""权责清单导入: upsert by 编码, cancellation, history with its batch, all-or-nothing refusals."""

import pytest
from django.core.management import CommandError, call_command

from cms.models import PowerItem, PowerListImport, PowerStatus
from cms.power_history import public_changes
from cms.power_import import power_list_import
from cms.spreadsheets import ImportRefused
from tests.cms.power_files import BASE_ROWS, HEADER, csv_bytes, row, xlsx

pytestmark = pytest.mark.django_db


def run(data, filename="权责清单.xlsx", **kwargs):
    kwargs.setdefault("user", None)
    return power_list_import(data=data, filename=filename, **kwargs)


def test_every_column_of_the_sheet_is_imported(jiuzhu, shiwu, office_user):
    report = run(xlsx(BASE_ROWS), user=office_user)
    assert report.summary() == "新增3项，变更0项，取消0项，未变0项"
    item = PowerItem.objects.get(code="MZ-QR-001")
    assert (item.category, item.name, item.department, item.status) == (
        "行政确认",
        "特困人员认定",
        shiwu,
        PowerStatus.IN_FORCE,
    )
    assert item.legal_basis == "《社会救助暂行办法》"
    assert item.implementing_body == "红寺堡区民政局"
    assert item.responsibilities == "1.受理责任" and item.accountability == "不依法履行职责的"
    history = item.history.get()
    assert history.history_type == "+"
    assert history.history_user == office_user
    assert history.import_batch == report.batch
    assert report.batch.user == office_user and report.batch.created == 3


def test_a_re_import_of_the_same_file_changes_nothing(jiuzhu, shiwu):
    run(xlsx(BASE_ROWS))
    before = PowerItem.history.count()
    report = run(xlsx(BASE_ROWS))
    assert report.summary() == "新增0项，变更0项，取消0项，未变3项"
    assert PowerItem.history.count() == before
    assert PowerListImport.objects.count() == 2  # the run itself is still recorded


def test_a_re_import_adds_changes_and_cancels_keeping_every_version(jiuzhu, shiwu, office_user):
    run(xlsx(BASE_ROWS))
    rows = [
        BASE_ROWS[0],
        row(2, "行政给付", "临时救助金给付", "MZ-GF-002", basis="《宁夏回族自治区临时救助办法》"),
        row(3, "其他", "慈善信托备案", "MZ-QT-001", unit="社会事务站"),
    ]
    report = run(xlsx(rows), user=office_user)
    assert report.summary() == "新增1项，变更1项，取消1项，未变1项"
    cancelled = PowerItem.objects.get(code="MZ-QR-001")
    assert cancelled.status == PowerStatus.CANCELLED  # kept, not deleted
    assert list(PowerItem.objects.in_force().values_list("code", flat=True).order_by("code")) == [
        "MZ-GF-001",
        "MZ-GF-002",
        "MZ-QT-001",
    ]
    changed = PowerItem.objects.get(code="MZ-GF-002")
    old, new = changed.history.order_by("history_date")
    assert old.legal_basis == "《社会救助暂行办法》"
    assert new.legal_basis == "《宁夏回族自治区临时救助办法》"
    assert new.history_user == office_user and new.import_batch == report.batch
    latest = {(c.kind, c.code) for c in public_changes()[:3]}
    assert latest == {("新增", "MZ-QT-001"), ("变更", "MZ-GF-002"), ("取消", "MZ-QR-001")}
    change = next(c for c in public_changes() if c.kind == "变更")
    assert [tuple(f) for f in change.fields] == [
        ("设定依据", "《社会救助暂行办法》", "《宁夏回族自治区临时救助办法》")
    ]


def test_a_cancelled_item_in_a_later_file_is_back_in_force(jiuzhu, shiwu):
    run(xlsx(BASE_ROWS))
    run(xlsx(BASE_ROWS[:2]))
    run(xlsx(BASE_ROWS))
    assert PowerItem.objects.get(code="MZ-QR-001").status == PowerStatus.IN_FORCE
    assert public_changes()[0].fields[0][:3] == ("状态", "已取消", "有效")


def test_bad_rows_are_named_and_nothing_is_written(jiuzhu, shiwu):
    rows = [
        BASE_ROWS[0],
        row(2, "行政审批", "临时救助金给付", "MZ-GF-002"),
        row(3, "行政确认", "", "MZ-QR-001"),
        row(4, "行政确认", "特困人员认定", "MZ-GF-001"),
        row(5, "行政给付", "孤儿基本生活费给付", "MZ-GF-009", unit="外单位"),
    ]
    with pytest.raises(ImportRefused) as refused:
        run(xlsx(rows))
    problems = refused.value.problems
    assert "第4行：类别“行政审批”不是权力类别" in problems[0]  # the title is line 1
    assert "第5行：事项名称为空" in problems
    assert "第6行：编码“MZ-GF-001”与第3行重复" in problems
    assert PowerItem.objects.count() == 0 and PowerListImport.objects.count() == 0
    with pytest.raises(ImportRefused) as refused:
        run(xlsx([BASE_ROWS[0], rows[4]]))
    assert refused.value.problems[0].startswith("第4行：承办机构“外单位”不是本局的科室")
    assert PowerItem.objects.count() == 0


def test_merged_cells_below_the_header_are_refused_by_row(jiuzhu, shiwu):
    data = xlsx(BASE_ROWS, merge="B3:B4")  # 类别 merged over two items
    with pytest.raises(ImportRefused) as refused:
        run(data)
    assert refused.value.problems == [
        "第3至4行B列（类别）是合并单元格：请取消合并，并在每一行填写完整后重新导入"
    ]
    assert PowerItem.objects.count() == 0


def test_gbk_and_utf16_csv_import_and_a_foreign_encoding_is_refused(jiuzhu, shiwu):
    report = run(csv_bytes(BASE_ROWS, encoding="gbk"), filename="权责清单.csv")
    assert report.summary().startswith("新增3项")
    assert PowerItem.objects.get(code="MZ-GF-001").name == "最低生活保障金给付"
    # Excel's "Unicode text" (UTF-16 with its BOM) reads as the same rows: nothing changes
    again = run(csv_bytes(BASE_ROWS, encoding="utf-16"), filename="权责清单.csv")
    assert again.summary() == "新增0项，变更0项，取消0项，未变3项"
    with pytest.raises(ImportRefused) as refused:
        big5 = csv_bytes(BASE_ROWS).decode("utf-8-sig").encode("big5", errors="replace")
        run(big5, filename="权责清单.csv")
    assert "编码为UTF-8或GBK" in refused.value.problems[0]


def test_a_personal_number_in_any_cell_is_refused(jiuzhu, shiwu):
    rows = [row(1, "行政给付", "最低生活保障金给付", "MZ-GF-001", note="联系人13912345678")]
    with pytest.raises(ImportRefused) as refused:
        run(xlsx(rows))
    assert refused.value.problems[0].startswith("第3行：备注含手机号")
    assert "13912345678" not in refused.value.problems[0]


def test_a_department_import_cancels_only_that_departments_items(jiuzhu, shiwu):
    run(xlsx(BASE_ROWS))
    own = [row(1, "行政给付", "最低生活保障金给付", "MZ-GF-001", unit="")]
    report = run(xlsx(own), department=jiuzhu)
    assert [item.code for item in report.plan.cancelled] == ["MZ-GF-002"]
    assert PowerItem.objects.get(code="MZ-QR-001").status == PowerStatus.IN_FORCE
    other = [row(1, "行政确认", "特困人员认定", "MZ-QR-001", unit="")]
    with pytest.raises(ImportRefused) as refused:
        run(xlsx(other), department=jiuzhu)
    assert "已是其他科室（社会事务站）的事项" in refused.value.problems[0]


def test_a_dry_run_reports_and_writes_nothing(jiuzhu, shiwu):
    report = run(xlsx(BASE_ROWS), dry_run=True)
    assert report.batch is None and len(report.plan.created) == 3
    assert PowerItem.objects.count() == 0 and PowerItem.history.count() == 0


def test_the_command_imports_and_refuses_in_chinese(jiuzhu, shiwu, tmp_path, capsys):
    good = tmp_path / "清单.xlsx"
    good.write_bytes(xlsx(BASE_ROWS))
    call_command("import_power_list", str(good), "--dry-run")
    assert "预检（未写入）：新增3项" in capsys.readouterr().out
    assert PowerItem.objects.count() == 0
    call_command("import_power_list", str(good))
    assert "已导入：新增3项" in capsys.readouterr().out
    bad = tmp_path / "坏.csv"
    bad.write_bytes(csv_bytes([row(1, "行政给付", "", "X-1")], header=HEADER))
    with pytest.raises(CommandError) as failed:
        call_command("import_power_list", str(bad))
    assert "第2行：事项名称为空" in str(failed.value)
    with pytest.raises(CommandError, match="没有代码、名称或简称为“nowhere”的科室"):
        call_command("import_power_list", str(good), "--department", "nowhere")
