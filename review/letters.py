"""The legal adviser's written opinion (书面审核意见书) as a PDF, and its archive copy.

The letter is the paper trail the bureau files: it names the exact revision it judged
(label and SHA-256), carries the checklist of docs/architecture.md and must stay searchable, so its
text has to be extractable (issue 3, item 9). ReportLab's built-in CID font STSong-Light
needs no font file on the server: PDF readers supply the glyphs. ``archive_pdf`` uses pypdf
for what it does well: one archive file of the letter and the reviewed attachments.
"""

from __future__ import annotations

import io
from datetime import date
from typing import NamedTuple
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

FONT = "STSong-Light"
OUTCOMES = ("同意", "修改后同意", "不同意")
CHECK_RESULTS = ("符合", "不符合", "不适用")


class ChecklistLine(NamedTuple):
    """One line of the review checklist: the item, 符合/不符合/不适用, and the adviser's remark."""

    item: str
    result: str
    remark: str


class OpinionLetter(NamedTuple):
    """Everything printed on the letter; built from the opinion record, never from live data."""

    bureau: str
    number: str
    item_kind: str
    item_title: str
    revision_label: str
    content_hash: str
    outcome: str
    checklist: list[ChecklistLine]
    conclusion: str
    required_changes: list[str]
    adviser: str
    signed_on: date
    submitted_by: str
    previous_number: str = ""


def chinese_date(d: date) -> str:
    """2026年11月26日 — official documents write dates without leading zeros."""
    return f"{d.year}年{d.month}月{d.day}日"


def _styles() -> dict[str, ParagraphStyle]:
    # wordWrap="CJK" lets lines break between any two Han characters; the default
    # splits only at spaces, which Chinese text does not have, so cells would overflow.
    base = ParagraphStyle("base", fontName=FONT, fontSize=11, leading=17, wordWrap="CJK")
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontSize=18, leading=28, alignment=TA_CENTER),
        "number": ParagraphStyle("number", base, alignment=TA_RIGHT, spaceBefore=4),
        "cell": ParagraphStyle("cell", base, fontSize=10, leading=15),
        "head": ParagraphStyle("head", base, fontSize=10, leading=15, alignment=TA_CENTER),
        "hash": ParagraphStyle("hash", base, fontName="Courier", fontSize=9, leading=13),
        "outcome": ParagraphStyle("outcome", base, fontSize=15, leading=22),
        "heading": ParagraphStyle("heading", base, spaceBefore=8, spaceAfter=2),
        "para": ParagraphStyle("para", base, firstLineIndent=22),
        "sign": ParagraphStyle("sign", base, alignment=TA_RIGHT, leading=22),
    }


def _markup(text: str) -> str:
    """Escape user text for Paragraph's mini-markup and keep the author's line breaks."""
    return escape(text).replace("\n", "<br/>")


def _hash_markup(digest: str) -> str:
    # 64 hex digits do not fit the value column; two fixed halves are easy to compare by eye.
    return "<br/>".join(escape(digest[i : i + 32]) for i in range(0, len(digest), 32))


def _table(rows: list, widths: list[float], shade: tuple, **kw) -> Table:
    """A ruled table; ``shade`` is the (start, stop) cell range of the grey label cells."""
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", *shade, colors.HexColor("#f0f0f0")),
    ]
    return Table(rows, colWidths=widths, style=style, **kw)


def _story(letter: OpinionLetter, width: float) -> list:
    st = _styles()
    story: list = [
        Paragraph(f"{_markup(letter.bureau)}<br/>法律顾问书面审核意见书", st["title"]),
        Paragraph(escape(letter.number), st["number"]),
        Spacer(1, 4 * mm),
    ]
    meta = [
        ("送审事项", _markup(letter.item_title)),
        ("事项类型", _markup(letter.item_kind)),
        ("送审单位", _markup(letter.submitted_by)),
        ("审核版本", _markup(letter.revision_label)),
    ]
    if letter.previous_number:
        meta.append(("前次意见书", escape(letter.previous_number)))
    rows = [[Paragraph(label, st["head"]), Paragraph(value, st["cell"])] for label, value in meta]
    digest = Paragraph(_hash_markup(letter.content_hash), st["hash"])
    rows.insert(4, [Paragraph("内容摘要值<br/>SHA-256", st["head"]), digest])
    story.append(_table(rows, [32 * mm, width - 32 * mm], ((0, 0), (0, -1))))
    story += [Spacer(1, 5 * mm), Paragraph("一、审查事项", st["heading"])]
    rows = [[Paragraph(h, st["head"]) for h in ("审查事项", "审查结论", "说明")]]
    rows += [
        [
            Paragraph(_markup(line.item), st["cell"]),
            Paragraph(escape(line.result), st["head"]),
            Paragraph(_markup(line.remark), st["cell"]),
        ]
        for line in letter.checklist
    ]
    # repeatRows keeps the header on every page; splitInRow lets a remark taller than
    # the rest of the page continue on the next one instead of raising LayoutError.
    widths = [60 * mm, 22 * mm, width - 82 * mm]
    story.append(_table(rows, widths, ((0, 0), (-1, 0)), repeatRows=1, splitInRow=1))
    outcome = Paragraph(f"审核意见：{escape(letter.outcome)}", st["outcome"])
    story += [
        Spacer(1, 5 * mm),
        Table([[outcome]], colWidths=[width], style=[("BOX", (0, 0), (0, 0), 1.2, colors.black)]),
        Paragraph("二、审核理由与结论", st["heading"]),
    ]
    # Free-standing paragraphs (not a table cell) so a long conclusion flows across pages.
    for block in letter.conclusion.split("\n"):
        if block.strip():
            story.append(Paragraph(escape(block.strip()), st["para"]))
    if letter.outcome == "修改后同意" and letter.required_changes:
        story.append(Paragraph("三、须修改事项", st["heading"]))
        story += [
            Paragraph(f"{n}. {_markup(change)}", st["body"])
            for n, change in enumerate(letter.required_changes, start=1)
        ]
    sign = f"法律顾问：{escape(letter.adviser)}<br/>日期：{chinese_date(letter.signed_on)}"
    # Never leave the signature alone on a page: it travels with the last paragraph.
    story.append(KeepTogether([story.pop(), Spacer(1, 12 * mm), Paragraph(sign, st["sign"])]))
    return story


def _footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 12 * mm, f"第 {doc.page} 页")
    canvas.restoreState()


def render_opinion_letter(letter: OpinionLetter) -> bytes:
    """Render the opinion letter as an A4 PDF and return its bytes.

    Raises ValueError for an outcome or checklist result outside docs/architecture.md, because a
    letter with a made-up outcome must never be issued.
    """
    if letter.outcome not in OUTCOMES:
        raise ValueError(f"未知的审核意见：{letter.outcome}")
    for line in letter.checklist:
        if line.result not in CHECK_RESULTS:
            raise ValueError(f"审查事项“{line.item}”的结论无效：{line.result}")
    return render_a4(
        lambda width: _story(letter, width),
        title=f"审核意见书 {letter.number}",
        author=letter.adviser,
        subject=letter.item_title,
        creator=letter.bureau,
    )


def render_a4(story, *, title: str, author: str, subject: str, creator: str) -> bytes:
    """An official letter's A4 PDF: ``story(width)`` gives the flowables, pages numbered.
    Also used for other letters (依申请公开's replies), so every letter looks the same."""
    if FONT not in pdfmetrics.getRegisteredFontNames():  # the registry is process-wide
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=author,
        subject=subject,
        creator=creator,
    )
    doc.build(story(doc.width), onFirstPage=_footer, onLaterPages=_footer)
    return buf.getvalue()


def letter_styles() -> dict[str, ParagraphStyle]:
    """The letters' paragraph styles (body, title, number, para, sign, heading…)."""
    return _styles()


def markup(text: str) -> str:
    """User text escaped for a Paragraph, line breaks kept."""
    return _markup(text)


def _read_part(data: bytes) -> tuple[PdfReader | None, str]:
    """Open one attachment; return (reader, "") or (None, reason in Chinese)."""
    if b"%PDF-" not in data[:1024]:
        return None, "不是PDF文件，未合并"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An owner-password-only PDF opens with the empty user password; anything
            # else needs a password we do not have (or crypto support we do not ship).
            try:
                opened = reader.decrypt("")
            except PyPdfError:
                return None, "文件已加密，无法合并"
            if not opened:
                return None, "文件已加密，无法合并"
        if len(reader.pages) == 0:
            return None, "文件没有页面，未合并"
        # Trial merge into a scratch writer: pypdf parses lazily, so damage often shows
        # only while copying. Failing here keeps the real archive from being half-written.
        trial = PdfWriter()
        trial.append(reader)
        trial.write(io.BytesIO())
    except Exception:
        # PyPdfError and ValueError are the usual ones, but pypdf does not wrap every
        # failure on malformed input (KeyError, zlib.error, RecursionError...), and one bad
        # attachment must not cost the archive.
        return None, "文件已损坏，无法读取"
    return reader, ""


def archive_pdf(letter_pdf: bytes, attachments: list[tuple[str, bytes]]) -> tuple[bytes, list[str]]:
    """Merge the letter and the readable PDF attachments into one archive PDF.

    Returns (pdf bytes, skipped) where skipped lists "<name>：<reason>" for every attachment
    left out. Never raises for a bad attachment: the archive must still be produced, and
    the office can see from the list what to file on paper instead.
    """
    letter = PdfReader(io.BytesIO(letter_pdf))
    meta = letter.metadata or {}
    writer = PdfWriter()
    writer.append(
        letter, outline_item=str(meta.get("/Title") or "审核意见书"), import_outline=False
    )
    skipped: list[str] = []
    for name, data in attachments:
        reader, reason = _read_part(data)
        if reader is None:
            skipped.append(f"{name}：{reason}")
            continue
        writer.append(reader, outline_item=name, import_outline=False)
    writer.add_metadata({k: str(v) for k, v in meta.items() if isinstance(k, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), skipped
