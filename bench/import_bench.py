"""Benchmark: peak memory and time of the relief import's reading of a crafted .xlsx.

    python -m bench.import_bench

The file is ~6 KB: a header, one household and one styled empty cell at XFD2000, so it
declares <dimension ref="A1:XFD2000"> (2,000 rows × 16,384 columns). Three readings:
  - naive: openpyxl read-only ``iter_rows(values_only=True)`` into a list, as the import
    did before (every row padded to 16,384 cells);
  - declared: ``cms.relief_import.parse`` on the file as it is (refused from its
    declared size before any row is read);
  - undeclared: ``parse`` on the same file with <dimension> removed (nothing declared,
    so the rows are streamed, MAX_COLUMNS + 1 cells each).
Peak is tracemalloc's (Python allocations), time is wall-clock; no database is touched.
"""

import io
import os
import time
import tracemalloc

import django


def measure(label: str, work) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = work()
    except Exception as error:  # the refusal is the expected outcome for some readings
        outcome = f"{type(error).__name__}: {error}"
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<11} peak {peak / 1024 / 1024:8.1f} MB  {elapsed * 1000:8.0f} ms  {outcome}")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()
    from openpyxl import load_workbook

    from cms.relief_import import parse
    from tests.security.test_import_size import declared_huge_xlsx, without_dimension

    data = declared_huge_xlsx()
    print(f"crafted file: {len(data):,} bytes")

    def naive():
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return f"{len(rows)} rows × {len(rows[-1])} cells"

    measure("naive", naive)
    measure("declared", lambda: parse(data, "x.xlsx"))
    undeclared = without_dimension(data)
    measure("undeclared", lambda: f"{len(parse(undeclared, 'x.xlsx').rows)} household(s)")


if __name__ == "__main__":
    main()
