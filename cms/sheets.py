"""The relief import's and the 存量导入 manifest's limits on the shared spreadsheet reader
(``cms.spreadsheets``).

A month's relief list has at most MAX_ROWS households, a manifest as many documents;
``cms.relief_import`` and ``intake.manifest`` turn the cells into validated rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from openpyxl.utils.cell import get_column_letter

from cms import spreadsheets
from cms.spreadsheets import ImportRefused, cell_text

MAX_BYTES = 5 * 1024 * 1024  # the uploaded file
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # an .xlsx (a zip) once inflated
MAX_ROWS = 5000  # households in one month's list
MAX_LINES = MAX_ROWS + 200  # lines of the sheet: households, header, titles, notes, totals
MAX_COLUMNS = 50  # a list has a dozen columns; the rest of a 16,384-wide sheet is refused

LIMITS = spreadsheets.SheetLimits(
    bytes=MAX_BYTES,
    uncompressed_bytes=MAX_UNCOMPRESSED_BYTES,
    lines=MAX_LINES,
    columns=MAX_COLUMNS,
)


def read_cells(data: bytes, filename: str) -> Iterator[tuple[int, list]]:
    """(row number as the clerk sees it, cells) of the file's first sheet, streamed."""
    return spreadsheets.read_cells(data, filename, LIMITS)


def merged_ranges(data: bytes, filename: str) -> list[str]:
    """The merged blocks of an .xlsx's first sheet as Excel writes them ("B3:B4")."""
    return [
        f"{get_column_letter(r.first_column)}{r.first_row}:"
        f"{get_column_letter(r.last_column)}{r.last_row}"
        for r in spreadsheets.merged_ranges(data, filename, LIMITS)
    ]


__all__ = [
    "LIMITS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_LINES",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "ImportRefused",
    "cell_text",
    "merged_ranges",
    "read_cells",
]
