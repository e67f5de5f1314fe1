"""权责清单导入, reading: the office's spreadsheet (XLSX, or CSV in UTF-8 or GBK) into
validated rows, every fault named by row and column.

Columns are found by their header names (类别/权力类别, 事项名称, 子项, 编码, 依据/设定依据,
实施主体, 承办机构/承办科室, 责任事项, 追责情形, 备注); a title above the header and unknown
columns (序号…) are ignored. The file is read through the shared reader
(``cms.spreadsheets``); ``cms.power_import`` compares the rows with the list and writes.
"""

from __future__ import annotations

import re
from itertools import chain, islice
from typing import NamedTuple

from cms.models import PowerCategory
from cms.privacy import find_personal_numbers, mask_number
from cms.spreadsheets import (
    ImportRefused,
    MergedRange,
    SheetLimits,
    merged_ranges,
    missing_columns,
    read_cells,
)
from cms.spreadsheets import cell_text as _text

MAX_ITEMS = 3000  # a county bureau's list has about a hundred; a province's a few thousand
LIMITS = SheetLimits(bytes=5 * 1024 * 1024, lines=MAX_ITEMS + 100, columns=40)
HEADER_SCAN_ROWS = 10

COLUMNS = {
    "category": ("类别", "权力类别", "事项类别", "权力类型", "职权类别", "事项类型"),
    "name": ("事项名称", "权力事项名称", "权力名称", "职权名称", "主项名称", "项目名称"),
    "subitem": ("子项", "子项名称", "子项事项名称"),
    "code": ("编码", "事项编码", "权力编码", "职权编码", "事项编号", "编号"),
    "legal_basis": ("依据", "设定依据", "法律依据", "实施依据", "法定依据"),
    "implementing_body": ("实施主体", "行使主体"),
    "department": ("承办机构", "承办科室", "承办单位", "责任科室", "内设机构"),
    "responsibilities": ("责任事项", "责任事项内容"),
    "accountability": ("追责情形", "追责情形及依据", "问责情形"),
    "note": ("备注", "说明"),
}
LABELS = {field: names[0] for field, names in COLUMNS.items()}
REQUIRED = ("category", "name", "code")
LENGTHS = {"code": 40, "name": 200, "subitem": 200, "implementing_body": 100, "department": 60}
# 其他行政权力 and the like are the catalogue's 其他.
CATEGORY_ALIASES = {"其他行政权力": "其他", "其他权力": "其他", "其它": "其他", "其他类": "其他"}


class PowerRow(NamedTuple):
    line: int
    category: str
    code: str
    name: str
    subitem: str
    legal_basis: str
    implementing_body: str
    department: str  # as written; cms.power_import finds the Department
    responsibilities: str
    accountability: str
    note: str


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", "", str(text or "")).replace("（", "(").replace("）", ")")


_ALIASES = {normalise_header(alias): field for field, names in COLUMNS.items() for alias in names}


def _column_letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)


def _is_header(fields: set) -> bool:
    return "name" in fields and ("code" in fields or "category" in fields)


def _header(cells: list[tuple[int, list]]) -> tuple[int, dict[str, int]]:
    """The header row's index in ``cells`` and field → column."""
    index = next(
        (
            position
            for position, (_, row) in enumerate(cells[:HEADER_SCAN_ROWS])
            if _is_header({_ALIASES.get(normalise_header(_text(value))) for value in row})
        ),
        None,
    )
    if index is None:
        raise ImportRefused(
            [
                f"未找到表头：前{HEADER_SCAN_ROWS}行中没有同时含“事项名称”和“编码”或“类别”的一行（CSV文件请确认编码为UTF-8或GBK）。"
            ]
        )
    columns: dict[str, int] = {}
    for position, value in enumerate(cells[index][1]):
        field = _ALIASES.get(normalise_header(_text(value)))
        if field and field not in columns:
            columns[field] = position
    problems = missing_columns(columns, REQUIRED, COLUMNS, LABELS)
    if problems:
        raise ImportRefused(problems)
    return index, columns


def _merge_problems(merged: list[MergedRange], header_line: int, columns: dict) -> list[str]:
    """Merged blocks in the header or the rows below it (a merged title above is fine)."""
    names = {position: LABELS[field] for field, position in columns.items()}
    problems = []
    for block in sorted(merged):
        if block.last_row < header_line:
            continue
        rows = (
            f"第{block.first_row}行"
            if block.first_row == block.last_row
            else f"第{block.first_row}至{block.last_row}行"
        )
        first, last = block.first_column - 1, block.last_column - 1
        letters = _column_letter(first) + ("" if first == last else f"至{_column_letter(last)}")
        label = f"（{names[first]}）" if first in names and first == last else ""
        problems.append(
            f"{rows}{letters}列{label}是合并单元格：请取消合并，并在每一行填写完整后重新导入"
        )
    return problems


def _category(raw: str) -> str | None:
    value = CATEGORY_ALIASES.get(raw, raw)
    if value in PowerCategory.values:
        return value
    if not value.startswith("行政") and f"行政{value}" in PowerCategory.values:
        return f"行政{value}"  # 许可 → 行政许可
    return None


def _merged_fields(line: int, merged: list[MergedRange], columns: dict) -> set[str]:
    """Fields of this line left blank by a merge above or beside them (already named)."""
    return {
        field
        for field, position in columns.items()
        for block in merged
        if block.first_row <= line <= block.last_row
        and block.first_column <= position + 1 <= block.last_column
        and (line, position + 1) != (block.first_row, block.first_column)
    }


def _row(line: int, texts: dict[str, str], merged: set[str]) -> tuple[PowerRow | None, list[str]]:
    problems = []
    for field in REQUIRED:
        if not texts[field] and field not in merged:
            problems.append(f"第{line}行：{LABELS[field]}为空")
    category = _category(texts["category"])
    if texts["category"] and category is None:
        problems.append(
            f"第{line}行：类别“{texts['category']}”不是权力类别"
            f"（可为：{'、'.join(PowerCategory.values)}）"
        )
    for field, limit in LENGTHS.items():
        if len(texts[field]) > limit:
            problems.append(f"第{line}行：{LABELS[field]}超过{limit}个字")
    for field, value in texts.items():
        for number in find_personal_numbers(value):
            problems.append(
                f"第{line}行：{LABELS[field]}含{number.kind}（{mask_number(number.text)}），"
                "权责清单将公开，请在原表中删除后重新导入"
            )
    if problems:
        return None, problems
    return PowerRow(line, **{**texts, "category": category}), []


def _duplicates(rows: list[PowerRow]) -> list[str]:
    problems = []
    codes: dict[str, int] = {}
    names: dict[tuple, int] = {}
    for row in rows:
        if row.code in codes:
            problems.append(f"第{row.line}行：编码“{row.code}”与第{codes[row.code]}行重复")
        codes.setdefault(row.code, row.line)
        key = (row.category, row.name, row.subitem)
        if key in names:
            problems.append(f"第{row.line}行：事项“{row.name}”与第{names[key]}行重复")
        names.setdefault(key, row.line)
    return problems


def parse(data: bytes, filename: str) -> list[PowerRow]:
    """Every item of the file, or ImportRefused listing every fault found."""
    lines = read_cells(data, filename, LIMITS)
    head = list(islice(lines, HEADER_SCAN_ROWS))
    header_index, columns = _header(head)
    merged = merged_ranges(data, filename, LIMITS)
    problems = _merge_problems(merged, head[header_index][0], columns)
    rows: list[PowerRow] = []
    for line, cells in chain(head[header_index + 1 :], lines):
        values = [_text(value) for value in cells]
        if not any(values):
            continue
        texts = {
            field: (values[columns[field]] if columns.get(field, len(values)) < len(values) else "")
            for field in COLUMNS
        }
        covered = _merged_fields(line, merged, columns) if merged else set()
        parsed, faults = _row(line, texts, covered)
        problems += faults
        if parsed:
            rows.append(parsed)
        if len(rows) + len(problems) > MAX_ITEMS:
            raise ImportRefused([f"事项过多（超过{MAX_ITEMS}项），请拆分后导入。"])
    problems += _duplicates(rows)
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused(["表头下没有权力事项，请检查文件内容。"])
    return rows
