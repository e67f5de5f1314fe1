"""The statute library import (导入法规库): formats, change report, bad rows, idempotence, admin."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openpyxl import Workbook

from cms.models import Statute, StatuteImport
from cms.statute_import.parsing import StatuteFileError, parse_date, parse_records, read_records
from cms.statute_import.services import StatuteImportError, statutes_import
from tests import factories

HEADER = "标题,制定机关,公布日期,施行日期,时效性,废止日期,被替代为,别名/简称,效力层级"
LIBRARY = [
    "中华人民共和国行政复议法,全国人民代表大会常务委员会,2017-09-01,2018-01-01,有效,,,行政复议法,法律",
    "行政复议条例,国务院,1994.10.9,,已废止,1999年10月1日,中华人民共和国行政复议法,,行政法规",
    "殡葬管理条例,国务院,2012-11-09,2013-01-01,有效,,,殡葬条例,行政法规",
    "志愿服务条例,国务院,2017-08-22,2017-12-01,有效,,,,行政法规",
]


def csv_bytes(*rows: str, encoding: str = "utf-8") -> bytes:
    return "\n".join(["# 来源：国家法律法规数据库", HEADER, *rows]).encode(encoding)


def run(data: bytes, name: str = "library.csv", **kwargs):
    return statutes_import(file_name=name, data=data, **kwargs)


@pytest.mark.django_db
def test_csv_import_creates_rows_with_dates_successors_and_a_kept_report():
    plan, record = run(csv_bytes(*LIBRARY))
    old = Statute.objects.get(name="行政复议条例")
    assert old.status == "已废止"
    assert old.repealed_on == dt.date(1999, 10, 1)
    assert old.promulgated_on == dt.date(1994, 10, 9)
    assert old.replaced_by.name == "中华人民共和国行政复议法"
    assert old.issuer == "国务院"
    law = Statute.objects.get(name="中华人民共和国行政复议法")
    assert (law.short_name, law.level, law.effective_on) == (
        "行政复议法",
        "法律",
        dt.date(2018, 1, 1),
    )
    assert sorted(plan.report["added"]) == sorted(row.split(",")[0] for row in LIBRARY)
    assert record.report["added"] == plan.report["added"]
    assert StatuteImport.objects.count() == 1


@pytest.mark.django_db
def test_update_reports_new_amended_repealed_and_unchanged_and_reimport_is_a_no_op():
    run(csv_bytes(*LIBRARY))
    update = csv_bytes(
        "中华人民共和国行政复议法,全国人民代表大会常务委员会,2023-09-01,2024-01-01,已修改,,,行政复议法,法律",
        LIBRARY[1],
        "殡葬管理条例,国务院,2012-11-09,2013-01-01,已废止,2026-01-01,,殡葬条例,行政法规",
        LIBRARY[3],
        "地名管理条例,国务院,2022-03-30,2022-05-01,有效,,,,行政法规",
    )
    _plan, record = run(update)
    assert record.report["added"] == ["地名管理条例"]
    assert record.report["repealed"] == ["殡葬管理条例"]
    assert record.report["amended"] == ["中华人民共和国行政复议法"]
    assert sorted(record.report["unchanged"]) == ["志愿服务条例", "行政复议条例"]
    assert record.changed_names == ["殡葬管理条例", "中华人民共和国行政复议法"]
    assert Statute.objects.get(name="殡葬管理条例").repealed_on == dt.date(2026, 1, 1)

    before = list(Statute.objects.order_by("pk").values())
    again, no_record = run(update)
    assert no_record is None
    assert not again.changed
    assert len(again.report["unchanged"]) == 5
    assert list(Statute.objects.order_by("pk").values()) == before
    assert StatuteImport.objects.count() == 2


@pytest.mark.django_db
def test_bad_rows_are_named_and_nothing_is_imported():
    rows = [
        *LIBRARY,
        "某某条例,国务院,2023.13.1,,有效,,,,行政法规",
        "某某办法,民政部,,,作废,,,,部门规章",
        "志愿服务条例,国务院,,,有效,,,,行政法规",
        "某某规定,民政部,,,有效,,不存在的法,,部门规章",
        ",民政部,,,有效,,,,部门规章",
    ]
    with pytest.raises(StatuteImportError) as refused:
        run(csv_bytes(*rows))
    messages = refused.value.messages
    # Row numbers count the note line and the header, as a spreadsheet shows them.
    assert "第7行“公布日期”：无法识别日期“2023.13.1”" in messages[0]
    assert any(m.startswith("第8行“时效性”：无法识别“作废”") for m in messages)
    assert any(m.startswith("第11行“标题”：不能为空") for m in messages)
    assert "第9行“标题”：“志愿服务条例”与第6行重复。" in messages
    assert any(m.startswith("第10行“被替代为”：“不存在的法”") for m in messages)
    assert not Statute.objects.filter(name__in=["行政复议条例", "志愿服务条例"]).exists()
    assert not StatuteImport.objects.exists()


@pytest.mark.django_db
def test_dry_run_reports_without_writing():
    plan, record = run(csv_bytes(*LIBRARY), dry_run=True)
    assert record is None
    assert len(plan.report["added"]) == 4
    assert not Statute.objects.filter(name="志愿服务条例").exists()


@pytest.mark.django_db
def test_gbk_csv_and_xlsx_with_excel_serial_dates_and_chinese_dates():
    plan, _ = run(csv_bytes(LIBRARY[2], encoding="gbk"))
    assert plan.report["added"] == ["殡葬管理条例"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        ["志愿服务条例", "国务院", 42969, "2017年12月1日", "有效", None, None, "", "行政法规"]
    )
    sheet.append(["地名管理条例", "国务院", dt.datetime(2022, 3, 30), None, "现行有效"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan, _ = run(buffer.getvalue(), "法规库.xlsx")
    assert plan.report["added"] == ["志愿服务条例", "地名管理条例"]
    statute = Statute.objects.get(name="志愿服务条例")
    assert (statute.promulgated_on, statute.effective_on) == (
        dt.date(2017, 8, 22),
        dt.date(2017, 12, 1),
    )


@pytest.mark.django_db
def test_xlsx_with_merged_cells_is_refused_in_chinese():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["志愿服务条例", "国务院"])
    sheet.merge_cells("B2:C2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(StatuteImportError) as refused:
        run(buffer.getvalue(), "法规库.xlsx")
    assert "合并单元格" in refused.value.messages[0]


@pytest.mark.django_db
def test_national_database_export_and_lawrefbook_json_lines():
    flk = {
        "result": {
            "data": [
                {
                    "title": "中华人民共和国慈善法",
                    "office": "全国人民代表大会",
                    "publish": "2023-12-29 00:00:00",
                    "expiry": "2024-09-05 00:00:00",
                    "type": "法律",
                    "status": "1",
                },
                {
                    "title": "基金会管理办法",
                    "office": "国务院",
                    "publish": "1988-09-27 00:00:00",
                    "expiry": "1988-09-27 00:00:00",
                    "type": "行政法规",
                    "status": "9",
                },
            ]
        }
    }
    plan, _ = run(json.dumps(flk, ensure_ascii=False).encode(), "flk.json")
    assert plan.report["added"] == ["中华人民共和国慈善法", "基金会管理办法"]
    assert Statute.objects.get(name="基金会管理办法").status == "已废止"
    assert plan.warnings == ["第2行：“基金会管理办法”已废止，但未填写废止日期。"]
    lines = [
        {"title": "中华人民共和国慈善法", "short_name": "慈善法", "issuer": "全国人民代表大会",
         "level": "法律", "date": "2016-03-16", "status": "已被修订(旧版本)"},
        {"title": "志愿服务条例", "level": "行政法规", "valid_from": "2017-12-01", "status": "现行有效"},
    ]  # fmt: skip
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    plan, _ = run(data, "laws.jsonl")
    assert plan.report["amended"] == ["中华人民共和国慈善法"]
    assert plan.report["added"] == ["志愿服务条例"]


def test_dates_in_the_forms_clerks_write():
    assert parse_date("2023.5.1") == parse_date("2023年5月1日") == dt.date(2023, 5, 1)
    assert parse_date("2023/05/01") == parse_date("20230501") == dt.date(2023, 5, 1)
    assert parse_date(45047) == dt.date(2023, 5, 1)  # Excel serial number
    assert parse_date(20230501) == dt.date(2023, 5, 1)  # a JSON number
    assert parse_date("") is None
    for bad in ("2023.2.30", "五月一日", "1.5"):
        with pytest.raises(ValueError):
            parse_date(bad)


@pytest.mark.django_db
def test_a_file_of_another_kind_is_refused():
    with pytest.raises(StatuteImportError) as refused:
        run(b"%PDF-1.4", "laws.pdf")
    assert refused.value.messages == ["只支持 CSV、XLSX、JSON 或 JSONL 格式的法规清单。"]
    with pytest.raises(StatuteImportError) as refused:
        run("标题,时效性\n".encode("utf-16"), "laws.csv")
    assert "编码" in refused.value.messages[0] or "标题" in refused.value.messages[0]


@pytest.mark.django_db
def test_admin_upload_shows_the_report_and_only_statute_maintainers_may_import(
    client, site_tree, jiuzhu_drafter
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = factories.user_with_role("admin", username="statute-admin", is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("wagtailsnippets_cms_statute:list"))
    assert reverse("statute_import") in listing.content.decode()
    upload = SimpleUploadedFile("法规库.csv", csv_bytes(*LIBRARY))
    response = client.post(reverse("statute_import"), {"file": upload})
    record = StatuteImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("statute_import_report", args=[record.pk])
    report = client.get(response.url).content.decode()
    assert "新增（4 部）" in report and "《行政复议条例》" in report

    bad = SimpleUploadedFile("法规库.csv", csv_bytes("某某条例,国务院,2023.13.1,,有效,,,,"))
    refused = client.post(reverse("statute_import"), {"file": bad})
    assert refused.status_code == 200
    assert "第3行“公布日期”" in refused.content.decode()

    client.force_login(jiuzhu_drafter)
    response = client.post(reverse("statute_import"), {"file": SimpleUploadedFile("a.csv", b"")})
    assert response.status_code in (302, 403)
    assert StatuteImport.objects.count() == 1


def test_overlong_cells_and_non_utf8_json_are_named():
    parsed = parse_records([{"标题": "某条例", "制定机关": "机" * 201}, {"标题": "另一条例"}])
    assert parsed.errors == ["第2行“制定机关”：超过200个字。"]
    assert [row.values["name"] for row in parsed.rows] == ["另一条例"]
    with pytest.raises(StatuteFileError, match="UTF-8"):
        read_records("laws.json", "[]".encode("gbk") + "中".encode("gbk"))
