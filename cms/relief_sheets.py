"""The relief import's limits on the shared spreadsheet reader (``cms.spreadsheets``).

A month's list has at most MAX_ROWS households; ``cms.relief_import`` turns the cells into
validated rows.
"""

from __future__ import annotations

from collections.abc import Iterator

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


__all__ = [
    "LIMITS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_LINES",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "ImportRefused",
    "cell_text",
    "read_cells",
]
