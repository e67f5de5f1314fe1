"""Scanned documents made on the spot, for OCR's evaluation and tests: Chinese text rendered with
a CJK font onto a white A4 page at 300 dpi, saved as an image-only PDF (Pillow), no text layer.

Also the measure: character accuracy, 1 − CER (Levenshtein distance over the reference's length,
whitespace ignored, since OCR's line breaks and spaces are not the text's)."""

from __future__ import annotations

import io
import subprocess
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

A4_INCHES = (8.27, 11.69)
FONT_POINTS = 12  # body text of a 红头文件 is 三号 (16 pt); 12 pt is the harder, common case


@lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """A font file with Chinese glyphs (fonts-wqy-microhei on Debian); "" when none."""
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    paths = sorted(line.split(":")[0].strip() for line in found.splitlines() if line.strip())
    preferred = [path for path in paths if "wqy" in path.lower()]
    return (preferred or paths or [""])[0]


def page_image(
    lines: list[str], *, dpi: int = 300, points: int = FONT_POINTS, skew: float = 0.0
) -> Image.Image:
    """One grey A4 page with ``lines`` drawn from the top margin, 1.5 line spacing."""
    font_path = cjk_font_path()
    if not font_path:
        raise RuntimeError("未找到中文字体（fc-list :lang=zh 为空），请安装 fonts-wqy-microhei")
    size = round(points * dpi / 72)
    font = ImageFont.truetype(font_path, size)
    image = Image.new("L", (round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)), 255)
    draw = ImageDraw.Draw(image)
    margin = dpi  # one inch
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * size * 1.5), line, font=font, fill=0)
    return image.rotate(skew, fillcolor=255, expand=False) if skew else image


def scanned_pdf(pages: list[list[str]], *, dpi: int = 300, **options) -> bytes:
    """An image-only PDF, one rendered page per list of lines."""
    images = [page_image(lines, dpi=dpi, **options) for lines in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def scanned_png(lines: list[str], *, dpi: int = 300) -> bytes:
    buffer = io.BytesIO()
    page_image(lines, dpi=dpi).save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def character_accuracy(reference: str, recognised: str) -> float:
    """1 − CER, whitespace ignored; 0 when the distance exceeds the reference's length."""
    expected, got = "".join(reference.split()), "".join(recognised.split())
    if not expected:
        return 1.0 if not got else 0.0
    return max(0.0, 1 - Levenshtein.distance(expected, got) / len(expected))


def garbled_layer_pdf(lines: list[str], *, dpi: int = 300) -> bytes:
    """A scanned page whose invisible text layer (as OCR'd or converted PDFs carry one) decodes
    to GBK mojibake: each character's GBK bytes shown as Latin-1, "关于" → "¹ØÓÚ"."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = (inches * 72 for inches in A4_INCHES)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width, height))
    page.drawImage(ImageReader(page_image(lines, dpi=dpi)), 0, 0, width, height)
    layer = page.beginText(72, height - 72)
    layer.setTextRenderMode(3)  # invisible: the image shows the text, the layer is for search
    layer.setFont("Helvetica", 12)
    for line in lines:
        layer.textLine(" ".join(c.encode("gbk").decode("latin-1") for c in line))
    page.drawText(layer)
    page.showPage()
    page.save()
    return buffer.getvalue()
