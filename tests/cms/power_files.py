"""Power-list spreadsheets made by the tests (real .xlsx through openpyxl, real CSV bytes)."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = [
    "序号",
    "类别",
    "事项名称",
    "子项",
    "编码",
    "依据",
    "实施主体",
    "承办机构",
    "责任事项",
    "追责情形",
    "备注",
]
BODY = "红寺堡区民政局"


def row(number, category, name, code, basis="《社会救助暂行办法》", unit="社会救助站", **extra):
    return [
        number,
        category,
        name,
        extra.get("subitem", ""),
        code,
        basis,
        extra.get("body", BODY),
        unit,
        extra.get("duty", "1.受理责任"),
        extra.get("blame", "不依法履行职责的"),
        extra.get("note", ""),
    ]


BASE_ROWS = [
    row(1, "行政给付", "最低生活保障金给付", "MZ-GF-001"),
    row(2, "行政给付", "临时救助金给付", "MZ-GF-002"),
    row(3, "行政确认", "特困人员认定", "MZ-QR-001", unit="社会事务站"),
]


def xlsx(rows, *, header=HEADER, title="吴忠市红寺堡区民政局权责清单", merge=None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, *, header=HEADER, encoding="utf-8-sig") -> bytes:
    lines = [",".join(str(v) for v in line) for line in [header, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
