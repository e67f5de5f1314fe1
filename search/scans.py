"""Which pages extraction reads by OCR, and the clerk's notes about them (child-process side).

A PDF page goes to OCR when its text layer is (nearly) empty and it shows an image — a scan —
or when the text layer decodes to garbage (``textclean.looks_garbled``): the page is rendered
and read from its glyphs as drawn. Without OCR such a page's text is dropped, never indexed,
and the clerk is told which pages. At most ``OcrLimits.max_pages`` pages per file are read,
each within ``page_seconds`` (announced to the parent first, which extends its deadline).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple

from search import ocr
from search.textclean import clean_text, looks_garbled

SCAN_MAX_LETTERS = (
    4  # a page with an image and fewer letters or hanzi ("- 3 -", "第 3 页") is a scan
)
NOTE_GARBAGE_PAGES = "第 {} 页文字层为乱码（PDF 字体缺少正确的文字映射），未作为文字收录"
NOTE_GARBAGE_READ = "第 {} 页文字层为乱码，已改用文字识别（OCR），请以原文件为准"
NOTE_SCANNED_PAGES = "第 {} 页为扫描图像"
NOTE_OCR_LIMIT = "第 {} 页超过文字识别页数上限 {} 页，未识别"
NOTE_OCR_FAILED = "第 {} 页文字识别失败"
NOTE_LOW_CONFIDENCE = "文字识别平均置信度 {:.0f}%，识别结果可能有误，请以原文件为准"
LOW_CONFIDENCE = 70.0


class OcrLimits(NamedTuple):
    languages: str  # tesseract's "chi_sim+eng"; "" when OCR cannot or may not run
    unavailable: str  # why not, in Chinese ("" when it can)
    max_pages: int
    page_seconds: float
    dpi: int


class Chunk(NamedTuple):
    """One page's text as the parent keeps it."""

    text: str
    repaired: bool
    confidence: float | None  # None: from the text layer


def _pages(numbers: list[int]) -> str:
    shown = "、".join(map(str, numbers[:10]))
    return f"{shown} 等 {len(numbers)}" if len(numbers) > 10 else shown


def _has_image(page: Any) -> bool:
    """Whether the page draws an XObject (a scan is one image) or an inline image."""
    try:
        resources = page.get("/Resources") or {}
        if len(resources.get("/XObject") or {}):
            return True
        contents = page.get_contents()
        return contents is not None and b"BI" in contents.get_data()
    except Exception:  # unreadable resources: let OCR look at what the page shows
        return True


class _Reader:
    """Counts OCR pages and seconds and collects the notes; shared by PDFs and images."""

    def __init__(self, limits: OcrLimits, emit: Callable[..., Any]):
        self.limits, self.emit = limits, emit
        self.ocr_pages, self.ocr_seconds = 0, 0.0
        self.confidences: list[float] = []
        self.skipped: dict[str, list[int]] = {"limit": [], "failed": [], "garbage": [], "scan": []}

    def recognise(self, number: int, image_of: Callable[[], Any]) -> tuple[str, float] | None:
        """OCR one page (``image_of`` renders it), or None when over the limit or failing."""
        if self.ocr_pages >= self.limits.max_pages:
            self.skipped["limit"].append(number)
            return None
        self.ocr_pages += 1
        self.emit(("ocr", self.limits.page_seconds))
        started = time.monotonic()
        try:
            page = ocr.recognise(
                image_of(), languages=self.limits.languages, timeout=self.limits.page_seconds
            )
        except MemoryError:
            raise
        except Exception:  # tesseract's timeout or error, an undecodable image: this page only
            self.skipped["failed"].append(number)
            return None
        finally:
            self.ocr_seconds += time.monotonic() - started
        if page.words:  # a blank page says nothing about the quality of the reading
            self.confidences.append(page.confidence)
        return clean_text(page.text, fake_bold=False)[0], page.confidence

    def notes(self) -> list[str]:
        skipped, notes = self.skipped, []
        if skipped["garbage"]:
            notes.append(NOTE_GARBAGE_PAGES.format(_pages(skipped["garbage"])))
        if skipped["scan"]:
            notes.append(NOTE_SCANNED_PAGES.format(_pages(skipped["scan"])))
        if skipped["garbage"] or skipped["scan"]:
            notes.append(self.limits.unavailable)
        if skipped["limit"]:
            notes.append(NOTE_OCR_LIMIT.format(_pages(skipped["limit"]), self.limits.max_pages))
        if skipped["failed"]:
            notes.append(NOTE_OCR_FAILED.format(_pages(skipped["failed"])))
        mean = sum(self.confidences) / len(self.confidences) if self.confidences else 100.0
        if mean < LOW_CONFIDENCE:
            notes.append(NOTE_LOW_CONFIDENCE.format(mean))
        return notes


class PdfPages(_Reader):
    """Decides, page by page, between a PDF page's text layer and OCR of its rendering."""

    def __init__(self, data: bytes, password: str | None, limits: OcrLimits, emit):
        super().__init__(limits, emit)
        self.data, self.password = data, password
        self.replaced: list[int] = []  # garbage text layers read by OCR instead

    def page(self, number: int, page: Any, cleaned: tuple[str, bool]) -> Chunk:
        text, repaired = cleaned
        garbage = bool(text) and looks_garbled(text)
        scan = not garbage and sum(c.isalpha() for c in text) < SCAN_MAX_LETTERS
        scan = scan and _has_image(page)
        if not (garbage or scan):
            return Chunk(text, repaired, None)
        if not self.limits.languages:
            self.skipped["garbage" if garbage else "scan"].append(number)
            return Chunk("" if garbage else text, False, None)
        read = self.recognise(number, self._renderer(number))
        if garbage and read is not None:
            self.replaced.append(number)
        if read is None:
            return Chunk("" if garbage else text, False, None)
        return Chunk(read[0], False, read[1])

    def _renderer(self, number: int) -> Callable[[], Any]:
        return lambda: ocr.pdf_page_image(
            self.data, number - 1, dpi=self.limits.dpi, password=self.password
        )

    def notes(self) -> list[str]:
        if not (self.ocr_pages or any(self.skipped.values())):
            return []
        replaced = [NOTE_GARBAGE_READ.format(_pages(self.replaced))] if self.replaced else []
        return replaced + super().notes()


def read_images(
    data: bytes, count: int, limits: OcrLimits, emit: Callable[..., Any], total: int
) -> list[str]:
    """OCR the first ``count`` frames of an image file, emitting one page each."""
    reader = _Reader(limits, emit)
    for number, frame in enumerate(ocr.image_frames(data, limit=count), 1):
        read = reader.recognise(number, lambda frame=frame: frame)
        text, confidence = read if read else ("", None)
        emit(("page", text, False, confidence, total))
    return reader.notes()
