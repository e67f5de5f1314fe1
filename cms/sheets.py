"""Reading a clerk's spreadsheet (XLSX, or CSV in UTF-8 or GBK) into rows of cells, within limits.

Shared by the relief-list import (``cms.relief_import``) and the 存量导入 manifest (the
``intake`` app).

A spreadsheet is read as a stream, one row at a time, and never grows past the limits
below: an .xlsx of 10 KB can declare 2,000 rows × 16,384 columns (its <dimension>), and
read naively every row would be padded to 16,384 cells (≈ 250 MB). So the declared size
is refused before any row is read, only MAX_COLUMNS (+1, to notice more) cells of a row
are taken, the number of lines is capped, and a zip that would inflate past
MAX_UNCOMPRESSED_BYTES is refused before openpyxl opens it. Each importer turns the
cells into validated rows. ``merged_ranges`` names an .xlsx's merged cells: openpyxl's
streaming reader leaves all but the first cell of a merge empty, which would silently
blank a row's value.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator

MAX_BYTES = 5 * 1024 * 1024  # the uploaded file
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # an .xlsx (a zip) once inflated
MAX_ROWS = 5000  # households in one month's list
MAX_LINES = MAX_ROWS + 200  # lines of the sheet: households, header, titles, notes, totals
MAX_COLUMNS = 50  # a list has a dozen columns; the rest of a 16,384-wide sheet is refused


class ImportRefused(Exception):
    """The file is not taken; ``problems`` are Chinese, one per fault, rows named."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def cell_text(value) -> str:
    """A cell as text: empty for none, a whole float without its ``.0``, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def merged_ranges(data: bytes) -> list[str]:
    """The merged ranges (``A3:A5``) of an .xlsx's first sheet; [] for a CSV or unreadable file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = sorted(
                name
                for name in archive.namelist()
                if name.startswith("xl/worksheets/sheet") and name.endswith(".xml")
            )
            if not sheets or archive.getinfo(sheets[0]).file_size > MAX_UNCOMPRESSED_BYTES:
                return []
            xml = archive.read(sheets[0])
    except (zipfile.BadZipFile, ValueError, KeyError):
        return []
    return [ref.decode() for ref in _MERGE_CELL.findall(xml)]


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
            if len(cells) > MAX_COLUMNS and cell_text(cells[MAX_COLUMNS]):
                raise _too_many_columns()
            yield number, cells[:MAX_COLUMNS]
    finally:
        book.close()


def _csv_cells(data: bytes) -> Iterator[tuple[int, list]]:
    # Excel's "Unicode text" is UTF-16 with a BOM; GB18030 reads every GBK file Excel writes.
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
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
