"""Optical character recognition of scanned pages, for ``search.extraction``.

Tesseract (Debian's ``tesseract-ocr`` and ``tesseract-ocr-chi-sim``) reads the pixels through
``pytesseract``; PDF pages are rasterised by ``pypdfium2`` (PDFium in a wheel: no system
package, renders what the page shows, so a page whose text layer is garbage is read from the
glyphs as drawn). Everything here runs inside the extraction's child process, under its memory
cap; each tesseract run has its own timeout.
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Iterator
from typing import NamedTuple

import numpy
import pypdfium2
import pytesseract
from PIL import Image

NOTE_MISSING = "未安装文字识别组件 {}，扫描件无法提取文字"
NOTE_DISABLED = "未启用文字识别（OCR_ENABLED），扫描件无法提取文字"
MAX_PIXELS = 60_000_000  # a page rendered larger than this is scaled down (an A0 page at 300 dpi)
# chi_sim reads best when a line of hanzi is about 36 px tall; 三号 body text at 300 dpi is 63 px.
# Measured on the generated scans (evaluate_extraction): 12 pt 90–97 % → 94–98 %, 16 pt 88–91 %
# → 94–98 %, and a real GBK PDF's 黎荣 read right only when scaled down.
LINE_PIXELS = 36
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)
_CJK_TO_ASCII = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) (?=[0-9A-Za-z])")
_ASCII_TO_CJK = re.compile(r"(?<=[0-9A-Za-z]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


class OcrPage(NamedTuple):
    text: str
    confidence: float  # tesseract's mean word confidence, 0–100 (0 when no word was found)
    words: int


@functools.lru_cache(maxsize=8)
def unavailable(languages: str) -> str:
    """Why OCR in ``languages`` ("chi_sim+eng") cannot run here, in Chinese; "" when it can."""
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return NOTE_MISSING.format("tesseract-ocr")
    missing = [lang for lang in languages.split("+") if lang and lang not in installed]
    packages = " ".join(f"tesseract-ocr-{lang.replace('_', '-').lower()}" for lang in missing)
    return NOTE_MISSING.format(packages) if missing else ""


def recognise(image: Image.Image, *, languages: str, timeout: float) -> OcrPage:
    """The text of one page image, lines kept, Chinese not split by spaces."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page: the machine is shared
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    image = _scaled_to_lines(image)
    data = pytesseract.image_to_data(
        image, lang=languages, timeout=timeout, output_type=pytesseract.Output.DICT
    )
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if confidence < 0 or not word.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(word.strip())
        confidences.append(confidence)
    text = "\n".join(_join(words) for words in lines.values())
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrPage(text, round(mean, 1), len(confidences))


def _scaled_to_lines(image: Image.Image) -> Image.Image:
    """Scale down (never up) so the median text line is about LINE_PIXELS tall: lines are
    the runs of rows holding dark pixels (runs under 8 px are specks)."""
    rows = (numpy.asarray(image.convert("L")) < 128).any(axis=1).astype(numpy.int8)
    edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], rows, [0]))))
    heights = edges[1::2] - edges[::2]
    heights = heights[heights >= 8]
    if not len(heights):
        return image
    scale = max(0.4, LINE_PIXELS / float(numpy.median(heights)))
    if scale > 0.8:
        return image
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, Image.Resampling.LANCZOS)


def _join(words: list[str]) -> str:
    """Tesseract returns each Chinese character as a word: no spaces between Chinese."""
    line = " ".join(words)
    for pattern in (_CJK_GAP, _CJK_TO_ASCII, _ASCII_TO_CJK):
        line = pattern.sub("", line)
    return line


def pdf_page_image(data: bytes, index: int, *, dpi: int, password: str | None) -> Image.Image:
    """Page ``index`` (from 0) rendered in grey at ``dpi``, scaled down past MAX_PIXELS."""
    document = pypdfium2.PdfDocument(data, password=password or None)
    try:
        page = document[index]
        width, height = page.get_size()  # points
        scale = min(dpi / 72, (MAX_PIXELS / max(width * height, 1)) ** 0.5)
        return page.render(scale=scale, grayscale=True).to_pil()
    finally:
        document.close()


def image_frames(data: bytes, *, limit: int) -> Iterator[Image.Image]:
    """The frames of a PNG/JPEG/TIFF (a multi-page TIFF is a scanned document), at most
    ``limit``; Pillow refuses a decompression bomb (DecompressionBombError)."""
    with Image.open(io.BytesIO(data)) as image:
        for index in range(min(getattr(image, "n_frames", 1), limit)):
            image.seek(index)
            yield image.copy()


def frame_count(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as image:
        return getattr(image, "n_frames", 1)
