"""The report's figures as spreadsheets: XLSX (one sheet per section) and CSV."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reports.figures import Figure, Measure, Report

HEADER = ["指标", "数值", "单位", "数据来源", "说明", "指标代码"]


def _source(figure: Figure) -> str:
    return "手工填报" if figure.manual else "系统统计"


def _cell_value(figure: Figure):
    if figure.value is None:
        return "—" if not figure.manual else "未填报"
    if figure.measure == Measure.RATE:
        return float(figure.value)
    return float(figure.value) if not isinstance(figure.value, int) else figure.value


def _row(figure: Figure) -> list:
    unit = "%" if figure.measure == Measure.RATE else figure.unit
    return [figure.label, _cell_value(figure), unit, _source(figure), figure.note, figure.code]


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "统计"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]}{n}"
        n += 1
    used.add(name)
    return name


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for section in report.sections:
        sheet = workbook.create_sheet(_sheet_title(section.title, used))
        sheet.append([f"{report.period.label} {section.title}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(HEADER)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for figure in section.figures:
            sheet.append(_row(figure))
        if section.note:
            sheet.append([section.note])
        for column, width in enumerate((36, 14, 10, 10, 36, 30), 1):
            sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_csv(report: Report) -> bytes:
    """UTF-8 with BOM, so Excel on a Chinese Windows opens it without mojibake."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["统计期", "部分", *HEADER])
    for section in report.sections:
        for figure in section.figures:
            writer.writerow([report.period.label, section.title, *_row(figure)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def records_csv(figure: Figure) -> bytes:
    """One figure's drill-down list."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["序号", "事项", "说明", "日期", "数值"])
    for index, record in enumerate(figure.records, 1):
        writer.writerow(
            [
                index,
                record.label,
                record.detail,
                record.day or "",
                "" if record.value is None else record.value,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
