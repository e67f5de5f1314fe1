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
    lines: list[str],
    *,
    dpi: int = 300,
    points: int = FONT_POINTS,
    inches: tuple[float, float] = A4_INCHES,
) -> Image.Image:
    """One grey page (A4 unless ``inches`` says otherwise) with ``lines`` from the top margin,
    1.5 line spacing."""
    font_path = cjk_font_path()
    if not font_path:
        raise RuntimeError("未找到中文字体（fc-list :lang=zh 为空），请安装 fonts-wqy-microhei")
    size = round(points * dpi / 72)
    font = ImageFont.truetype(font_path, size)
    image = Image.new("L", (round(inches[0] * dpi), round(inches[1] * dpi)), 255)
    draw = ImageDraw.Draw(image)
    margin = min(dpi, round(inches[1] * dpi / 4))  # one inch on a full page
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * size * 1.5), line, font=font, fill=0)
    return image


# Body text of the kind a bureau scans (written for this evaluation, not copied from a document).
SAMPLES = (
    "为进一步规范城乡最低生活保障工作，根据《社会救助暂行办法》和自治区有关规定，结合本区实际，"
    "制定本办法。申请最低生活保障的家庭，应当以家庭为单位向户籍所在地乡镇人民政府提出书面申请，"
    "并如实申报家庭人口、收入和财产状况。",
    "乡镇人民政府应当自受理申请之日起十个工作日内，通过入户调查、邻里访问、信函索证等方式，"
    "对申请家庭的经济状况和实际生活情况进行调查核实，并在村（居）民委员会的协助下进行民主评议，"
    "调查结果应当在申请人所在村（社区）公示七日。",
    "行政规范性文件不得增加法律、法规规定之外的行政权力事项或者减少法定职责；不得违法减损公民、"
    "法人和其他组织的合法权益或者增加其义务；不得超越职权规定应由市场调节、企业和社会自律、"
    "公民自我管理的事项。",
    "本办法自2024年3月1日起施行，有效期五年。2019年5月20日印发的《红寺堡区临时救助实施细则》"
    "（红民规〔2019〕2号）同时废止。本办法由区民政局负责解释，各乡镇可结合实际制定具体措施。",
    "对骗取最低生活保障待遇的，由县级人民政府民政部门决定停止发放，责令退回非法获取的救助资金，"
    "可以处非法获取的救助资金1倍以上3倍以下的罚款；构成违反治安管理行为的，依法给予治安管理处罚。",
)


def wrap(paragraph: str, *, points: int = FONT_POINTS) -> list[str]:
    """Cut a paragraph into lines that fit between one-inch margins on A4 (full-width glyphs)."""
    per_line = int((A4_INCHES[0] - 2) * 72 / points)
    return [paragraph[i : i + per_line] for i in range(0, len(paragraph), per_line)]


def scanned_pdf(pages: list[list[str]], *, dpi: int = 300, **options) -> bytes:
    """An image-only PDF, one rendered page per list of lines."""
    images = [page_image(lines, dpi=dpi, **options) for lines in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def scanned_png(lines: list[str], *, dpi: int = 300, **options) -> bytes:
    buffer = io.BytesIO()
    page_image(lines, dpi=dpi, **options).save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def character_accuracy(reference: str, recognised: str) -> float:
    """1 − CER, whitespace ignored; 0 when the distance exceeds the reference's length."""
    expected, got = "".join(reference.split()), "".join(recognised.split())
    if not expected:
        return 1.0 if not got else 0.0
    return max(0.0, 1 - Levenshtein.distance(expected, got) / len(expected))


def garbled_layer_pdf(lines: list[str], *, dpi: int = 300, **options) -> bytes:
    """A scanned page whose invisible text layer (as OCR'd or converted PDFs carry one) decodes
    to GBK mojibake: each character's GBK bytes shown as Latin-1, "关于" → "¹ØÓÚ"."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = (side * 72 for side in options.get("inches", A4_INCHES))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width, height))
    page.drawImage(ImageReader(page_image(lines, dpi=dpi, **options)), 0, 0, width, height)
    layer = page.beginText(36, height - 36)
    layer.setTextRenderMode(3)  # invisible: the image shows the text, the layer is for search
    layer.setFont("Helvetica", 12)
    for line in lines:
        layer.textLine(" ".join(c.encode("gbk").decode("latin-1") for c in line))
    page.drawText(layer)
    page.showPage()
    page.save()
    return buffer.getvalue()
