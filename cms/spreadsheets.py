"""Reading a clerk's spreadsheet (XLSX, or CSV in UTF-8 or GBK) into rows of cells, within limits.

Generic: every import of the bureau's own tables (救助公示, 权责清单, …) reads its file
here and turns the cells into validated rows itself. A spreadsheet is read as a stream, one
row at a time, and never grows past its ``SheetLimits``: an .xlsx of 10 KB can declare
2,000 rows × 16,384 columns (its <dimension>), and read naively every row would be padded
to 16,384 cells (≈ 250 MB). So the declared size is refused before any row is read, only
``columns`` (+1, to notice more) cells of a row are taken, the number of lines is capped,
and a zip that would inflate past ``uncompressed_bytes`` is refused before openpyxl opens
it. Merged cells (which read as one value and blanks below it) are listed by
``merged_ranges`` so an import can name them instead of reporting empty cells.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import NamedTuple


class SheetLimits(NamedTuple):
    """How big a file one import accepts; each import declares its own."""

    bytes: int = 5 * 1024 * 1024  # the uploaded file
    uncompressed_bytes: int = 50 * 1024 * 1024  # an .xlsx (a zip) once inflated
    lines: int = 5200  # lines of the sheet: rows, header, titles, notes
    columns: int = 50


class ImportRefused(Exception):
    """The file is not taken; ``problems`` are Chinese, one per fault, rows named."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


class MergedRange(NamedTuple):
    """A merged block of the first sheet, 1-based and inclusive (A2:A5 → 2, 1, 5, 1)."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int


def cell_text(value) -> str:
    """A cell as text: empty for none, a whole float without its ``.0``, trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def missing_columns(
    columns: dict[str, int], required, aliases: dict[str, tuple], labels: dict[str, str]
) -> list[str]:
    """A Chinese problem for each required field the header has no column for."""
    return [
        f"缺少“{labels[field]}”列（列名可为：{'、'.join(aliases[field][:4])}）"
        for field in required
        if field not in columns
    ]


def _too_many_lines(limits: SheetLimits) -> ImportRefused:
    return ImportRefused([f"表格行数过多（超过{limits.lines}行），请拆分后导入。"])


def _too_many_columns(limits: SheetLimits, count: int | None = None) -> ImportRefused:
    found = f"（共{count}列）" if count else ""
    return ImportRefused(
        [
            f"表格列数过多{found}：最多{limits.columns}列，请删除多余的列（或另存为只含该表的新文件）后导入。"
        ]
    )


def is_xlsx(data: bytes, filename: str) -> bool:
    return (filename or "").lower().endswith(".xlsx") or zipfile.is_zipfile(io.BytesIO(data))


def read_cells(data: bytes, filename: str, limits: SheetLimits) -> Iterator[tuple[int, list]]:
    """(row number as the clerk sees it, cells) of the file's first sheet, streamed."""
    if not data:
        raise ImportRefused(["文件为空，请选择要导入的Excel或CSV文件。"])
    if len(data) > limits.bytes:
        raise ImportRefused([f"文件过大（超过{limits.bytes // 1024 // 1024}MB），请拆分后导入。"])
    if is_xlsx(data, filename):
        return _xlsx_cells(data, limits)
    if (filename or "").lower().endswith(".xls"):
        raise ImportRefused(["不支持旧版 .xls 文件，请在Excel中“另存为”.xlsx 或 CSV 后重新导入。"])
    return _csv_cells(data, limits)


def merged_ranges(data: bytes, filename: str, limits: SheetLimits) -> list[MergedRange]:
    """The merged blocks of an .xlsx's first sheet (a CSV has none), read from its XML
    as a stream after the same size checks as ``read_cells``."""
    if not data or len(data) > limits.bytes or not is_xlsx(data, filename):
        return []
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.xml.functions import iterparse

    _refuse_inflating_zip(data, limits)
    book = _open_book(data)
    found: list[MergedRange] = []
    try:
        with book.worksheets[0]._get_source() as source:
            for _, element in iterparse(source):
                if element.tag.endswith("}mergeCell") and element.get("ref"):
                    first_col, first_row, last_col, last_row = range_boundaries(element.get("ref"))
                    found.append(MergedRange(first_row, first_col, last_row, last_col))
                element.clear()
    except Exception as error:  # a damaged sheet: read_cells reports it in Chinese
        raise ImportRefused(["无法读取该Excel文件（文件损坏），请检查后重新导入。"]) from error
    finally:
        book.close()
    return found


def _refuse_inflating_zip(data: bytes, limits: SheetLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # openpyxl reports the damaged file in Chinese below
    if inflated > limits.uncompressed_bytes:
        raise ImportRefused(
            [
                f"文件解压后过大（超过{limits.uncompressed_bytes // 1024 // 1024}MB），"
                "可能含大量空白行列或其他工作表，请只保留要导入的表后重新导入。"
            ]
        )


def _open_book(data: bytes):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportRefused(
            ["无法读取该Excel文件（文件损坏或不是.xlsx格式），请检查后重新导入。"]
        ) from error


def _xlsx_cells(data: bytes, limits: SheetLimits) -> Iterator[tuple[int, list]]:
    _refuse_inflating_zip(data, limits)
    book = _open_book(data)
    sheet = book.worksheets[0]
    # The declared size (<dimension ref="A1:XFD2000">), refused before any row is read.
    declared_rows, declared_columns = sheet.max_row, sheet.max_column
    if declared_columns and declared_columns > limits.columns:
        book.close()
        raise _too_many_columns(limits, declared_columns)
    if declared_rows and declared_rows > limits.lines:
        book.close()
        raise _too_many_lines(limits)
    return _stream_xlsx(book, sheet, limits)


def _stream_xlsx(book, sheet, limits: SheetLimits) -> Iterator[tuple[int, list]]:
    try:
        rows = sheet.iter_rows(values_only=True, max_col=limits.columns + 1)
        for number, row in enumerate(rows, 1):
            if number > limits.lines:
                raise _too_many_lines(limits)
            cells = list(row)
            if len(cells) > limits.columns and cell_text(cells[limits.columns]):
                raise _too_many_columns(limits)
            yield number, cells[: limits.columns]
    finally:
        book.close()


def decode_text(data: bytes) -> str:
    """A CSV's text: UTF-16 with its BOM (Excel's "Unicode text"), UTF-8 (with or without
    BOM), else GB18030, which reads every GBK file Excel writes. Text that is none of these
    is refused rather than read as mojibake."""
    try:
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise ImportRefused(
                ["无法识别CSV文件的编码，请另存为“CSV UTF-8”或.xlsx 后重新导入。"]
            ) from error
    if "\x00" in text:
        raise ImportRefused(["无法读取该文件：请上传Excel（.xlsx）或CSV文件。"])
    return text


def _csv_cells(data: bytes, limits: SheetLimits) -> Iterator[tuple[int, list]]:
    text = decode_text(data)
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    return _stream_csv(csv.reader(io.StringIO(text), dialect), limits)


def _stream_csv(reader, limits: SheetLimits) -> Iterator[tuple[int, list]]:
    number = 0
    try:
        for number, row in enumerate(reader, 1):
            if number > limits.lines:
                raise _too_many_lines(limits)
            if len(row) > limits.columns and any(value.strip() for value in row[limits.columns :]):
                raise _too_many_columns(limits, len(row))
            yield number, row[: limits.columns]
    except csv.Error as error:  # e.g. a field longer than the csv module's limit
        raise ImportRefused(
            [f"第{number + 1}行无法读取（{error}），请检查该行的引号或内容长度后重新导入。"]
        ) from error
