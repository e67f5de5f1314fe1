"""Finding 12: a tiny spreadsheet that declares a huge sheet is refused before its rows
are read; the relief import streams rows and caps bytes, lines and columns."""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font

from cms import sheets
from cms.models import ReliefDisclosurePage
from cms.relief_import import parse
from cms.sheets import MAX_COLUMNS, MAX_LINES, ImportRefused, read_cells

pytestmark = pytest.mark.django_db

HEADER = ["户主姓名", "乡镇（街道）", "村（社区）", "家庭人口", "保障金额（元）", "备注"]
HOUSEHOLD = ["马玉花", "红寺堡镇", "朝阳村", 3, 1680, ""]
LAST_COLUMN = 16_384  # XFD, the widest sheet Excel allows


def declared_huge_xlsx(rows: int = 2_000, columns: int = LAST_COLUMN) -> bytes:
    """A few KB: one household, and one styled empty cell at the far corner, so the sheet
    declares <dimension ref="A1:XFD2000"> while holding almost nothing."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(HOUSEHOLD)
    sheet.cell(row=rows, column=columns).font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def without_dimension(data: bytes) -> bytes:
    """The same workbook with the sheet's <dimension> removed: nothing declared up front."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(rb"<dimension [^>]*/>", b"", content)
            target.writestr(member, content)
    return out.getvalue()


def test_the_crafted_workbook_is_small_but_declares_two_thousand_rows_of_16384_columns():
    data = declared_huge_xlsx()
    assert len(data) < 20_000
    assert b'<dimension ref="A1:XFD2000"' in zipfile.ZipFile(io.BytesIO(data)).read(
        "xl/worksheets/sheet1.xml"
    )


def test_a_sheet_declaring_16384_columns_is_refused_before_any_row_is_read():
    # read_cells hands back a row stream only after checking the declared size, so the
    # refusal at the call itself means no row was read or padded.
    with pytest.raises(ImportRefused) as refused:
        read_cells(declared_huge_xlsx(), "低保1月.xlsx")
    message = refused.value.problems[0]
    assert "表格列数过多（共16384列）" in message
    assert f"最多{MAX_COLUMNS}列" in message


def test_a_sheet_declaring_more_lines_than_the_limit_is_refused_before_any_row_is_read():
    with pytest.raises(ImportRefused) as refused:
        read_cells(declared_huge_xlsx(rows=MAX_LINES + 1, columns=6), "低保1月.xlsx")
    assert refused.value.problems == [f"表格行数过多（超过{MAX_LINES}行），请拆分后导入。"]


def test_an_undeclared_sheet_is_streamed_a_row_at_a_time_with_a_bounded_peak():
    data = without_dimension(declared_huge_xlsx())
    tracemalloc.start()
    try:
        parsed = parse(data, "低保1月.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [row.name for row in parsed.rows] == ["马玉花"]
    # Padding each of the 2,000 rows to 16,384 cells would hold ≈ 250 MB; streaming
    # MAX_COLUMNS cells a row stays within a few MB (the bound is far above that).
    assert peak < 40 * 1024 * 1024


def test_a_row_with_a_value_beyond_the_column_limit_is_refused():
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(HOUSEHOLD)
    sheet.cell(row=2, column=MAX_COLUMNS + 1, value="多余")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        parse(without_dimension(buffer.getvalue()), "低保1月.xlsx")
    assert f"最多{MAX_COLUMNS}列" in refused.value.problems[0]


def test_a_csv_of_blank_lines_longer_than_the_line_limit_is_refused_with_the_limit():
    lines = [",".join(map(str, HEADER)), "马玉花,红寺堡镇,朝阳村,3,1680,"] + [",,,,,"] * MAX_LINES
    with pytest.raises(ImportRefused) as refused:
        parse("\n".join(lines).encode(), "低保1月.csv")
    assert refused.value.problems == [f"表格行数过多（超过{MAX_LINES}行），请拆分后导入。"]


def test_a_csv_wider_than_the_column_limit_is_refused():
    wide = ",".join(["x"] * (MAX_COLUMNS + 10))
    data = "\n".join([",".join(HEADER), wide]).encode()
    with pytest.raises(ImportRefused) as refused:
        parse(data, "低保1月.csv")
    assert f"共{MAX_COLUMNS + 10}列" in refused.value.problems[0]


def test_a_csv_field_beyond_the_readers_limit_is_a_chinese_refusal_not_a_500():
    data = ",".join(HEADER).encode() + b'\n"' + b"x" * 200_000 + b'",1,1,1,1,\n'
    with pytest.raises(ImportRefused) as refused:
        parse(data, "低保1月.csv")
    assert "第2行无法读取" in refused.value.problems[0]


def test_a_file_over_the_byte_limit_is_refused_by_size():
    with pytest.raises(ImportRefused) as refused:
        parse(b"x" * (sheets.MAX_BYTES + 1), "低保1月.csv")
    assert "文件过大（超过5MB）" in refused.value.problems[0]


def test_a_zip_that_inflates_past_the_limit_is_refused_before_openpyxl_opens_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (sheets.MAX_UNCOMPRESSED_BYTES + 1))
    data = out.getvalue()
    assert len(data) < sheets.MAX_BYTES
    with pytest.raises(ImportRefused) as refused:
        parse(data, "低保1月.xlsx")
    assert "文件解压后过大（超过50MB）" in refused.value.problems[0]


def test_the_admin_import_shows_the_refusal_and_creates_nothing(
    site_tree, groups, jiuzhu, jiuzhu_drafter, client
):
    client.force_login(jiuzhu_drafter)
    response = client.post(
        reverse("relief_import"),
        {
            "department": jiuzhu.pk,
            "year": 2023,
            "month": 1,
            "relief_type": "城乡低保",
            "file": SimpleUploadedFile("低保1月.xlsx", declared_huge_xlsx()),
        },
    )
    assert response.status_code == 200
    assert "表格列数过多（共16384列）" in response.content.decode()
    assert not ReliefDisclosurePage.objects.exists()


def test_an_ordinary_list_still_imports(site_tree, groups, jiuzhu):
    data = declared_huge_xlsx(rows=3, columns=6)
    parsed = parse(data, "低保1月.xlsx")
    assert [(row.name, row.people) for row in parsed.rows] == [("马玉花", 3)]
