"""Content rules on bodies and on PDF/DOCX attachments made here."""

import pytest
from django.test import override_settings

from cms.models import NormativeDocumentPage, Statute
from search import ocr, scan_samples
from search.models import CompetitionPhrase
from tests import factories
from tests.prereview.helpers import (
    VALID_ID,
    WRONG_CHECK_DIGIT_ID,
    document,
    findings,
    paragraphs,
    severities,
)

pytestmark = pytest.mark.django_db
BASIS = "第一条 根据《社会救助暂行办法》，制定本办法。"


def test_a_draft_with_no_body_is_blocked_and_the_other_rules_still_run(site_tree, jiuzhu):
    page = document(jiuzhu)
    assert severities(page, "no_body") == ["阻断"]
    assert severities(page, "no_legal_basis") == ["警告"]
    assert findings(document(jiuzhu, BASIS, slug="b"), "no_body") == []


def test_an_attachment_with_text_counts_as_content(site_tree, jiuzhu):
    docx = factories.docx_bytes("附件正文：救助对象范围。")
    page = document(jiuzhu, attachments=[("附件1", docx, "a.docx")])
    assert findings(page, "no_body") == []


def test_no_legal_basis_warns_unless_a_basis_is_chosen_or_written(site_tree, jiuzhu):
    bare = document(jiuzhu, "第一条 为规范临时救助工作，制定本办法。")
    assert severities(bare, "no_legal_basis") == ["警告"]
    written = document(jiuzhu, BASIS, slug="w")
    assert findings(written, "no_legal_basis") == []
    chosen = document(jiuzhu, "第一条 为规范临时救助工作，制定本办法。", slug="c")
    chosen.legal_bases.create(statute=Statute.objects.get(name="中华人民共和国民法典"))
    assert findings(chosen, "no_legal_basis") == []


def test_a_fair_competition_phrase_warns_with_the_standard_it_may_breach(site_tree, jiuzhu):
    phrase = CompetitionPhrase.objects.get(phrase="本地企业优先")
    page = document(jiuzhu, BASIS, "第五条 政府购买服务时，同等条件下本地企业优先。")
    [finding] = findings(page, "fair_competition_phrase")
    assert finding.severity == "警告"
    assert phrase.standard in finding.message
    assert phrase.category in finding.message


def test_a_fair_competition_phrase_in_a_docx_attachment_is_found(site_tree, jiuzhu):
    docx = factories.docx_bytes("采购须指定供应商提供服务。")
    page = document(jiuzhu, BASIS, attachments=[("附件2 采购方案", docx, "b.docx")])
    [finding] = findings(page, "fair_competition_phrase")
    assert finding.location == "附件：附件2 采购方案"


def test_a_deactivated_phrase_is_not_reported(site_tree, jiuzhu):
    CompetitionPhrase.objects.filter(phrase="本地企业优先").update(active=False)
    page = document(jiuzhu, BASIS, "第五条 同等条件下本地企业优先。")
    assert findings(page, "fair_competition_phrase") == []


def test_an_unmasked_id_number_blocks_and_the_masked_text_is_offered(site_tree, jiuzhu):
    page = document(jiuzhu, BASIS, f"第九条 联系人马某，身份证号{VALID_ID}。")
    [finding] = findings(page, "personal_data")
    assert finding.severity == "阻断"
    assert finding.message == "含未脱敏的身份证号（640303********1234）。"
    assert "640303********1234" in finding.suggestion
    assert VALID_ID not in finding.excerpt + finding.suggestion + finding.message  # kept masked
    assert finding.masked == "第九条 联系人马某，身份证号640303********1234。"


def test_personal_numbers_in_a_docx_table_attachment_are_found(site_tree, jiuzhu):
    import io

    from docx import Document

    table_doc = Document()
    table = table_doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "身份证号", "手机号"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["马某", VALID_ID, "13812345678"], strict=True):
        cell.text = text
    buffer = io.BytesIO()
    table_doc.save(buffer)
    page = document(jiuzhu, BASIS, attachments=[("低保公示名单", buffer.getvalue(), "list.docx")])
    kinds = sorted(f.message for f in findings(page, "personal_data"))
    assert kinds == [
        "含未脱敏的手机号（138****5678）。",
        "含未脱敏的身份证号（640303********1234）。",
    ]


def test_two_numbers_in_one_text_are_two_findings(site_tree, jiuzhu):
    page = document(jiuzhu, BASIS, f"马某 {VALID_ID}；杨某 11010519491231002X")
    assert len(findings(page, "personal_data")) == 2


def test_a_card_number_failing_luhn_is_not_personal_data_but_a_mistyped_id_is(site_tree, jiuzhu):
    page = document(
        jiuzhu, BASIS, f"第九条 编号{WRONG_CHECK_DIGIT_ID}，金额6222021234567890123元。"
    )
    [finding] = findings(page, "personal_data")  # the 19-digit amount fails Luhn: not a card
    assert finding.message == "含未脱敏的身份证号（640303********1236，校验位不符，疑为录入错误）。"


def test_a_mistyped_id_that_passes_luhn_is_reported_as_an_id_not_a_bank_card(site_tree, jiuzhu):
    mistyped = "640303199001010005"  # ID-shaped, wrong check digit, passes Luhn
    page = document(jiuzhu, BASIS, f"第九条 公示对象马某，身份证号{mistyped}。")
    [finding] = findings(page, "personal_data")
    assert finding.message == "含未脱敏的身份证号（640303********0005，校验位不符，疑为录入错误）。"
    assert "核对号码" in finding.suggestion
    assert mistyped not in finding.excerpt + finding.masked
    assert finding.severity == "阻断"


def test_masked_numbers_are_not_reported(site_tree, jiuzhu):
    page = document(jiuzhu, BASIS, "公示：马某 640303********1234 138****5678")
    assert findings(page, "personal_data") == []


def test_an_unextractable_attachment_is_reported_and_the_rest_still_runs(site_tree, jiuzhu):
    locked = factories.encrypted_pdf(factories.chinese_pdf_bytes("保密内容"), "secret")
    page = document(
        jiuzhu,
        "第一条 依照《中华人民共和国合同法》制定本办法。",
        attachments=[("加密附件", locked, "locked.pdf")],
    )
    [finding] = findings(page, "attachment_text")
    assert finding.severity == "警告"
    assert finding.location == "附件：加密附件"
    assert "无法提取文字" in finding.message
    assert severities(page, "repealed_statute") == ["阻断"]


def test_a_readable_attachment_is_not_reported(site_tree, jiuzhu):
    page = document(jiuzhu, BASIS, attachments=[("附件", factories.docx_bytes("正文"), "a.docx")])
    assert findings(page, "attachment_text") == []


@override_settings(EXTRACTION_MAX_PAGES=40)
def test_a_300_page_attachment_is_read_within_the_limits_and_says_so(site_tree, jiuzhu):
    lines = [f"第{n}页 救助对象名单" for n in range(1, 301)]
    lines[10] = f"第11页 马某 身份证号{VALID_ID}"
    lines[200] = f"第201页 马某 身份证号{VALID_ID}"
    pdf = factories.chinese_pdf_bytes(*lines)
    page = document(jiuzhu, BASIS, attachments=[("长附件", pdf, "long.pdf")])
    [notice] = findings(page, "attachment_text")
    assert notice.severity == "提示"
    assert "300" in notice.message and "40" in notice.message
    [found] = findings(page, "personal_data")
    assert found.location == "附件：长附件 第11页"  # page 201 lies beyond the limit


@override_settings(PREREVIEW_MAX_CHARS=50)
def test_a_text_longer_than_the_run_limit_is_cut_and_said(site_tree, jiuzhu):
    docx = factories.docx_bytes("救助对象名单" * 40)
    page = document(jiuzhu, BASIS, attachments=[("名单", docx, "n.docx")])
    [notice] = findings(page, "attachment_text")
    assert notice.severity == "提示"
    assert "前 50 字" in notice.message
    assert findings(page, "text_limit") == []  # the body itself is short


@override_settings(PREREVIEW_MAX_CHARS=60)
def test_a_body_longer_than_the_run_limit_is_cut_and_said_not_silently(site_tree, jiuzhu):
    page = document(jiuzhu, BASIS, "救助对象名单" * 40, f"马某 身份证号{VALID_ID}")
    [notice] = findings(page, "text_limit")
    assert notice.severity == "提示" and notice.location == "字段：正文"
    assert "前 60 字" in notice.message
    assert findings(page, "personal_data") == []  # beyond the limit: why the notice matters


def test_an_unsaved_draft_can_be_pre_reviewed(site_tree):
    page = NormativeDocumentPage(title="草稿", body=paragraphs(f"身份证号{VALID_ID}"))
    assert severities(page, "personal_data") == ["阻断"]


@pytest.mark.skipif(bool(ocr.unavailable("chi_sim+eng")), reason=ocr.unavailable("chi_sim+eng"))
def test_a_scanned_attachment_is_read_by_ocr_checked_and_said_so(site_tree, jiuzhu):
    scan = scan_samples.scanned_pdf(
        [["第一条 依照《中华人民共和国合同法》", "制定本办法。"]], points=16, inches=(8.27, 1.6)
    )
    page = document(jiuzhu, BASIS, attachments=[("扫描件", scan, "scan.pdf")])
    [notice] = findings(page, "attachment_text")
    assert notice.severity == "提示"
    assert "文字识别" in notice.message and "平均置信度" in notice.message
    [repealed] = findings(page, "repealed_statute")
    assert repealed.location.startswith("附件：扫描件")
