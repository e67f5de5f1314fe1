"""OCR of scanned PDFs and images, made here by rendering Chinese with a CJK font (Pillow) into
image-only pages: the background task reads them, search finds their words, a text layer that
decodes to mojibake is read from its glyphs instead, and without the language pack the clerk
is told why (a settings override naming a language that is not installed, not a mock)."""

import io
import json
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Collection

from cms.models import AttachmentFile, DocumentAttachment
from search import indexing, ocr, scan_samples
from search.extraction import extract
from search.models import AttachmentText
from search.selectors import search_items
from search.textclean import clean_text, looks_garbled
from tests import factories

WHY_NO_OCR = ocr.unavailable("chi_sim+eng")
needs_ocr = pytest.mark.skipif(bool(WHY_NO_OCR), reason=WHY_NO_OCR)
needs_font = pytest.mark.skipif(
    not scan_samples.cjk_font_path(), reason="未找到中文字体（fonts-wqy-microhei），无法生成扫描件"
)
STRIP = (8.27, 1.6)  # a strip of A4 width: one short paragraph, fast to read
PARAGRAPH = ["申请低保的家庭应当签订承诺书，", "如实申报家庭收入和财产状况。"]
MOJIBAKE = "Ä¿ ¡¡ Â¼ ¹Ø ÓÚ"  # 目　录 关于, each GBK byte shown as Latin-1, what a real PDF gave


def scan(lines=PARAGRAPH) -> bytes:
    return scan_samples.scanned_pdf([lines], points=16, inches=STRIP)


@needs_ocr
@needs_font
@pytest.mark.django_db
def test_an_uploaded_scan_is_read_by_the_background_task_shown_and_found_by_search(
    jiuzhu, site_tree, login, office_user, django_capture_on_commit_callbacks
):
    client = login(office_user)
    with django_capture_on_commit_callbacks(execute=True):  # the task the upload queues
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "认定办法扫描件",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("扫描件.pdf", scan(), content_type="application/pdf"),
            },
        )
    assert response.status_code == 302
    attachment = AttachmentFile.objects.get()
    extraction = AttachmentText.objects.get(attachment=attachment)
    assert (extraction.status, extraction.method, extraction.ocr_pages) == ("ok", "ocr", 1)
    assert extraction.ocr_confidence > 60
    assert extraction.method_label.startswith("OCR（1 页识别，平均置信度")
    edit = client.get(reverse("wagtaildocs:edit", args=[attachment.pk])).content.decode()
    assert "提取方式" in edit and "OCR（1 页识别，平均置信度" in edit
    page = factories.make_document(
        jiuzhu,
        live=True,
        title="城乡低保对象认定办法",
        body="<p>详见附件。</p>",
        published_on=date(2023, 5, 1),
        attachments=[DocumentAttachment(file=attachment, label="附件1")],
    )
    indexing.index_object(page)
    (hit,) = search_items(user=AnonymousUser(), query="家庭收入").hits
    assert hit.title == "城乡低保对象认定办法"
    assert search_items(user=AnonymousUser(), query="财产").total == 1


@needs_ocr
@needs_font
def test_a_mojibake_text_layer_is_recognised_and_the_page_read_by_ocr():
    data = scan_samples.garbled_layer_pdf(PARAGRAPH, points=16, inches=STRIP)
    result = extract(data, "乱码.pdf")
    assert (result.status, result.method, result.ocr_pages) == ("ok", "ocr", 1)
    assert "家庭收入" in result.text
    assert not any("\xa1" <= c <= "\xff" for c in result.text)  # no mojibake left in the index


@needs_ocr
@needs_font
def test_a_scanned_image_and_a_mixed_pdf():
    png = extract(scan_samples.scanned_png(PARAGRAPH, points=16, inches=STRIP), "扫描.png")
    assert (png.status, png.method, png.pages) == ("ok", "ocr", 1)
    assert "家庭收入" in png.text
    text_page = factories.chinese_pdf_bytes("第一页是文字层")
    mixed = _merged(text_page, scan())
    result = extract(mixed, "混合.pdf")
    assert (result.status, result.method, result.pages, result.ocr_pages) == ("ok", "mixed", 2, 1)
    first, second = result.text.split("\f")
    assert first == "第一页是文字层" and "家庭收入" in second


def _merged(*pdfs: bytes) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for data in pdfs:
        writer.append(pypdf.PdfReader(io.BytesIO(data)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@needs_font
@override_settings(OCR_LANGUAGES="chi_sim+zzz_not_installed")
def test_without_the_language_pack_a_scan_is_flagged_and_garbage_never_indexed():
    result = extract(scan(), "扫描件.pdf")
    assert (result.status, result.method, result.text) == ("empty", "", "")
    assert "第 1 页为扫描图像" in result.note
    assert "未安装文字识别组件" in result.note and "扫描件无法提取文字" in result.note
    garbled = extract(scan_samples.garbled_layer_pdf(PARAGRAPH, inches=STRIP), "乱码.pdf")
    assert garbled.status == "empty" and garbled.text == ""  # the mojibake is not kept
    assert "第 1 页文字层为乱码" in garbled.note


@override_settings(OCR_ENABLED=False)
def test_ocr_switched_off_says_so():
    result = extract(scan_samples.scanned_png(["关于"], inches=(2, 1)), "a.png")
    assert (result.status, result.method) == ("empty", "")
    assert result.note == ocr.NOTE_DISABLED


def test_mojibake_is_recognised_but_real_latin_and_chinese_are_not():
    assert looks_garbled(clean_text(MOJIBAKE)[0])
    assert looks_garbled("\ue010\ue011\ue012\ue013 规定")  # private-use glyphs
    assert not looks_garbled("Café à l'été, ação")
    assert not looks_garbled("规范性文件 3×4 ° ± §2")
    assert not looks_garbled("甲方：中国饮料有限公司（盖章）")


def test_a_blank_page_goes_to_nobody():
    result = extract(factories.pdf_bytes("空白页"), "blank.pdf")
    assert (result.status, result.method, result.ocr_pages) == ("empty", "", 0)


@needs_ocr
@needs_font
def test_extract_text_prints_json(tmp_path):
    path = tmp_path / "扫描.png"
    path.write_bytes(scan_samples.scanned_png(PARAGRAPH, points=16, inches=STRIP))
    out = io.StringIO()
    call_command("extract_text", str(path), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["status"] == "ok" and report["method"] == "ocr"
    assert report["method_label"] == "OCR" and report["pages"] == 1
    assert 0 < report["confidence"] <= 100
    assert "家庭收入" in report["text"]


def test_extract_text_reads_a_text_layer_and_reports_a_missing_file(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(factories.chinese_pdf_bytes("规范性文件"))
    out = io.StringIO()
    call_command("extract_text", str(path), stdout=out)
    assert "提取方式：文字层" in out.getvalue() and "规范性文件" in out.getvalue()
    with pytest.raises(Exception, match="无法读取文件"):
        call_command("extract_text", str(tmp_path / "没有.pdf"))


def test_an_image_bomb_is_refused_in_chinese_not_raised():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 20000), 1).save(buffer, "PNG")  # 400 megapixels in a few kB
    result = extract(buffer.getvalue(), "炸弹.png")
    assert result.status == "malformed" and "图片文件无法解码" in result.note
    renamed = extract(buffer.getvalue(), "炸弹.pdf")  # the content decides, not the name
    assert renamed.status == "malformed"


@needs_ocr
@needs_font
@override_settings(OCR_MAX_PAGES=1)
def test_ocr_has_its_own_clock_and_page_limit():
    """Parsing may take 1 s here; reading a page takes longer and is not stopped for it.
    The second scanned page lies beyond OCR_MAX_PAGES and is named in the note."""
    two_pages = scan_samples.scanned_pdf([PARAGRAPH, ["第二页"]], points=16, inches=STRIP)
    result = extract(two_pages, "两页.pdf", max_seconds=1)
    assert (result.status, result.method, result.pages, result.ocr_pages) == ("ok", "ocr", 2, 1)
    assert "家庭收入" in result.text
    assert "第 2 页超过文字识别页数上限 1 页，未识别" in result.note
