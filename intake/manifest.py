"""The 存量导入 manifest: one row per document, columns found by their Chinese headers.

Cells are read by ``cms.sheets`` (XLSX or CSV in UTF-8/GBK, within its limits). Dates
come as 2023-05-01, 2023.5.1, 2023/5/1, 2023年5月1日, Excel dates or Excel serial numbers
(45047). Merged cells are refused by range (the streaming reader would leave all but the
first cell empty); a header row that cannot be found usually means the wrong encoding.
Every fault is a Chinese sentence naming the row and the column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from itertools import islice
from typing import NamedTuple

from cms.models import Department, Topic, ValidityStatus
from cms.sheets import ImportRefused, cell_text, merged_ranges, read_cells

HEADER_SCAN_ROWS = 10
COLUMNS = {
    "title": ("标题", "文件标题", "文件名称"),
    "issuer": ("发文机关", "制定机关"),
    "doc_number": ("发文字号", "文号"),
    "registration_number": ("登记编号",),
    "written_on": ("成文日期",),
    "published_on": ("发布日期", "公布日期"),
    "effective_on": ("施行日期",),
    "valid_until": ("有效期至",),
    "validity_status": ("有效性", "时效性"),
    "status_changed_on": ("废止日期", "失效日期", "废止(失效、修改)日期"),
    "topic": ("主题分类",),
    "department": ("起草科室", "科室"),
    "paper_reference": ("纸质依据", "原审核意见书编号", "印发文号"),
    "files": ("附件",),
}
LABELS = {field: names[0] for field, names in COLUMNS.items()}
REQUIRED = ("title", "department", "paper_reference", "published_on")
DATE_FIELDS = ("written_on", "published_on", "effective_on", "valid_until", "status_changed_on")
_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_SERIAL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
_FILE_SEPARATORS = re.compile(r"[；;\n]")
_GARBLE = re.compile(r"[\ufffd\x80-\x9f]")


class ManifestRow(NamedTuple):
    line: int
    values: dict  # field → cleaned value (dates as date, department as Department)
    files: list[str]
    problems: list[str]


class Manifest(NamedTuple):
    rows: list[ManifestRow]
    sha256: str


def _normalise(header: str) -> str:
    text = re.sub(r"\s+", "", header).replace("（", "(").replace("）", ")")
    return text


def _field_of(header: str) -> str | None:
    text = _normalise(header)
    for field, names in COLUMNS.items():
        if any(text == name or text.startswith(name) for name in map(_normalise, names)):
            return field
    return None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def parse_date(raw) -> date | None:
    """A date from a cell, or None when it cannot be read (the caller names the cell)."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = cell_text(raw)
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # an Excel serial that lost its date format
        return _SERIAL_EPOCH + timedelta(days=int(float(text)))
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


def _header(head: list[tuple[int, list]]) -> tuple[int, dict[str, int]]:
    for position, (_, cells) in enumerate(head):
        columns: dict[str, int] = {}
        for index, value in enumerate(cells):
            field = _field_of(cell_text(value))
            if field and field not in columns:
                columns[field] = index
        if "title" in columns:
            missing = [LABELS[field] for field in REQUIRED if field not in columns]
            if missing:
                raise ImportRefused([f"第{head[position][0]}行表头缺少列：{'、'.join(missing)}。"])
            return position, columns
    first = " ".join(cell_text(value) for value in head[0][1])[:40] if head else ""
    raise ImportRefused(
        [
            f"第1行至第{HEADER_SCAN_ROWS}行中未找到表头（须有“标题”列；读到的第一行为“{first}”）。"
            "如表头显示为乱码，文件编码不是UTF-8或GBK，请在Excel中另存为“CSV UTF-8”或.xlsx 后重新导入。"
        ]
    )


def _refuse_merges(data: bytes, filename: str, header_line: int, columns: dict[str, int]) -> None:
    names = {index: LABELS[field] for field, index in columns.items()}
    problems = []
    for ref in merged_ranges(data, filename):
        start, end = ref.split(":")
        first = int(re.sub(r"[A-Z]", "", start))
        last = int(re.sub(r"[A-Z]", "", end))
        if last <= header_line:
            continue  # a title above the table may be merged
        column = _column_index(re.sub(r"[0-9]", "", start))
        label = names.get(column, column_letter(column))
        problems.append(
            f"第{first}行至第{last}行“{label}”列（{ref}）是合并单元格：请取消合并，"
            "在每一行填写完整后重新导入。"
        )
    if problems:
        raise ImportRefused(problems)


def _departments() -> dict[str, Department]:
    found: dict[str, Department] = {}
    for department in Department.objects.all():
        for key in (department.code, department.short_name, department.name):
            if key:
                found[key] = department
    return found


def _value(field: str, raw, line: int, departments: dict) -> tuple[object, str]:
    label = f"第{line}行“{LABELS[field]}”列"
    text = cell_text(raw) if not isinstance(raw, date) else ""
    if _GARBLE.search(text):
        return None, f"{label}含无法识别的字符，文件编码可能不对（请另存为UTF-8或GBK）"
    if field in DATE_FIELDS:
        if raw is None or (not isinstance(raw, date) and not text):
            return None, ""
        day = parse_date(raw)
        if day is None or not 1949 <= day.year <= 2100:
            return (
                None,
                f"{label}：“{text or raw}”不是日期（可写作2023-05-01、2023.5.1或2023年5月1日）",
            )
        return day, ""
    if field == "department":
        department = departments.get(text)
        if text and department is None:
            return (
                None,
                f"{label}：科室“{text}”不存在，请先在“设置 → 科室”中添加，或改为已有科室的名称",
            )
        return department, ""
    if field == "validity_status":
        text = text or ValidityStatus.IN_FORCE
        if text not in ValidityStatus.values:
            return None, f"{label}：“{text}”应为{'、'.join(ValidityStatus.values)}之一"
        return text, ""
    if field == "topic" and text and text not in Topic.values:
        return None, f"{label}：“{text}”应为{'、'.join(Topic.values)}之一"
    return text, ""


def _row(line: int, cells: list, columns: dict[str, int], departments: dict) -> ManifestRow:
    values: dict = {}
    problems: list[str] = []
    for field, index in columns.items():
        raw = cells[index] if index < len(cells) else None
        values[field], problem = _value(field, raw, line, departments)
        if problem:
            problems.append(problem)
    for field in REQUIRED:
        if (
            field in values
            and values[field] in ("", None)
            and not any(f"“{LABELS[field]}”列" in problem for problem in problems)
        ):
            problems.append(f"第{line}行“{LABELS[field]}”列为空")
    files = [name.strip() for name in _FILE_SEPARATORS.split(values.pop("files", "") or "")]
    return ManifestRow(line, values, [name for name in files if name], problems)


def parse_manifest(data: bytes, filename: str) -> list[ManifestRow]:
    """Every data row (blank rows skipped), each with its own problems; ImportRefused for
    faults of the whole file (unreadable, no header, merged cells)."""
    lines = read_cells(data, filename)
    head = list(islice(lines, HEADER_SCAN_ROWS))
    position, columns = _header(head)
    _refuse_merges(data, filename, head[position][0], columns)
    departments = _departments()
    rows = []
    for line, cells in [*head[position + 1 :], *lines]:
        if not any(cell_text(value) for value in cells):
            continue
        rows.append(_row(line, cells, columns, departments))
    if not rows:
        raise ImportRefused(["表头下没有文件，请检查清单内容。"])
    return rows
