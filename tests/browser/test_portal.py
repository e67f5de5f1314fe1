"""The public portal in a real headless Chromium, on the demo bureau: a citizen searches,
filters, reads an abolished document, comments on an open consultation; and an axe-core
check finds no serious or critical accessibility violation on the main pages.

Each journey leaves one screenshot per step in test-artifacts/screenshots/.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import NormativeDocumentPage, PublicComment

pytestmark = pytest.mark.browser

DIBAO = "吴忠市红寺堡区最低生活保障审核确认实施细则"
ABOLISHED = "红寺堡区农村最低生活保障审核审批实施办法"
CONSULTED = "linshi-jiuzhu-draft"  # the demo's 临时救助 draft (救助站)


def open_demo_consultation() -> NormativeDocumentPage:
    """The office opens the 救助站 draft for comment: from two days ago, for three weeks."""
    page = NormativeDocumentPage.objects.get(slug=CONSULTED)
    draft = page.get_latest_revision_as_object()
    draft.open_for_consultation = True
    draft.consultation_start = timezone.localdate() - timedelta(days=2)
    draft.consultation_end = draft.consultation_start + timedelta(days=21)
    draft.save_revision()
    return page


def test_a_citizen_searches_filters_and_reads_an_abolished_document(demo, live_server, page, shoot):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("navigation", name="栏目导航")).to_be_visible()
    shoot(page, "home")

    # Search 救助 from the home page and open a result.
    page.get_by_role("searchbox", name="检索行政规范性文件").fill("救助")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("heading", name="“救助”的检索结果")).to_be_visible()
    expect(page.locator(".snippet mark").first).to_have_text("救助")
    shoot(page, "search-results")
    page.get_by_role("link", name=DIBAO).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DIBAO)
    meta = page.locator("table.meta")
    for label in ["索引号", "发文字号", "登记编号", "有效性", "有效期至"]:
        expect(meta.get_by_role("rowheader", name=label)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("附件1"))).to_be_visible()
    shoot(page, "document")

    # Filter the list by year: every document shown was published in 2023.
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="规范性文件").click()
    page.get_by_label("年份").select_option("2023")
    page.get_by_role("button", name="检索").click()
    expect(page).to_have_url(re.compile(r"year=2023"))
    rows = page.locator("ol.results > li")
    expect(rows.first).to_be_visible()
    for text in rows.locator(".meta-line").all_inner_texts():
        assert "发布日期 2023-" in text
    expect(page.get_by_label("年份")).to_have_value("2023")
    shoot(page, "filtered-2023")

    # An abolished document carries the banner with its date and its replacement.
    page.get_by_label("年份").select_option("")
    page.get_by_label("有效性").select_option("已废止")
    page.get_by_role("button", name="检索").click()
    page.get_by_role("link", name=ABOLISHED).click()
    banner = page.get_by_role("note", name="文件效力提示")
    expect(banner).to_contain_text("本文件已废止")
    expect(banner).to_contain_text("2023年4月20日")
    shoot(page, "abolished-banner")
    banner.get_by_role("link", name=DIBAO).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DIBAO)
    expect(page.get_by_role("heading", name="本文件替代的文件")).to_be_visible()


def test_a_citizen_comments_on_an_open_consultation(demo, live_server, page, shoot):
    consulted = open_demo_consultation()
    page.goto(f"{live_server.url}/")
    link = page.get_by_role("link", name=re.compile("临时救助实施细则（征求意见稿）"))
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("征求意见稿")
    expect(page.get_by_text("正在征求意见")).to_be_visible()
    shoot(page, "consultation")

    # Keyboard only: the fields are labelled and reachable in order.
    page.get_by_label("姓名（可不填）").focus()
    page.keyboard.type("马女士")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("建议把<先行救助>的补齐手续时限写明为5个工作日。")
    shoot(page, "comment-filled")
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_role("status").filter(has_text="您的意见已提交")).to_be_visible()
    shoot(page, "comment-submitted")
    kept = PublicComment.objects.get(document=consulted)
    assert kept.name == "马女士"
    assert kept.text == "建议把<先行救助>的补齐手续时限写明为5个工作日。"
    assert kept.contact == ""

    # An empty comment is refused in Chinese, next to the field.
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_text("请填写意见内容。")).to_be_visible()
    shoot(page, "comment-refused")
    assert PublicComment.objects.filter(document=consulted).count() == 1


def _describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def test_portal_pages_have_no_serious_accessibility_violations(demo, live_server, page, axe, shoot):
    consulted = open_demo_consultation()
    abolished = NormativeDocumentPage.objects.get(title=ABOLISHED)
    pages = {
        "home": "/",
        "list": "/documents/",
        "search": "/documents/?q=救助&published_after=bad",
        "document": abolished.url,
        "decisions": "/decisions/2023/",
        "power-list": "/power-list/",
        "consultation": f"/consultations/{consulted.pk}/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        violations = axe(page)
        if violations:
            found[name] = _describe(violations)
        shoot(page, f"axe-{name}")
    assert not found, "\n".join(f"{name}:\n{text}" for name, text in found.items())

    # Keyboard: the skip link is the first stop and moves focus to the main content.
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    shoot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
