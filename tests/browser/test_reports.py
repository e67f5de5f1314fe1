"""The annual report in a real headless Chromium, on the demo bureau: the 2023 page with its
charts, a click on a number to the records behind it, and the DOCX download."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_reads_the_2023_report_and_drills_into_fair_competition(
    demo, live_server, page, admin_login, shoot
):
    admin_login(page, "office")
    page.get_by_role("link", name="年度报告统计").first.click()
    page.goto(f"{live_server.url}/admin/reports/?year=2023")
    section = page.locator("#section-fair_competition")
    expect(section.locator('[data-figure="fc.reviews"]')).to_have_text("7次")
    expect(section.locator('[data-figure="fc.coverage"]')).to_have_text("100%")
    expect(page.locator('[data-figure="contracts.reviewed"]')).to_have_text("7份")
    chart = section.locator("svg.pygal-chart").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["height"] > 100
    shoot(page, "report-2023")

    section.locator('[data-figure="fc.reviews"]').click()
    expect(page.locator("tr[data-record]")).to_have_count(7)
    shoot(page, "fair-competition-reviews")

    page.goto(f"{live_server.url}/admin/reports/?start=2023-12-31&end=2023-01-01")
    expect(page.get_by_role("alert")).to_contain_text("不能早于开始日期")

    page.goto(f"{live_server.url}/admin/reports/?year=2023")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("导出年度报告")).click()
    assert download.value.suggested_filename.endswith(".docx")
