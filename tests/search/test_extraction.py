"""search.extraction on files made here: every failure class is kept and reported, never raised."""

from __future__ import annotations

import io
import os
import time
import zlib

import docx
import pypdf
import pytest

from search.extraction import Extraction, clean_text, extract, looks_garbled
from tests import factories

TITLE = "关于规范行政规范性文件合法性审核的通知"


def chinese_pdf(*lines: str) -> bytes:
    return factories.chinese_pdf_bytes(*lines)


def encrypted(data: bytes, user_password: str) -> bytes:
    return factories.encrypted_pdf(data, user_password, owner_password="x")


def raw_pdf(*objects: bytes) -> bytes:
    """A hand-written PDF (object 1 is the catalog) for shapes ReportLab will not produce."""
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, 2)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def one_page_pdf(content: bytes) -> bytes:
    stream = zlib.compress(content, 9)
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    )


def test_chinese_pdf_text_is_extracted_with_pages_separated():
    result = extract(chinese_pdf(TITLE, "第二页：合同审查"), "通知.pdf")
    assert result.status == "ok", result.note
    assert result.pages == 2
    assert result.text.split("\f") == [TITLE, "第二页：合同审查"]
    assert not result.repaired


def test_pdf_encrypted_with_empty_user_password_is_read():
    result = extract(encrypted(chinese_pdf(TITLE), ""), "a.pdf")
    assert result.status == "ok", result.note
    assert TITLE in result.text


def test_pdf_needing_a_password_is_marked():
    result = extract(encrypted(chinese_pdf(TITLE), "secret"), "a.pdf")
    assert result == Extraction(
        "", "needs_password", "文件已加密，需要密码，已保存原文件但无法提取文字", 0, False
    )
    assert (
        extract(encrypted(chinese_pdf(TITLE), "secret"), "a.pdf", password="secret").text == TITLE
    )


def without_startxref(data: bytes) -> bytes:
    return data.replace(b"startxref", b"")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: b"", "0 字节"),
        (lambda: os.urandom(4096), "PDF 文件头"),
        (lambda: (d := chinese_pdf(TITLE))[: len(d) // 2], "截断"),
        (lambda: without_startxref(chinese_pdf(TITLE)), "startxref"),
        (
            lambda: raw_pdf(
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            ),
            "循环",
        ),
    ],
    ids=["zero-bytes", "random-bytes", "truncated", "no-startxref", "cyclic-page-tree"],
)
def test_malformed_pdf_is_reported_not_raised(make, reason):
    started = time.monotonic()
    result = extract(make(), "broken.pdf", max_seconds=5)
    assert result.status == "malformed"
    assert reason in result.note and "无法提取文字" in result.note
    assert result.text == ""
    assert time.monotonic() - started < 5


def test_thousand_pages_stop_at_the_page_limit_promptly():
    writer = pypdf.PdfWriter()
    for _ in range(1000):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    started = time.monotonic()
    result = extract(out.getvalue(), "bomb.pdf", max_pages=50)
    assert time.monotonic() - started < 10
    assert result.status == "too_many_pages"
    assert result.pages == 1000
    assert "1000 页" in result.note and "前 50 页" in result.note


def test_a_single_pathological_page_is_stopped_by_the_time_limit():
    # ~1 MB of text operators in a 10 kB file: pypdf needs far longer than the limit for it.
    bomb = one_page_pdf(b"BT /F1 12 Tf 72 720 Td " + b"(ab) Tj " * 1_000_000 + b"ET")
    started = time.monotonic()
    result = extract(bomb, "bomb.pdf", max_seconds=1)
    assert time.monotonic() - started < 1 + 10  # the limit plus the worst child start-up
    assert result.status == "timeout"
    assert "超时" in result.note


def test_too_large_is_rejected_before_parsing():
    result = extract(b"%PDF-1.4\n" + b"0" * 2048, "big.pdf", max_bytes=1024)
    assert result.status == "too_large"
    assert "超过上限" in result.note


def test_docx_paragraphs_and_tables_in_order():
    document = docx.Document()
    document.add_paragraph("第一条 为规范合同管理，制定本办法。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "合同名称", "金额"
    table.cell(1, 0).text, table.cell(1, 1).text = "物业服务合同", "12000元"
    document.add_paragraph("第二条 本办法自发布之日起施行。")
    out = io.BytesIO()
    document.save(out)
    result = extract(out.getvalue(), "办法.docx")
    assert result.status == "ok", result.note
    assert result.text.split("\n") == [
        "第一条 为规范合同管理，制定本办法。",
        "合同名称 | 金额",
        "物业服务合同 | 12000元",
        "第二条 本办法自发布之日起施行。",
    ]


def test_gb18030_text_file():
    result = extract("规范性文件清理\r\n\r\n\r\n第二段\u3000\u3000低保".encode("gb18030"), "a.txt")
    assert result == Extraction("规范性文件清理\n\n第二段 低保", "ok", "", 0, False, "text")


def test_unknown_type_is_kept_as_unsupported():
    assert extract(b"\xd0\xcf\x11\xe0 legacy", "old.doc").status == "unsupported"


def test_latin1_mojibake_is_repaired():
    garbled = "中文规范性文件".encode("gbk").decode("latin-1")
    assert clean_text(garbled) == ("中文规范性文件", True)
    result = extract(f"标题：{garbled}".encode(), "a.txt")
    assert (result.text, result.repaired) == ("标题：中文规范性文件", True)


def test_latin1_text_that_is_really_latin_is_left_alone():
    assert clean_text("Größe und Café résumé") == ("Größe und Café résumé", False)


def test_gbk_read_as_utf16_is_repaired_but_korean_is_not():
    garbled = "我们都是黑体字".encode("gbk").decode("utf-16-be")  # what pypdf does with GBK-EUC-H
    assert clean_text(garbled) == ("我们都是黑体字", True)
    assert clean_text("안녕하세요 세계") == ("안녕하세요 세계", False)


def test_wrong_tounicode_is_flagged_as_garbled():
    assert looks_garbled("Buyer˖哾㦓")
    assert not looks_garbled("甲方：中国饮料有限公司（盖章）")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("规规范范性性文文件件", "规范性文件"),
        (
            "第一条 规规范范性性文文件件是指本县行政机关制定的公文",
            "第一条 规范性文件是指本县行政机关制定的公文",
        ),
        (
            "股票简称股票简称股票简称股票简称：：：：安利股份安利股份安利股份安利股份",
            "股票简称：安利股份",
        ),
        ("2011201120112011 年年度报告年年度报告年年度报告年年度报告", "2011 年年度报告"),
        (
            "本科\n本科\n高中\n高中\n微软\n微软\n项目描述：\n项目描述：",
            "本科\n高中\n微软\n项目描述：",
        ),
    ],
)
def test_fake_bold_is_collapsed(raw, expected):
    assert clean_text(raw)[0] == expected


@pytest.mark.parametrize(
    "genuine",
    [
        "常常",
        "人人",
        "他常常说人人平等",
        "轉轉︰針針針針針針針針針針針針",
        "联系电话 13311223344",
        "研究研究",
        "是\n是\n否",
    ],
)
def test_genuine_doubles_are_kept(genuine):
    assert clean_text(genuine)[0] == genuine


def test_nul_and_whitespace_are_normalised():
    assert clean_text("合\x00同\t\t审查  \n\n\n\n  意见 ") == ("合同 审查\n\n意见", False)
