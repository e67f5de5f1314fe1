"""The report pages over HTTP: bad input answered in Chinese (never a 500), hand figures
all-or-nothing, and the exports opened with the libraries that read them."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from reports.models import ManualFigure
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/admin/reports/"


def text(response) -> str:
    return response.content.decode()


def test_end_before_start_is_refused_in_chinese(login, administrator):
    response = login(administrator).get(URL, {"start": "2023-06-01", "end": "2023-01-01"})
    assert response.status_code == 400
    assert "结束日期（2023-01-01）不能早于开始日期（2023-06-01）" in text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "二〇二三"}, "年度应为2000至2100之间的四位数字"),
        ({"start": "2023-02-30", "end": "2023-03-01"}, "开始日期“2023-02-30”格式不正确"),
        ({"start": "2023-01-01"}, "开始日期和结束日期都须填写"),
    ],
)
def test_malformed_periods_get_chinese_messages(login, administrator, query, message):
    for path in (URL, "/admin/reports/figure/fc.reviews/", "/admin/reports/export.docx"):
        response = login(administrator).get(path, query)
        assert response.status_code == 400
        assert message in text(response)


def test_an_empty_year_is_a_valid_report(login, administrator, workflows):
    response = login(administrator).get(URL, {"year": "2031"})
    assert response.status_code == 200
    assert "2031年度暂无业务记录" in text(response)
    assert (
        login(administrator).get("/admin/reports/export.docx", {"year": "2031"}).status_code == 200
    )


def test_unknown_figure_is_a_404_not_a_500(login, administrator):
    assert login(administrator).get("/admin/reports/figure/nothing.here/").status_code == 404


def test_a_drafter_may_not_see_the_report(login, jiuzhu_drafter):
    response = login(jiuzhu_drafter).get(URL)
    assert response.status_code == 302


def test_only_an_administrator_enters_hand_figures(login, office_user):
    response = login(office_user).post("/admin/reports/manual/2023/", {"study_sessions": "34"})
    assert response.status_code == 302
    assert not ManualFigure.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "“集中学法”不能为负数"),
        ("三十四", "“集中学法”须填写数字"),
        ("3.5", "“集中学法”应为整数"),
    ],
)
def test_bad_hand_figure_stores_nothing(login, administrator, value, message):
    ManualFigure.objects.create(year=2023, code="licensing", value=7)
    response = login(administrator).post(
        "/admin/reports/manual/2023/",
        {"study_sessions": value, "licensing": "10", "confirmations": "1966"},
    )
    assert response.status_code == 400
    assert message in text(response)
    assert "未保存任何数据" in text(response)
    assert list(ManualFigure.objects.values_list("code", "value")) == [("licensing", 7)]


def test_hand_figures_are_saved_and_marked_in_the_report(login, administrator, workflows):
    client = login(administrator)
    response = client.post(
        "/admin/reports/manual/2023/",
        {"study_sessions": "34", "licensing": "10", "payment_amount": "12,509.5"},
    )
    assert response.status_code == 302
    stored = dict(ManualFigure.objects.filter(year=2023).values_list("code", "value"))
    assert {k: str(v) for k, v in stored.items()} == {
        "study_sessions": "34.00",
        "licensing": "10.00",
        "payment_amount": "12509.50",
    }
    page = text(client.get(URL, {"year": "2023"}))
    assert re.search(r"34次\s*<span class=\"report-manual\">手工填报</span>", page)


@pytest.fixture
def report_2023(workflows, jiuzhu, administrator):
    """A small 2023: one published document and hand figures."""
    from datetime import date

    factories.make_document(
        jiuzhu, title="关于殡葬服务收费的管理办法", live=True, published_on=date(2023, 9, 1)
    )
    ManualFigure.objects.create(year=2023, code="study_sessions", value=34)
    ManualFigure.objects.create(year=2023, code="confirmations", value=1966)


def test_report_page_has_charts_drawn_by_pygal_and_links_every_number(
    login, administrator, report_2023
):
    page = text(login(administrator).get(URL, {"year": "2023"}))
    assert 'class="pygal-chart"' in page
    assert "<script src=" not in page.split("pygal-chart", 1)[1]  # nothing fetched from outside
    figure_links = re.findall(r'data-figure="([^"]+)"', page)
    assert "documents.published" in figure_links and "fc.coverage" in figure_links
    assert len(figure_links) > 60


def test_docx_has_the_reports_structure_and_numbers(login, administrator, report_2023):
    response = login(administrator).get("/admin/reports/export.docx", {"year": "2023"})
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    first = "一、本年度推进法治政府建设的主要工作开展情况"
    second = "二、法治政府建设工作主要做法及成效"
    third = "三、本年度推进法治政府建设存在的问题及下年度工作思路"
    assert headings.index(first) < headings.index(second) < headings.index(third)
    body = "\n".join(paragraphs)
    section_four = body.split("（四）坚持全方位")[1].split(third)[0]
    assert "共开展集中学法34次" in section_four
    section_one = body.split(first)[1].split(second)[0]
    assert "实施行政确认1966次" in section_one
    assert "实施行政许可【待填报】次" in section_one  # not entered: left visible, not zero
    assert "【请在此撰写：" in body  # narrative left for the office
    tables = {t.rows[0].cells[0].text for t in document.tables}
    assert tables == {"指标"}
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "手工填报" in cells and "系统统计" in cells


def test_xlsx_has_one_sheet_per_section_and_csv_every_figure(login, administrator, report_2023):
    client = login(administrator)
    workbook = load_workbook(
        io.BytesIO(client.get("/admin/reports/export.xlsx", {"year": "2023"}).content)
    )
    assert "公平竞争审查" in workbook.sheetnames and "手工填报数据" in workbook.sheetnames
    assert len(workbook.sheetnames) == 10
    rows = {row[0]: row for row in workbook["行政规范性文件"].iter_rows(values_only=True)}
    assert rows["公布"][1] == 1
    manual = {row[0]: row for row in workbook["手工填报数据"].iter_rows(values_only=True)}
    assert manual["集中学法"][1] == 34 and manual["集中学法"][3] == "手工填报"
    csv_text = client.get("/admin/reports/export.csv", {"year": "2023"}).content.decode("utf-8-sig")
    assert "2023年度,行政规范性文件,公布,1,件,系统统计" in csv_text
