"""The reply letter (政府信息公开申请答复书) as DOCX (python-docx) and PDF (the review app's
letter renderer, so every letter of the bureau looks the same). Built from the request's
recorded reply only; the letter goes to the requester, never to a public page."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from disclosure.vocab import ReplyType
from review.letters import chinese_date, letter_styles, markup, render_a4

APPEAL_NOTICE = (
    "如对本答复不服，可以自收到本答复之日起六十日内向{government}申请行政复议，"
    "或者自收到本答复之日起六个月内向人民法院提起行政诉讼。"
)
OUTCOME_TEXT = {
    ReplyType.GRANTED: "经审查，你（单位）申请获取的政府信息属于公开范围，本机关予以公开，现提供如下。",
    ReplyType.PARTIAL: "经审查，你（单位）申请获取的政府信息中部分内容不予公开，本机关对可以公开的部分予以提供。",
    ReplyType.REFUSED: "经审查，你（单位）申请获取的政府信息不予公开。",
    ReplyType.UNAVAILABLE: "经审查，本机关无法提供你（单位）申请获取的政府信息。",
    ReplyType.NOT_HANDLED: "经审查，你（单位）的申请本机关不予处理。",
    ReplyType.OTHER: "经审查，本机关对你（单位）的申请作如下处理。",
}


@dataclass(frozen=True)
class ReplyLetter:
    bureau: str
    number: str
    addressee: str
    paragraphs: list[str]
    signed_on: object
    title: str = "政府信息公开申请答复书"


CLARIFICATION_TERM = (
    "请你（单位）自收到本告知书之日起15个工作日内补正。答复期限自本机关收到补正的申请之日起"
    "计算；无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
)


def _addressee(request) -> str:
    return request.name if request.is_person else request.org_name


def clarification_letter_of(request) -> ReplyLetter:
    """The 补正告知书 (条例第三十条): what is unclear, the term, the clock."""
    if not request.clarification_asked_on:
        raise ValueError("no clarification was asked")
    paragraphs = [
        f"{chinese_date(request.received_on)}，本机关收到你（单位）提出的政府信息公开申请，"
        f"申请获取：“{request.description}”。经审查，你（单位）的申请内容不明确，请作如下补正：",
        request.clarification_letter,
        CLARIFICATION_TERM,
    ]
    return ReplyLetter(
        bureau=settings.BUREAU_NAME,
        number=f"申请编号：{request.tracking_number}",
        addressee=_addressee(request),
        paragraphs=paragraphs,
        signed_on=request.clarification_asked_on,
        title="政府信息公开申请补正告知书",
    )


def letter_of(request) -> ReplyLetter:
    if not request.replied_on:
        raise ValueError("the request has no reply yet")
    addressee = _addressee(request)
    paragraphs = [
        f"{chinese_date(request.received_on)}，本机关收到你（单位）提出的政府信息公开申请，"
        f"申请获取：“{request.description}”。"
    ]
    if request.clarification_asked_on:
        answered = (
            f"{chinese_date(request.clarification_answered_on)}收到补正"
            if request.clarification_answered_on
            else "你（单位）未在规定期限内补正"
        )
        paragraphs.append(
            f"本机关于{chinese_date(request.clarification_asked_on)}告知你（单位）补正申请，{answered}。"
        )
    paragraphs.append(OUTCOME_TEXT[ReplyType(request.reply_type)])
    if request.reply_subtype:
        paragraphs.append(f"具体情形：{request.get_reply_subtype_display()}。")
    if request.reply_reason:
        paragraphs.append(f"理由和依据：{request.reply_reason}")
    if request.reply_text:
        paragraphs.append(request.reply_text)
    paragraphs.append(
        APPEAL_NOTICE.format(government=getattr(settings, "SUPERIOR_GOVERNMENT", "上一级人民政府"))
    )
    return ReplyLetter(
        bureau=settings.BUREAU_NAME,
        number=f"答复编号：{request.tracking_number}",
        addressee=addressee,
        paragraphs=paragraphs,
        signed_on=request.replied_on,
    )


def render_docx(letter: ReplyLetter) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "仿宋", Pt(14)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(f"{letter.bureau}\n{letter.title}")
    run.bold, run.font.size = True, Pt(20)
    document.add_paragraph(letter.number).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph(f"{letter.addressee}：")
    for text in letter.paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(28)
    for line in (letter.bureau, chinese_date(letter.signed_on)):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(letter: ReplyLetter) -> bytes:
    st = letter_styles()

    def story(width):
        flow = [
            Paragraph(f"{markup(letter.bureau)}<br/>{letter.title}", st["title"]),
            Paragraph(markup(letter.number), st["number"]),
            Spacer(1, 6 * mm),
            Paragraph(f"{markup(letter.addressee)}：", st["body"]),
        ]
        flow += [Paragraph(markup(text), st["para"]) for text in letter.paragraphs]
        sign = f"{markup(letter.bureau)}<br/>{chinese_date(letter.signed_on)}"
        return [*flow, Spacer(1, 12 * mm), Paragraph(sign, st["sign"])]

    return render_a4(
        story,
        title=letter.title,
        author=letter.bureau,
        subject=letter.number,
        creator=letter.bureau,
    )
