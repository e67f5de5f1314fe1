"""依申请公开 in a real headless Chromium, on the demo bureau: a citizen files a request on
the portal; the office asks for 补正; the citizen's answer restarts the clock; the office
replies 部分公开 and the reply letter is there as DOCX and PDF."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms import calendar
from disclosure.models import DisclosureRequest
from tests.disclosure.builders import GOOD_ID

pytestmark = pytest.mark.browser


def test_request_clarification_and_partial_reply(
    demo, live_server, browser, page, shoot, admin_login
):
    today = timezone.localdate()
    # 1. the citizen files the request
    page.goto(f"{live_server.url}/xxgk/ysqgk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开申请")
    page.get_by_label("姓名").fill("马晓燕")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(GOOD_ID)
    page.get_by_label("联系电话").fill("13895012345")
    page.get_by_label("获取信息的载体形式").select_option(label="电子邮件")
    page.get_by_label("获取信息的方式").select_option(label="电子邮件")
    page.get_by_label("电子邮箱").fill("maxy@example.com")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_text("请填写所需政府信息的名称")).to_be_visible()  # refused, kept
    expect(page.get_by_label("姓名")).to_have_value("马晓燕")
    page.get_by_label(re.compile("所需政府信息的名称")).fill("红寺堡区2023年临时救助资金发放情况")
    shoot(page, "filled")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    number = page.locator("#tracking-number").inner_text()
    secret = page.locator("#query-secret").inner_text()
    shoot(page, "receipt")
    request = DisclosureRequest.objects.get(tracking_number=number)
    assert request.id_number == GOOD_ID and request.received_on == today
    assert request.phone == "13895012345"  # masked on the refused form, kept all the same

    # 2. the office asks for 补正
    office = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai").new_page()
    admin_login(office, "office")
    office.goto(f"{live_server.url}/admin/disclosure/")
    expect(office.locator("#disclosure-requests")).to_contain_text("马**")
    expect(office.locator("#disclosure-requests")).not_to_contain_text(GOOD_ID)
    office.get_by_role("link", name=number).click()
    form = office.locator("#step-ask")
    form.get_by_label("补正告知日期").fill(today.isoformat())
    form.get_by_label("需要补正的事项").fill("请写明所需信息涉及的乡镇。")
    form.get_by_role("button", name="记录").click()
    expect(office.locator("#status")).to_have_text("待申请人补正")
    shoot(office, "clarification-asked")

    # 3. the citizen answers; the clock restarts from today
    page.goto(f"{live_server.url}/xxgk/ysqgk/query/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(secret)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#request-status")).to_contain_text("请写明所需信息涉及的乡镇。")
    page.get_by_label("补正内容").fill("太阳山镇")
    page.get_by_role("button", name="提交补正").click()
    expect(page.get_by_text("补正内容已提交")).to_be_visible()
    due = calendar.add_working_days(today, 20)
    expect(page.locator("#request-status")).to_contain_text(f"{due.year}年{due.month}月{due.day}日")
    shoot(page, "clarification-sent")

    # 4. the office replies 部分公开 with its reason; the letter is generated
    office.reload()
    expect(office.locator("#due")).to_have_text(due.isoformat())
    form = office.locator("#step-reply")
    form.get_by_label("答复日期").fill(today.isoformat())
    form.get_by_label("答复类型").select_option(label="部分公开")
    form.get_by_label(re.compile("理由和依据")).fill(
        "涉及救助对象个人信息的部分不予公开（条例第十五条）。"
    )
    form.get_by_label("答复内容").fill("现提供太阳山镇2023年临时救助资金发放汇总表。")
    form.get_by_role("button", name="记录").click()
    expect(office.locator("#status")).to_have_text("已答复")
    shoot(office, "replied")
    for fmt in ("DOCX", "PDF"):
        link = office.get_by_role("link", name=f"答复书（{fmt}）")
        response = office.request.get(live_server.url + link.get_attribute("href"))
        assert response.status == 200 and len(response.body()) > 1000
    office.context.close()
    request.refresh_from_db()
    assert request.reply_type == "partial" and request.clarification_answer == "太阳山镇"
