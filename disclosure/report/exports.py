"""The report as DOCX (the template's layout: headings and Word tables) and XLSX."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook

from disclosure.models import OUTCOMES
from disclosure.report.build import DisclosureReport
from disclosure.report.cells import COLUMNS

SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
PROACTIVE_HEAD = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
APPEAL_HEAD = [label for _, label in OUTCOMES] + ["总计"]


def proactive_table(report: DisclosureReport) -> list[list[str]]:
    rows = [PROACTIVE_HEAD]
    for row in report.proactive:
        values = [str(cell.value) for cell in row.cells]
        rows.append([row.label, *values, *[""] * (3 - len(values))])
    return rows


def request_table(report: DisclosureReport) -> list[list[str]]:
    rows = [
        [
            "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
            *[label for _, label in COLUMNS],
        ]
    ]
    for row in report.requests:
        rows.append(
            [row.label, *[str(cell.value) for cell in row.cells]]
            if row.cells
            else [row.label, *[""] * len(COLUMNS)]
        )
    return rows


def appeal_table(report: DisclosureReport) -> list[list[str]]:
    rows = [["类别", *APPEAL_HEAD]]
    rows += [[row.label, *[str(cell.value) for cell in row.cells]] for row in report.appeals]
    return rows


def _word_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for col, value in enumerate(values):
            table.cell(r, col).text = value


def report_docx(report: DisclosureReport) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "仿宋"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title)
    run.bold, run.font.size = True, Pt(18)
    texts = {0: report.overview_text(), 4: report.facts.problems, 5: report.facts.other_matters}
    tables = {1: proactive_table(report), 2: request_table(report), 3: appeal_table(report)}
    for index, heading in enumerate(SECTION_TITLES):
        document.add_heading(heading, level=2)
        if index in tables:
            _word_table(document, tables[index])
        for line in (texts.get(index) or ("" if index in tables else "无。")).splitlines():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: DisclosureReport) -> bytes:
    workbook = Workbook()
    sheets = [
        ("二、主动公开", proactive_table(report)),
        ("三、依申请公开", request_table(report)),
        ("四、复议诉讼", appeal_table(report)),
    ]
    first = workbook.active
    first.title = "一、总体情况"
    for line in report.overview_text().splitlines():
        first.append([line])
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for values in rows:
            sheet.append([int(v) if v.isdigit() else v for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
