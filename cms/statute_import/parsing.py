"""Read a statute list into clean rows: our columns, the 国家法律法规数据库 export, LawRefBook.

Accepted columns (any of the spellings in ``COLUMNS``): 标题, 制定机关, 公布日期, 施行日期,
时效性 (有效/已修改/已废止/尚未生效), 废止日期, 被替代为, 别名/简称, 效力层级. The export of
flk.npc.gov.cn names them title, office, publish, expiry (its 施行日期), type and a status
code (1 有效, 3 尚未生效, 5 已修改, 9 已废止); LawRefBook-style JSON lines use title,
short_name, issuer, level, date, valid_from and 现行有效 / 已废止或失效 / 已被修订(旧版本).
Every problem is reported with its row and column; nothing is guessed silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from openpyxl.utils.cell import get_column_letter

from cms import spreadsheets
from cms.models import StatuteLevel, StatuteStatus
from cms.spreadsheets import cell_text as _cell_text

MAX_ROWS = 20_000
MAX_LENGTHS = {"name": 200, "issuer": 200, "short_name": 100, "replaced_by": 200}
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("标题", "名称", "法规名称", "法律法规名称", "title", "name"),
    "issuer": ("制定机关", "发布机关", "office", "issuer"),
    "promulgated_on": ("公布日期", "发布日期", "publish", "date", "promulgated_on"),
    "effective_on": ("施行日期", "实施日期", "生效日期", "expiry", "valid_from", "effective_on"),
    "status": ("时效性", "效力状态", "status"),
    "repealed_on": ("废止日期", "失效日期", "repealed_on"),
    "replaced_by": ("被替代为", "替代法规", "replaced_by"),
    "short_name": ("简称", "short_name"),
    "aliases": ("别名/简称", "别名", "aliases"),
    "level": ("效力层级", "法律性质", "level", "type"),
}
LABELS = {
    "name": "标题",
    "issuer": "制定机关",
    "promulgated_on": "公布日期",
    "effective_on": "施行日期",
    "status": "时效性",
    "repealed_on": "废止日期",
    "replaced_by": "被替代为",
    "short_name": "简称",
    "aliases": "别名/简称",
    "level": "效力层级",
}
_STATUS = {
    StatuteStatus.IN_FORCE: ("有效", "现行有效", "1"),
    StatuteStatus.AMENDED: (
        "已修改",
        "已被修改",
        "已被修订",
        "已被修订(旧版本)",
        "已被修订（旧版本）",
        "已修订",
        "5",
    ),
    StatuteStatus.REPEALED: ("已废止", "废止", "失效", "已失效", "已废止或失效", "9"),
    StatuteStatus.NOT_YET_IN_FORCE: ("尚未生效", "未生效", "3"),
}
STATUS_BY_TEXT = {text: status for status, texts in _STATUS.items() for text in texts}
_LEVELS = {level.value: level for level in StatuteLevel}
_LEVELS |= {
    "宪法": StatuteLevel.LAW,
    "宪法相关法": StatuteLevel.LAW,
    "有关法律问题的决定": StatuteLevel.LAW,
}
_LEVELS |= {
    "监察法规": StatuteLevel.ADMINISTRATIVE_REGULATION,
    "自治条例": StatuteLevel.LOCAL_REGULATION,
}
_LEVELS |= {
    "单行条例": StatuteLevel.LOCAL_REGULATION,
    "经济特区法规": StatuteLevel.LOCAL_REGULATION,
}
_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SPLIT = re.compile(r"[，,、;；\n|]+")


class StatuteFileError(ValueError):
    """The file as a whole cannot be read; the message is Chinese."""


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]  # only the columns the file has; dates as dt.date
    columns: frozenset[str]


@dataclass
class ParsedFile:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "第3行“公布日期”：…"


def parse_date(value: Any) -> dt.date | None:
    """2023-05-01, 2023.5.1, 2023/5/1, 2023年5月1日, 20230501, 2023-05-01 00:00:00, an Excel
    serial number or a spreadsheet date; None when empty. Raises ValueError otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, int) and 19_000_101 <= value <= 99_991_231:
            return parse_date(str(value))  # 20230501 written as a number
        if 1 <= value < 2_958_466:  # Excel's serial days, up to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError
    text = _cell_text(value)
    if not text:
        return None
    if text.isdigit() and len(text) != 8:
        return parse_date(int(text))
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not match:
        raise ValueError
    return dt.date(*(int(part) for part in match.groups()))


def _records_from_json(data: bytes) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatuteFileError("JSON 文件应为 UTF-8 编码。") from exc
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError:
        try:  # JSON lines (LawRefBook style)
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise StatuteFileError(f"JSON 格式错误（第{exc.lineno}行）：{exc.msg}。") from exc
    # The flk.npc.gov.cn API wraps its list as {"result": {"data": [...]}}.
    while isinstance(loaded, dict):
        inner = loaded.get("result", loaded.get("data", loaded.get("laws")))
        if inner is None:
            raise StatuteFileError("JSON 中找不到法规列表（应为数组，或 result.data / data）。")
        loaded = inner
    if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
        raise StatuteFileError("JSON 应为法规对象的数组。")
    return loaded


def _records_from_csv(data: bytes) -> tuple[list[dict[str, Any]], int]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatuteFileError("无法识别 CSV 文件的编码，请另存为 UTF-8 或 GBK 编码。")
    lines = text.splitlines()
    notes = 0  # "# 来源：…" lines above the header
    while notes < len(lines) and lines[notes].lstrip().startswith("#"):
        notes += 1
    return list(csv.DictReader(io.StringIO("\n".join(lines[notes:])))), notes + 2


XLSX_LIMITS = spreadsheets.SheetLimits(
    bytes=20 * 1024 * 1024, uncompressed_bytes=200 * 1024 * 1024, lines=MAX_ROWS + 1, columns=50
)


def _records_from_xlsx(data: bytes) -> list[dict[str, Any]]:
    """Through the shared streaming reader (``cms.spreadsheets``): its limits refuse a sheet
    that declares 16,384 columns or inflates to gigabytes before any row is read."""
    try:
        merged = spreadsheets.merged_ranges(data, "法规库.xlsx", XLSX_LIMITS)
        if merged:
            first = min(merged)
            raise StatuteFileError(
                f"工作表含合并单元格（如 {get_column_letter(first.first_column)}{first.first_row}:"
                f"{get_column_letter(first.last_column)}{first.last_row}），请取消合并后再导入。"
            )
        rows = [cells for _, cells in spreadsheets.read_cells(data, "法规库.xlsx", XLSX_LIMITS)]
    except spreadsheets.ImportRefused as refusal:
        raise StatuteFileError("；".join(refusal.problems)) from refusal
    if not rows:
        return []
    header = [_cell_text(cell) for cell in rows[0]]
    return [
        {header[i]: cell for i, cell in enumerate(row) if i < len(header) and header[i]}
        for row in rows[1:]
        if any(cell not in (None, "") for cell in row)
    ]


def read_records(file_name: str, data: bytes) -> tuple[list[dict[str, Any]], int]:
    """The file's records and the row number of the first one (as a spreadsheet counts)."""
    suffix = PurePath(file_name).suffix.lower()
    readers = {
        ".xlsx": _records_from_xlsx,
        ".json": _records_from_json,
        ".jsonl": _records_from_json,
    }
    if suffix not in (*readers, ".csv"):
        raise StatuteFileError("只支持 CSV、XLSX、JSON 或 JSONL 格式的法规清单。")
    if suffix == ".csv":
        records, first_row = _records_from_csv(data)
    else:
        records, first_row = readers[suffix](data), 2 if suffix == ".xlsx" else 1
    if len(records) > MAX_ROWS:
        raise StatuteFileError(f"一次最多导入 {MAX_ROWS} 行，请拆分文件。")
    return records, first_row


def _column_map(keys) -> dict[str, str]:
    """Our field → the file's column, for the columns the file has."""
    present = {str(key).strip().lower(): key for key in keys if key is not None}
    found: dict[str, str] = {}
    for target, spellings in COLUMNS.items():
        for spelling in spellings:
            if spelling.lower() in present:
                found[target] = present[spelling.lower()]
                break
    return found


def _clean(target: str, raw: Any) -> Any:
    if target in ("promulgated_on", "effective_on", "repealed_on"):
        return parse_date(raw)
    text = _cell_text(raw)
    if target == "status":
        if not text:
            return StatuteStatus.IN_FORCE
        if text not in STATUS_BY_TEXT:
            raise ValueError
        return STATUS_BY_TEXT[text]
    if target == "level":
        return _LEVELS.get(text, StatuteLevel.OTHER) if text else ""
    if target == "aliases":
        items = raw if isinstance(raw, list) else _SPLIT.split(text)
        return [item.strip().strip("《》") for item in items if str(item).strip()]
    return text.strip("《》") if target in ("name", "replaced_by", "short_name") else text


_PROBLEMS = {
    "status": "无法识别“{value}”，应为 有效、已修改、已废止 或 尚未生效",
    "promulgated_on": "无法识别日期“{value}”，请写成 2023-05-01、2023.5.1 或 2023年5月1日",
}


def parse_records(records: list[dict[str, Any]], first_row: int = 2) -> ParsedFile:
    """Clean ``records``; ``first_row`` is the row number of the first record (2 below a header)."""
    parsed = ParsedFile()
    if not records:
        parsed.errors.append("文件中没有法规数据。")
        return parsed
    columns = _column_map(records[0].keys())
    if "name" not in columns:
        parsed.errors.append("缺少“标题”列（也可写作 名称、title）。")
        return parsed
    for offset, record in enumerate(records):
        row = first_row + offset
        values: dict[str, Any] = {}
        for target, column in columns.items():
            raw = record.get(column)
            try:
                values[target] = _clean(target, raw)
            except ValueError:
                problem = _PROBLEMS.get(target, _PROBLEMS["promulgated_on"])
                parsed.errors.append(
                    f"第{row}行“{LABELS[target]}”：{problem.format(value=_cell_text(raw))}。"
                )
        if not values.get("name"):
            parsed.errors.append(f"第{row}行“标题”：不能为空。")
            continue
        too_long = [t for t, limit in MAX_LENGTHS.items() if len(str(values.get(t) or "")) > limit]
        for target in too_long:
            parsed.errors.append(f"第{row}行“{LABELS[target]}”：超过{MAX_LENGTHS[target]}个字。")
        if too_long:
            continue
        parsed.rows.append(ParsedRow(row, values, frozenset(columns)))
    return parsed
