"""Audit finding 6 (personal numbers): generated writings never reach output unmasked.

Hypothesis writes resident IDs (valid and wrong check digits, X and x), mobiles and bank
cards the ways people do — full-width, grouped, any Unicode space, dash or dot between
groups, zero-width characters, embedded in Chinese text and in HTML (inline tags, character
references) — and checks the mask, then the portal page, the API, the feeds, the relief
import (refused) and a published consultation outcome quoting a public comment.

Profiles: ``fast`` (default) keeps the suite quick; ``PERSONAL_NUMBERS_PROFILE=thorough``
runs many more examples.
"""

import io
import json
import os
import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cms import privacy
from cms.gates import IssueRefused
from cms.models import DocumentAttachment, NormativeDocumentPage, ReliefDisclosurePage
from cms.privacy_text import normalise
from cms.relief_import import ImportRefused, relief_import
from tests import factories

settings.register_profile(
    "fast", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=600, deadline=None)
PROFILE = settings.get_profile(os.environ.get("PERSONAL_NUMBERS_PROFILE", "fast"))
DB_SETTINGS = settings(
    PROFILE,
    max_examples=max(4, PROFILE.max_examples // 4),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ---- the numbers ----------------------------------------------------------------------

PROVINCES = ["11", "31", "44", "51", "64", "65"]


@st.composite
def resident_ids(draw) -> str:
    """An 18-character ID: a real shape, the right check digit or a wrong one, X or x."""
    born = draw(st.dates(date(1930, 1, 1), date(2012, 12, 31)))
    region = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    serial = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    first17 = f"{draw(st.sampled_from(PROVINCES))}{region}{born:%Y%m%d}{serial}"
    right = privacy.id_check_digit(first17)
    if draw(st.booleans()):
        check = right
    else:
        check = draw(st.sampled_from([c for c in "0123456789XX" if c != right]))
    if check == "X" and draw(st.booleans()):
        check = "x"
    return first17 + check


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
CARD_BINS = ["622202", "621700", "622848", "436742", "518710", "601382", "955880"]


@st.composite
def bank_cards(draw) -> str:
    bin_ = draw(st.sampled_from(CARD_BINS))
    length = draw(st.sampled_from([16, 19]))
    body = bin_ + draw(st.from_regex(rf"[0-9]{{{length - 1 - len(bin_)}}}", fullmatch=True))
    return next(body + d for d in "0123456789" if privacy.luhn_ok(body + d))


GROUPINGS = {
    11: [(11,), (3, 4, 4), (3, 8), (7, 4)],
    16: [(16,), (4, 4, 4, 4), (6, 10)],
    18: [(18,), (6, 8, 4), (4, 4, 4, 4, 2), (6, 4, 2, 2, 4), (3, 3, 4, 4, 4), (6, 12)],
    19: [(19,), (4, 4, 4, 4, 3), (6, 13)],
}
SEPARATORS = [
    *(" ", "-", "\u3000", "\u00a0", "\u2009", "\u202f", "\u2002", "\t"),  # spaces
    *("\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\uff0d", "\u2212"),  # dashes
    *(".", "\uff0e", "\u00b7", "\u30fb", "\u3002"),  # dots
    *(" - ", "  ", " \u2013 "),
]
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789Xx"}


@st.composite
def groups_of(draw, number: str) -> list[str]:
    """The number cut into groups as people write it (any cut for an ID)."""
    sizes = draw(st.sampled_from(GROUPINGS[len(number)]))
    if len(number) == 18 and draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(1, 17), max_size=5)))
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, 18], strict=True)]
    groups, at = [], 0
    for size in sizes:
        groups.append(number[at : at + size])
        at += size
    return groups


@st.composite
def plain_writings(draw, number: str) -> str:
    """``number`` as a person might type it: grouped, mixed separators, full-width..."""
    groups = draw(groups_of(number))
    text = groups[0]
    for group in groups[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + group
    width = draw(st.sampled_from(["half", "full", "mixed"]))
    if width != "half":
        text = "".join(
            FULL_WIDTH.get(c, c) if width == "full" or draw(st.booleans()) else c for c in text
        )
    if draw(st.booleans()):  # a zero-width space somewhere inside
        at = draw(st.integers(1, len(text) - 1))
        text = text[:at] + "\u200b" + text[at:]
    return text


def char_reference(char: str, hexadecimal: bool) -> str:
    return f"&#x{ord(char):x};" if hexadecimal else f"&#{ord(char)};"


@st.composite
def html_writings(draw, number: str) -> str:
    """``number`` in rich text: cut by an inline tag, digits as character references."""
    text = draw(plain_writings(number))
    style = draw(st.sampled_from(["tags", "references", "both", "none"]))
    if style in ("tags", "both"):
        cuts = [m.start() for m in re.finditer(r"[0-9０-９](?=[0-9０-９])", text)]
        if cuts:
            at = draw(st.sampled_from(cuts)) + 1
            tag = draw(st.sampled_from(["b", "strong", "span", "em", "a"]))
            attrs = ' href="#"' if tag == "a" else ""
            text = f"<{tag}{attrs}>{text[:at]}</{tag}>{text[at:]}"
    if style in ("references", "both"):
        text = "".join(
            char_reference(c, draw(st.booleans())) if c.isdigit() and draw(st.booleans()) else c
            for c in text
        )
    return text


BEFORE = ["", "身份证号", "公民身份号码：", "联系电话", "手机：", "银行卡号", "张某，", "（"]
AFTER = ["", "。", "，按月发放。", "）", "号", "；"]
numbers = st.one_of(resident_ids(), mobiles, bank_cards())


@st.composite
def texts(draw, *, html: bool = False) -> tuple[str, str]:
    """(the number, a Chinese sentence holding one writing of it)."""
    number = draw(numbers)
    writing = draw(html_writings(number) if html else plain_writings(number))
    before = draw(st.sampled_from(BEFORE))
    if len(number) == 11 and draw(st.booleans()):
        before += draw(st.sampled_from(["+86 ", "+86-", "86", "(+86) ", "0086 "]))
    return number, f"{before}{writing}{draw(st.sampled_from(AFTER))}"


# ---- what "never unmasked" means --------------------------------------------------------


def visible_digits(output: str) -> str:
    """Every digit a reader of ``output`` sees, in order (tags, references, writing undone)."""
    return re.sub(r"[^0-9X]", "", normalise(output, html_mode=True).upper())


def assert_no_number(output: str, number: str) -> None:
    assert number.upper() not in visible_digits(output), output
    assert privacy.find_personal_numbers(output, html=True) == [], output


def expected_mask(number: str) -> str:
    [found] = privacy.find_personal_numbers(number)
    return found.masked


# ---- the detector and the mask ----------------------------------------------------------


@settings(PROFILE)
@given(texts())
def test_every_plain_writing_is_found_as_the_number_it_is(sample):
    number, text = sample
    found = privacy.find_personal_numbers(text)
    assert [n.digits.upper() for n in found] == [number.upper()], text
    assert privacy.mask_number(found[0].text) == expected_mask(number)


@settings(PROFILE)
@given(texts())
def test_masking_any_plain_writing_leaves_no_number(sample):
    number, text = sample
    masked = privacy.mask_personal_numbers(text)
    assert_no_number(masked, number)
    assert expected_mask(number) in masked


@settings(PROFILE)
@given(texts(html=True))
def test_masking_any_html_writing_leaves_no_number_and_keeps_the_tags(sample):
    number, text = sample
    html = f"<p>{text}</p>"
    masked = privacy.mask_personal_numbers(html, html=True)
    assert_no_number(masked, number)
    assert expected_mask(number) in masked
    assert masked.count("<") == html.count("<")


@settings(PROFILE)
@given(resident_ids())
def test_an_id_with_a_wrong_check_digit_is_still_an_id(number):
    [found] = privacy.find_personal_numbers(f"身份证号{number}。")
    assert found.kind == privacy.ID
    assert found.note == ("" if privacy.is_resident_id(number) else privacy.WRONG_CHECK_DIGIT)


@pytest.mark.parametrize(
    "text",
    [
        "红民发〔2023〕12号",
        "红民规〔2024〕3号、红民发〔2019〕8号",
        "2023年1月1日起施行，2025.12.31 前有效",
        "2019 2020 2021 2022 年度",
        "补助资金12508.94万元，合同金额420000.00元，共计1,234,567.89元",
        "第110105条",
        "索引号640303-MZ/2023-00001",
        "电话0951-5012345",
        "192.168.100.200",
    ],
)
def test_doc_numbers_dates_and_amounts_are_not_personal_numbers(text):
    assert privacy.find_personal_numbers(text) == []


# ---- the audit's writings (regression: the old detector let these through) -------------

VALID_ID = "11010519491231002X"
AUDIT_WRITINGS = [
    ("６４０３０３１９９００１０１１２３４", "640303199001011234"),  # full-width digits
    ("１１０１０５１９４９１２３１００２Ｘ", VALID_ID),  # full-width, ending in Ｘ
    ("1101 0519 4912 3100 2X", VALID_ID),  # groups ending in X
    ("1101 0519 4912 3100 2x", "11010519491231002x"),
    ("110105\u300019491231\u3000002X", VALID_ID),  # U+3000
    ("110105–19491231–002X", VALID_ID),  # en dash
    ("138\u30001234\u30005678", "13812345678"),
    ("138–1234–5678", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),
]


@pytest.mark.parametrize(("writing", "number"), AUDIT_WRITINGS)
def test_the_audits_writings_are_found_and_masked(writing, number):
    masked = privacy.mask_personal_numbers(f"公示对象张某，号码{writing}。")
    assert_no_number(masked, number)
    assert expected_mask(number) in masked


@pytest.fixture
def live_document(site_tree, groups, jiuzhu):
    return factories.make_document(
        jiuzhu,
        live=True,
        title="城乡最低生活保障审核确认实施细则",
        body="<p>对城乡最低生活保障对象实行分类施保。</p>",
        published_on=timezone.localdate(),
        topic="社会救助",
    )


def write_live_row(page, body: str, **fields) -> None:
    """Content published before the guard existed: written into the live row itself."""
    NormativeDocumentPage.objects.filter(pk=page.pk).update(body=body, **fields)
    cache.clear()  # the API's server cache holds whole answers


def api_text(client, page) -> str:
    response = client.get(f"/api/v2/documents/{page.pk}/")
    assert response.status_code == 200
    return json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.django_db
def test_the_audits_writings_reach_the_portal_and_the_api_masked(client, live_document):
    body = "".join(f"<p>第{i}户，号码{w}。</p>" for i, (w, _) in enumerate(AUDIT_WRITINGS, 1))
    write_live_row(live_document, body, title=f"公示（{AUDIT_WRITINGS[2][0]}）")
    page = client.get(live_document.url).content.decode()
    api = api_text(client, live_document)
    stock = client.get(f"/api/v2/pages/{live_document.pk}/").content.decode()
    for output in (page, api, stock):
        for _, number in AUDIT_WRITINGS:
            assert_no_number(output, number)
    assert "110105********002X" in page and "138****5678" in api


@pytest.mark.django_db
def test_a_number_in_a_live_slug_is_masked_in_the_sitemap(client, live_document):
    NormativeDocumentPage.objects.filter(pk=live_document.pk).update(
        slug="zhang-13812345678", url_path=f"{live_document.url_path[:-1]}-13812345678/"
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert sitemap.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert_no_number(sitemap, "13812345678")
    assert "138****5678" in sitemap


@pytest.mark.django_db
def test_pre_review_blocks_the_audits_writings_without_repeating_them(site_tree, jiuzhu):
    from tests.prereview.helpers import document, findings

    lines = [f"第{i}条 联系人号码{writing}。" for i, (writing, _) in enumerate(AUDIT_WRITINGS, 1)]
    found = findings(document(jiuzhu, *lines), "personal_data")
    # One finding per distinct masked number (the same message twice is one finding).
    masks = {expected_mask(number) for _, number in AUDIT_WRITINGS}
    assert {re.search(r"（(.+?)）", f.message).group(1) for f in found} == masks
    for finding in found:
        assert finding.severity == "阻断"
        shown = " ".join([finding.message, finding.suggestion, finding.excerpt, finding.masked])
        for _, number in AUDIT_WRITINGS:
            assert_no_number(shown, number)


@pytest.mark.django_db
def test_a_relief_import_with_the_audits_writings_is_refused_row_by_row(relief_clerk, jiuzhu):
    book = Workbook()
    sheet = book.active
    sheet.append(["户主姓名", "乡镇（街道）", "家庭人口", "保障金额（元）", "备注"])
    for writing, _ in AUDIT_WRITINGS:
        sheet.append(["马玉花", "红寺堡镇", 3, 1680, writing])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        relief_import(
            user=relief_clerk,
            department=jiuzhu,
            year=2023,
            month=1,
            relief_type="城乡低保",
            data=buffer.getvalue(),
            filename="发放表.xlsx",
        )
    problems = refused.value.problems
    assert [p.split("：")[0] for p in problems] == [f"第{n}行" for n in range(2, 11)]
    for problem, (_, number) in zip(problems, AUDIT_WRITINGS, strict=True):
        assert expected_mask(number) in problem
    assert not ReliefDisclosurePage.objects.exists()


# ---- end to end, with generated writings -------------------------------------------------


@pytest.mark.django_db
@DB_SETTINGS
@given(sample=texts(html=True))
def test_no_generated_writing_reaches_the_portal_page_or_the_api_unmasked(
    client, live_document, sample
):
    number, text = sample
    write_live_row(live_document, f"<p>{text}</p><p>按月发放。</p>")
    page = client.get(live_document.url).content.decode()
    api = api_text(client, live_document)
    for output in (page, api):
        assert_no_number(output, number)
        assert expected_mask(number) in output


@pytest.mark.django_db
@DB_SETTINGS
@given(sample=texts(html=True))
def test_no_generated_writing_reaches_the_feeds_unmasked(client, live_document, sample):
    number, text = sample
    write_live_row(live_document, f"<p>{text}</p>")
    for url in ("/feeds/documents.rss", "/feeds/documents.atom"):
        feed = client.get(url).content.decode()
        assert_no_number(feed, number)
        assert expected_mask(number) in feed


def xlsx_with_note(note: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["户主姓名", "乡镇（街道）", "家庭人口", "保障金额（元）", "备注"])
    sheet.append(["马玉花", "红寺堡镇", 3, 1680, ""])
    sheet.append(["杨建国", "大河乡", 1, 560.5, note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def relief_clerk(site_tree, groups, jiuzhu):
    return factories.drafter_of(jiuzhu, username="relief_clerk")


@pytest.mark.django_db
@DB_SETTINGS
@given(sample=texts())
def test_a_relief_import_with_any_writing_is_refused_naming_the_row(relief_clerk, jiuzhu, sample):
    number, text = sample
    with pytest.raises(ImportRefused) as refused:
        relief_import(
            user=relief_clerk,
            department=jiuzhu,
            year=2023,
            month=1,
            relief_type="城乡低保",
            data=xlsx_with_note(text),
            filename="发放表.xlsx",
        )
    [problem] = refused.value.problems
    assert problem.startswith("第3行：备注含") and expected_mask(number) in problem
    assert_no_number(problem, number)
    assert not ReliefDisclosurePage.objects.exists()


@pytest.fixture
def open_consultation(live_document, jiuzhu):
    draft = factories.make_document(jiuzhu, title="困难群众救助补助资金管理办法（征求意见稿）")
    revision = draft.get_latest_revision_as_object()
    revision.open_for_consultation = True
    revision.consultation_start = timezone.localdate() - timedelta(days=2)
    revision.consultation_end = timezone.localdate() + timedelta(days=12)
    revision.save_revision()
    draft.refresh_from_db()
    return draft


@pytest.mark.django_db
@DB_SETTINGS
@given(sample=texts())
def test_a_public_comment_quoted_in_the_published_outcome_is_masked(
    client, open_consultation, sample
):
    number, text = sample
    cache.clear()  # the comment limiter counts per address in the cache
    url = f"/consultations/{open_consultation.pk}/"
    posted = client.post(url, {"name": "", "contact": "", "text": text, "website": ""})
    assert posted.status_code == 302
    comment = open_consultation.public_comments.latest("pk")
    assert comment.text == text.strip()  # kept as typed for the drafting department
    open_consultation.refresh_from_db()  # the latest revision is read through the row
    draft = open_consultation.get_latest_revision_as_object()
    draft.consultation_start = timezone.localdate() - timedelta(days=30)
    draft.consultation_end = timezone.localdate() - timedelta(days=1)
    draft.consultation_summary = f"采纳意见：{comment.text}"
    draft.save_revision()
    cache.clear()
    try:
        page = client.get(url).content.decode()
        api = client.get("/api/v2/consultations/").content.decode()
        for output in (page, api):
            assert_no_number(output, number)
            assert expected_mask(number) in output
    finally:  # open again for the next example
        draft.consultation_start = timezone.localdate() - timedelta(days=2)
        draft.consultation_end = timezone.localdate() + timedelta(days=12)
        draft.save_revision()


# ---- publish-time guards -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("writing", "number"), AUDIT_WRITINGS[:6])
def test_a_relief_list_with_the_audits_writings_cannot_be_published(
    site_tree, jiuzhu, writing, number
):
    page = factories.make_relief_disclosure(
        jiuzhu, 2023, 2, rows=[("马玉花", "红寺堡镇", "朝阳村", 3, "1260.00", writing)], live=False
    )
    with pytest.raises(IssueRefused) as refused:
        page.get_latest_revision().publish(skip_permission_checks=True)
    [reason] = refused.value.reasons
    assert reason == f"第1户（备注）含未脱敏的身份证号（{expected_mask(number)}），不能公开"
    page.refresh_from_db()
    assert not page.live


MOBILE_WRITING = "１３８－１２３４－５６７８"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"body": "<p>联系人<b>138</b>\u30001234\u30005678。</p>"}, "正文"),
        ({"title": f"关于马某（{MOBILE_WRITING}）的救助办法"}, "标题"),
        ({"seo_title": f"联系{MOBILE_WRITING}"}, "SEO标题"),
        ({"search_description": f"咨询{MOBILE_WRITING}"}, "搜索描述"),
        ({"slug": "zhang-13812345678"}, "网址别名"),
        ({"legal_basis_note": f"经办人电话{MOBILE_WRITING}"}, "制定依据说明"),
    ],
)
def test_a_normative_document_with_a_personal_number_is_refused_publication(
    site_tree, groups, jiuzhu, fields, where
):
    page = factories.make_document(jiuzhu, **fields)
    with pytest.raises(IssueRefused) as refused:
        factories.issue_as_legacy(page)
    assert f"{where}含未脱敏的手机号（138****5678），不能公开" in refused.value.reasons
    page.refresh_from_db()
    assert not page.live


@pytest.mark.django_db
def test_a_personal_number_in_an_attachments_text_refuses_publication(site_tree, groups, jiuzhu):
    page = factories.make_document(jiuzhu)
    pdf = factories.chinese_pdf_bytes("申请人马某 身份证号 1101 0519 4912 3100 2X")
    attachment = factories.make_attachment("附件1：申请表", pdf)
    draft = page.get_latest_revision_as_object()
    draft.attachments.add(DocumentAttachment(label="附件1：申请表", file=attachment))
    draft.save_revision()
    page.refresh_from_db()
    with pytest.raises(IssueRefused) as refused:
        factories.issue_as_legacy(page)
    where = "附件1（附件1：申请表）的文件内容"
    assert f"{where}含未脱敏的身份证号（110105********002X），不能公开" in refused.value.reasons


@pytest.mark.django_db
def test_a_document_with_doc_numbers_dates_and_amounts_is_published(site_tree, groups, jiuzhu):
    page = factories.make_document(
        jiuzhu,
        doc_number="红民规〔2023〕1号",
        index_number="640303-MZ/2023-00001",
        body="<p>自2023年1月1日起施行，补助资金12508.94万元，按红民发〔2019〕8号执行。</p>",
    )
    factories.issue_as_legacy(page)
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_publishing_in_the_admin_is_refused_in_chinese_and_the_typed_text_is_kept(
    login, office_user, site_tree, jiuzhu
):
    from django.urls import reverse
    from wagtail.test.utils.form_data import rich_text

    from tests.cms.admin_forms import document_form

    page = factories.make_document(jiuzhu)
    body = "<p>联系人马某，身份证号１１０１０５１９４９１２３１００２Ｘ。</p>"
    data = document_form(title=page.title, slug=page.slug, body=rich_text(body))
    data["action-publish"] = "action-publish"
    client = login(office_user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "正文含未脱敏的身份证号（110105********002X），不能公开" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert "１１０１０５１９４９" in page.get_latest_revision_as_object().body
