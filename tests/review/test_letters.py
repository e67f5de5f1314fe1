"""The opinion letter PDF: its text must be extractable, and the archive must never fail."""

import hashlib
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from review.letters import (
    ChecklistLine,
    OpinionLetter,
    archive_pdf,
    chinese_date,
    render_opinion_letter,
)

NUMBER = "法审〔2026〕7号"
TITLE = "关于印发《红寺堡区最低生活保障审核确认办法（试行）》的通知"
HASH = hashlib.sha256("第3版正文".encode()).hexdigest()


def make_letter(**changes) -> OpinionLetter:
    letter = OpinionLetter(
        bureau="吴忠市红寺堡区民政局",
        number=NUMBER,
        item_kind="行政规范性文件",
        item_title=TITLE,
        revision_label="第3版（修订号 42）",
        content_hash=HASH,
        outcome="同意",
        checklist=[
            ChecklistLine("制定主体是否合法", "符合", ""),
            ChecklistLine(
                "内容是否与上位法抵触",
                "不符合",
                "第十二条引用《中华人民共和国婚姻法》，该法已于2021年1月1日废止，"
                "应改为《中华人民共和国民法典》相应条款。",
            ),
            ChecklistLine("是否违法设定许可、处罚、强制、收费", "不适用", "未设定。"),
        ],
        conclusion="经审查，该文件制定主体合法，程序完备。",
        required_changes=[],
        adviser="马志远",
        signed_on=date(2026, 11, 26),
        submitted_by="社会救助站",
    )
    return letter._replace(**changes)


def text_of(pdf: bytes, page: int | None = None) -> str:
    """Extracted text with all whitespace removed: wrapped lines break words anywhere."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = reader.pages if page is None else [reader.pages[page]]
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pages))


def plain_pdf(pages: int, label: str = "ATTACHMENT") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n in range(pages):
        c.drawString(72, 720, f"{label} page {n + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    ("outcome", "changes"),
    [
        ("同意", []),
        ("修改后同意", ["删除第八条“本地企业优先”表述。", "将《婚姻法》改为《民法典》。"]),
        ("不同意", []),
    ],
)
def test_letter_text_is_extractable(outcome, changes):
    pdf = render_opinion_letter(
        make_letter(outcome=outcome, required_changes=changes, conclusion="结论。")
    )
    text = text_of(pdf)

    assert NUMBER in text  # 〔〕 survive the round trip
    assert f"审核意见：{outcome}" in text
    assert {o for o in ("同意", "修改后同意", "不同意") if f"审核意见：{o}" in text} == {outcome}
    assert TITLE in text
    assert "吴忠市红寺堡区民政局法律顾问书面审核意见书" in text
    assert "法律顾问：马志远" in text
    assert "日期：2026年11月26日" in text
    assert "内容是否与上位法抵触" in text
    assert "应改为《中华人民共和国民法典》相应条款。" in text
    assert "第3版（修订号42）" in text
    assert HASH in text  # wrapped over two lines, nothing lost
    if outcome == "修改后同意":
        assert "1.删除第八条“本地企业优先”表述。" in text
        assert "2.将《婚姻法》改为《民法典》。" in text
    else:
        assert "须修改事项" not in text


def test_metadata():
    meta = PdfReader(io.BytesIO(render_opinion_letter(make_letter()))).metadata
    assert meta.title == f"审核意见书 {NUMBER}"
    assert meta.author == "马志远"
    assert meta.subject == TITLE


def test_previous_number_is_shown_only_when_given():
    assert "前次意见书" not in text_of(render_opinion_letter(make_letter()))
    again = render_opinion_letter(make_letter(previous_number="法审〔2026〕5号"))
    assert "前次意见书法审〔2026〕5号" in text_of(again)


def test_long_conclusion_flows_onto_further_pages():
    last = "以上意见仅对本版本有效，最后一句。"
    body = "本条内容与上位法规定不一致，应当依法予以修改。" * 125  # 3,000 characters
    pdf = render_opinion_letter(
        make_letter(outcome="不同意", conclusion=body + "\n" + last, required_changes=[])
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert last in text_of(pdf, page=len(reader.pages) - 1)
    # Nothing cut: with the page footers taken out, the whole conclusion reads through.
    assert body + last in re.sub(r"第\d+页", "", text_of(pdf))


def test_long_checklist_remark_does_not_break_layout():
    remark = "说明文字较长，需要跨页显示。" * 300
    pdf = render_opinion_letter(
        make_letter(checklist=[ChecklistLine("程序是否完备", "不符合", remark)])
    )
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2


def test_markup_characters_in_user_text_are_printed_literally():
    pdf = render_opinion_letter(make_letter(item_title="A&B <试行> 办法", conclusion="x < y & z"))
    text = text_of(pdf)
    assert "A&B<试行>办法" in text
    assert "x<y&z" in text


@pytest.mark.parametrize(
    "changes",
    [{"outcome": "原则同意"}, {"checklist": [ChecklistLine("制定主体是否合法", "基本符合", "")]}],
)
def test_unknown_outcome_or_result_is_refused(changes):
    with pytest.raises(ValueError):
        render_opinion_letter(make_letter(**changes))


def test_chinese_date_has_no_leading_zeros():
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2026, 11, 26)) == "2026年11月26日"


def encrypted_pdf(user_password: str, owner_password: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf(1, "SECRET"))))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_archive_merges_letter_and_readable_attachments():
    letter = render_opinion_letter(make_letter())
    letter_pages = len(PdfReader(io.BytesIO(letter)).pages)

    merged, skipped = archive_pdf(letter, [("附件1.pdf", plain_pdf(2))])

    assert skipped == []
    reader = PdfReader(io.BytesIO(merged))
    assert len(reader.pages) == letter_pages + 2
    assert [item.title for item in reader.outline] == [f"审核意见书 {NUMBER}", "附件1.pdf"]
    assert reader.get_destination_page_number(reader.outline[1]) == letter_pages
    assert NUMBER in text_of(merged, page=0)
    assert "ATTACHMENTpage2" in text_of(merged, page=letter_pages + 1)
    assert reader.metadata.title == f"审核意见书 {NUMBER}"


def test_archive_skips_unreadable_attachments_with_reasons():
    letter = render_opinion_letter(make_letter())
    letter_pages = len(PdfReader(io.BytesIO(letter)).pages)
    attachments = [
        ("附件1.pdf", plain_pdf(2)),
        ("附件2.pdf", encrypted_pdf("x")),
        ("附件3.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF"),
        ("附件4.docx", b"PK\x03\x04 this is a word file"),
        ("附件5.pdf", b""),
    ]

    merged, skipped = archive_pdf(letter, attachments)

    assert skipped == [
        "附件2.pdf：文件已加密，无法合并",
        "附件3.pdf：文件已损坏，无法读取",
        "附件4.docx：不是PDF文件，未合并",
        "附件5.pdf：不是PDF文件，未合并",
    ]
    reader = PdfReader(io.BytesIO(merged))
    assert len(reader.pages) == letter_pages + 2
    assert [item.title for item in reader.outline] == [f"审核意见书 {NUMBER}", "附件1.pdf"]


def test_archive_opens_pdf_protected_only_by_owner_password():
    letter = render_opinion_letter(make_letter())
    merged, skipped = archive_pdf(letter, [("附件.pdf", encrypted_pdf("", owner_password="o"))])
    assert skipped == []
    assert "SECRETpage1" in text_of(merged)
