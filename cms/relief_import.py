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

import re
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import transaction

from cms.models import Department, ReliefDisclosurePage, ReliefIndexPage, ReliefRow
from cms.privacy import find_personal_numbers, mask_number
from cms.services import relief_folder_ensure
from cms.sheets import (
    MAX_ROWS,
    ImportRefused,
    read_cells,
)
from cms.sheets import cell_text as _text
from cms.spreadsheets import missing_columns

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


# --- cells into validated rows ----------------------------------------------------------


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
    problems += missing_columns(columns, REQUIRED, COLUMNS, LABELS)
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
