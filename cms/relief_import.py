"""从Excel导入: the clerk's monthly spreadsheet (XLSX, or CSV in UTF-8 or GBK) into a
relief disclosure page, all or nothing.

Columns are found by their header names (姓名/户主姓名, 乡镇（街道）, 人数/保障人数/家庭人口,
金额/发放金额/保障金额, 备注…); a column that must never be public (身份证号, 银行卡号,
联系电话…) refuses the whole file by name. A cell holding an unmasked ID, mobile or bank
number refuses the file with its row rather than being masked: the clerk's spreadsheet is
the source the next month starts from, so it is fixed there (and a masked ID in a 备注 is
still personal data unrelated to the assistance, which the 办法 does not allow to publish).
Nothing is written unless every row is valid; a page's rows are replaced only then, as a
new draft revision that the clerk checks and publishes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import transaction

from cms.models import Department, ReliefDisclosurePage, ReliefIndexPage, ReliefRow
from cms.privacy import find_personal_numbers, mask_number
from cms.services import relief_folder_ensure

MAX_BYTES = 5 * 1024 * 1024  # the uploaded file
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # an .xlsx (a zip) once inflated
MAX_ROWS = 5000  # households in one month's list
MAX_LINES = MAX_ROWS + 200  # lines of the sheet: households, header, titles, notes, totals
MAX_COLUMNS = 50  # a list has a dozen columns; the rest of a 16,384-wide sheet is refused
HEADER_SCAN_ROWS = 10

COLUMNS = {
    "name": ("姓名", "户主姓名", "申请人", "申请人姓名", "户主", "救助对象", "姓名(申请人)"),
    "town": ("乡镇", "乡镇(街道)", "乡镇街道", "街道", "乡(镇)", "乡镇(街道办)"),
    "village": ("村", "村(社区)", "村社区", "社区", "村(居)", "村居", "行政村"),
    "people": ("人数", "保障人数", "家庭人口", "家庭人数", "享受人数", "救助人数", "供养人数"),
    "amount": ("金额", "发放金额", "保障金额", "救助金额", "补助金额", "补贴金额", "月发放金额"),
    "note": ("备注", "说明"),
}
LABELS = {
    "name": "姓名",
    "town": "乡镇（街道）",
    "village": "村（社区）",
    "people": "人数",
    "amount": "金额",
    "note": "备注",
}
REQUIRED = ("name", "people", "amount")
# A header containing any of these names a column that must never be published.
FORBIDDEN = ("身份证", "证件号", "银行卡", "卡号", "账号", "帐号", "电话", "手机", "联系方式")
TOTAL_ROW = re.compile(r"^(合计|总计|小计|共计)")
_UNIT = re.compile(r"[(（][^()（）]*[元人户][)）]$")
_AMOUNT_NOISE = re.compile(r"[,，\s¥￥元]")


class ImportRefused(Exception):
    """The file is not taken; ``problems`` are Chinese, one per fault, rows named."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


class ParsedRow(NamedTuple):
    line: int
    name: str
    town: str
    village: str
    people: int
    amount: Decimal
    note: str


class Parsed(NamedTuple):
    rows: list[ParsedRow]
    ignored: list[str]  # headers of columns not imported (序号…)


def normalise_header(text: str) -> str:
    text = re.sub(r"\s+", "", str(text or "")).replace("（", "(").replace("）", ")")
    return _UNIT.sub("", text)


_ALIASES = {normalise_header(alias): field for field, names in COLUMNS.items() for alias in names}


# --- reading the file into rows of cells ------------------------------------------------
#
# A spreadsheet is read as a stream, one row at a time, and never grows past the limits
# below: an .xlsx of 10 KB can declare 2,000 rows × 16,384 columns (its <dimension>), and
# read naively every row would be padded to 16,384 cells (≈ 250 MB). So the declared size
# is refused before any row is read, only MAX_COLUMNS (+1, to notice more) cells of a row
# are taken, the number of lines is capped, and a zip that would inflate past
# MAX_UNCOMPRESSED_BYTES is refused before openpyxl opens it.


def _too_many_lines() -> ImportRefused:
    return ImportRefused([f"表格行数过多（超过{MAX_LINES}行），请拆分后导入。"])


def _too_many_columns(count: int | None = None) -> ImportRefused:
    found = f"（共{count}列）" if count else ""
    return ImportRefused(
        [
            f"表格列数过多{found}：最多{MAX_COLUMNS}列，请删除多余的列（或另存为只含发放表的新文件）后导入。"
        ]
    )


def read_cells(data: bytes, filename: str) -> Iterator[tuple[int, list]]:
    """(row number as the clerk sees it, cells) of the file's first sheet, streamed."""
    if not data:
        raise ImportRefused(["文件为空，请选择要导入的Excel或CSV文件。"])
    if len(data) > MAX_BYTES:
        raise ImportRefused([f"文件过大（超过{MAX_BYTES // 1024 // 1024}MB），请拆分后导入。"])
    name = (filename or "").lower()
    if name.endswith(".xlsx") or zipfile.is_zipfile(io.BytesIO(data)):
        return _xlsx_cells(data)
    if name.endswith(".xls"):
        raise ImportRefused(["不支持旧版 .xls 文件，请在Excel中“另存为”.xlsx 或 CSV 后重新导入。"])
    return _csv_cells(data)


def _refuse_inflating_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # openpyxl reports the damaged file in Chinese below
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            [
                f"文件解压后过大（超过{MAX_UNCOMPRESSED_BYTES // 1024 // 1024}MB），"
                "可能含大量空白行列或其他工作表，请只保留发放表后重新导入。"
            ]
        )


def _xlsx_cells(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    _refuse_inflating_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportRefused(
            ["无法读取该Excel文件（文件损坏或不是.xlsx格式），请检查后重新导入。"]
        ) from error
    # The declared size (<dimension ref="A1:XFD2000">), refused before any row is read.
    declared_rows, declared_columns = sheet.max_row, sheet.max_column
    if declared_columns and declared_columns > MAX_COLUMNS:
        book.close()
        raise _too_many_columns(declared_columns)
    if declared_rows and declared_rows > MAX_LINES:
        book.close()
        raise _too_many_lines()
    return _stream_xlsx(book, sheet)


def _stream_xlsx(book, sheet) -> Iterator[tuple[int, list]]:
    try:
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        for number, row in enumerate(rows, 1):
            if number > MAX_LINES:
                raise _too_many_lines()
            cells = list(row)
            if len(cells) > MAX_COLUMNS and _text(cells[MAX_COLUMNS]):
                raise _too_many_columns()
            yield number, cells[:MAX_COLUMNS]
    finally:
        book.close()


def _csv_cells(data: bytes) -> Iterator[tuple[int, list]]:
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 reads every GBK file Excel writes
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string it is given
        raise ImportRefused(["无法识别CSV文件的编码，请另存为“CSV UTF-8”或.xlsx 后重新导入。"])
    if "\x00" in text:
        raise ImportRefused(["无法读取该文件：请上传Excel（.xlsx）或CSV文件。"])
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    return _stream_csv(csv.reader(io.StringIO(text), dialect))


def _stream_csv(reader) -> Iterator[tuple[int, list]]:
    number = 0
    try:
        for number, row in enumerate(reader, 1):
            if number > MAX_LINES:
                raise _too_many_lines()
            if len(row) > MAX_COLUMNS and any(value.strip() for value in row[MAX_COLUMNS:]):
                raise _too_many_columns(len(row))
            yield number, row[:MAX_COLUMNS]
    except csv.Error as error:  # e.g. a field longer than the csv module's limit
        raise ImportRefused(
            [f"第{number + 1}行无法读取（{error}），请检查该行的引号或内容长度后重新导入。"]
        ) from error


# --- cells into validated rows ----------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(cells: list[tuple[int, list]]) -> tuple[int, dict[str, int], list[str]]:
    """The header row's index in ``cells`` (the sheet's first HEADER_SCAN_ROWS lines),
    field → column, and the headers not imported."""
    index = next(
        (
            position
            for position, (_, row) in enumerate(cells[:HEADER_SCAN_ROWS])
            if any(_ALIASES.get(normalise_header(_text(value))) == "name" for value in row)
        ),
        None,
    )
    if index is None:
        names = "、".join(COLUMNS["name"][:4])
        raise ImportRefused(
            [f"未找到表头：前{HEADER_SCAN_ROWS}行中没有姓名列（列名可为：{names}）。"]
        )
    headers = [_text(value) for value in cells[index][1]]
    problems = [f"该列不应公示：{h}" for h in headers if any(word in h for word in FORBIDDEN)]
    columns: dict[str, int] = {}
    ignored = []
    for position, header in enumerate(headers):
        field = _ALIASES.get(normalise_header(header))
        if field and field not in columns:
            columns[field] = position
        elif header and not any(word in header for word in FORBIDDEN):
            ignored.append(header)
    for field in REQUIRED:
        if field not in columns:
            names = "、".join(COLUMNS[field][:4])
            problems.append(f"缺少“{LABELS[field]}”列（列名可为：{names}）")
    if problems:
        raise ImportRefused(problems)
    return index, columns, ignored


def _people(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float | Decimal):
        return int(raw) if float(raw).is_integer() else None
    text = _text(raw).removesuffix("人").strip()
    return int(text) if text.isdigit() else None


def _amount(raw) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float):
        raw = round(raw, 6)  # 123.30000000000001 from a formula is 123.3
    try:
        value = Decimal(_AMOUNT_NOISE.sub("", _text(raw)))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _row(line: int, get) -> tuple[ParsedRow | None, list[str]]:
    problems = []
    texts = {field: _text(get(field)) for field in ("name", "town", "village", "note")}
    if not texts["name"]:
        problems.append(f"第{line}行：姓名为空")
    for field, limit in (("name", 30), ("town", 30), ("village", 30), ("note", 100)):
        if len(texts[field]) > limit:
            problems.append(f"第{line}行：{LABELS[field]}超过{limit}个字")
        for number in find_personal_numbers(texts[field]):
            problems.append(
                f"第{line}行：{LABELS[field]}含{number.kind}（{mask_number(number.text)}），"
                "不应公示，请在原表中删除后重新导入"
            )
    people = _people(get("people"))
    if people is None:
        problems.append(f"第{line}行：人数“{_text(get('people'))}”不是整数")
    elif people < 1:
        problems.append(f"第{line}行：人数至少为1人（现为{people}）")
    amount = _amount(get("amount"))
    if amount is None:
        problems.append(f"第{line}行：金额“{_text(get('amount'))}”不是数字")
    elif amount < 0:
        problems.append(f"第{line}行：金额不能为负数（{amount}）")
    elif amount.as_tuple().exponent < -2 or abs(amount) >= Decimal("1e10"):
        problems.append(f"第{line}行：金额“{_text(get('amount'))}”最多两位小数、十位整数")
    if problems:
        return None, problems
    return ParsedRow(line, people=people, amount=amount.quantize(Decimal("0.01")), **texts), []


def parse(data: bytes, filename: str) -> Parsed:
    """Every household of the file, or ImportRefused listing every fault found."""
    lines = read_cells(data, filename)
    head = list(islice(lines, HEADER_SCAN_ROWS))
    header_index, columns, ignored = _header(head)
    rows: list[ParsedRow] = []
    problems: list[str] = []
    for line, row in chain(head[header_index + 1 :], lines):
        values = [_text(value) for value in row]
        if not any(values):
            continue
        first = next(value for value in values if value)
        if TOTAL_ROW.match(first):
            continue  # the sheet's own 合计 line: totals are computed from the rows

        def get(field, row=row):
            position = columns.get(field)
            return row[position] if position is not None and position < len(row) else None

        parsed, faults = _row(line, get)
        problems += faults
        if parsed:
            rows.append(parsed)
        if len(rows) + len(problems) > MAX_ROWS:
            raise ImportRefused([f"行数过多（超过{MAX_ROWS}行），请拆分后导入。"])
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused(["表头下没有发放对象，请检查文件内容。"])
    return Parsed(rows, ignored)


# --- writing ----------------------------------------------------------------------------


def importable_departments(user):
    """Departments ``user`` may publish relief lists for: their own, or every department
    for whoever may add pages in the whole section (the office, administrators)."""
    section = ReliefIndexPage.objects.first()
    if section is not None and section.permissions_for_user(user).can_add_subpage():
        return Department.objects.all()
    return Department.objects.for_user(user)


class Imported(NamedTuple):
    page: ReliefDisclosurePage
    created: bool
    households: int
    ignored: list[str]


def _row_objects(rows: list[ParsedRow]) -> list[ReliefRow]:
    return [
        ReliefRow(
            sort_order=order,
            name=row.name,
            town=row.town,
            village=row.village,
            people=row.people,
            amount=row.amount,
            note=row.note,
        )
        for order, row in enumerate(rows)
    ]


@transaction.atomic
def relief_import(
    *,
    user,
    department: Department,
    year: int,
    month: int,
    relief_type: str,
    data: bytes,
    filename: str,
) -> Imported:
    """Parse the file, then create the month's page or replace its rows (a draft revision)."""
    parsed = parse(data, filename)
    page = (
        ReliefDisclosurePage.objects.of_month(year, month, relief_type, department.pk)
        .select_for_update()
        .first()
    )
    if page is None:
        if not importable_departments(user).filter(pk=department.pk).exists():
            raise PermissionDenied(f"您不能为“{department}”发布社会救助公示。")
        folder = relief_folder_ensure(department)
        page = ReliefDisclosurePage.add_to(
            folder, year, month, relief_type, _row_objects(parsed.rows)
        )
        page.save_revision(user=user, log_action=True)
        return Imported(page, True, len(parsed.rows), parsed.ignored)
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied(f"您无权修改《{page.title}》。")
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        raise ImportRefused([f"《{page.title}》已被锁定，解锁后再导入。"])
    draft = page.get_latest_revision_as_object()
    draft.rows = _row_objects(parsed.rows)
    if not page.live:
        draft.save()
    draft.save_revision(user=user, log_action=True)
    return Imported(draft, False, len(parsed.rows), parsed.ignored)
