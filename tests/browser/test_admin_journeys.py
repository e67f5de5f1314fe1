"""The main admin journeys in a real headless Chromium (docs/architecture.md), on the demo bureau.

Each journey leaves one screenshot per step in test-artifacts/screenshots/.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bureau.demo import data
from bureau.demo.loader import DEMO_PASSWORD
from cms.models import DepartmentFolderPage, NormativeDocumentPage

pytestmark = pytest.mark.browser


def edit_url(live_server, page_obj) -> str:
    return f"{live_server.url}/admin/pages/{page_obj.pk}/edit/"


def textbox(page, label: str):
    """The text input named ``label`` (a required field's name ends with the * mark)."""
    return page.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\*?$"))


def demo_draft(department_code: str) -> NormativeDocumentPage:
    key = next(
        d["key"]
        for d in data.DOCUMENTS
        if d["state"] == "draft" and d["department"] == department_code
    )
    return NormativeDocumentPage.objects.get(slug=key)


def test_every_demo_user_logs_in_to_the_chinese_admin(demo, live_server, page, admin_login, shoot):
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_title(re.compile("登录"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("登录")
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_placeholder("输入密码")).to_be_visible()
    # no "remember me": the session ends with the browser or after 30 idle minutes
    expect(page.get_by_text("记住我")).to_have_count(0)
    expect(page.get_by_text(re.compile("30分钟无操作或关闭浏览器后需重新登录"))).to_be_visible()
    expect(page.get_by_role("button", name="登录")).to_be_visible()
    shoot(page, "login-page")

    # A wrong password is refused in Chinese and the username stays in the form.
    page.get_by_label("用户名").fill("jiuzhu_drafter")
    page.get_by_placeholder("输入密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text(re.compile("密码不匹配.*再失败4次将被锁定"))).to_be_visible()
    expect(page.get_by_label("用户名")).to_have_value("jiuzhu_drafter")
    shoot(page, "wrong-password")

    # Every demo user in turn: log in, land on the Chinese dashboard as themselves, log out.
    for user in data.USERS:
        admin_login(page, user["username"])
        expect(page).to_have_title(re.compile("控制面板"))
        sidebar = page.locator("#wagtail-sidebar")
        expect(sidebar.get_by_text(re.compile("^(页面|合同台账)$")).first).to_be_visible()
        account = sidebar.get_by_role("button", name=user["full_name"], exact=True)
        expect(account).to_be_visible()
        shoot(page, f"dashboard-{user['username']}")
        account.click()
        sidebar.get_by_role("button", name="注销").click()
        page.wait_for_url(re.compile(r"/admin/login/"))


def test_a_locked_account_is_told_in_chinese_and_unlocked_by_the_administrator(
    demo, live_server, page, admin_login, shoot, settings
):
    # Behind the documented proxy the client address comes from X-Real-IP: the clerk and
    # the administrator sit at two different computers.
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    page.set_extra_http_headers({"X-Real-IP": "198.51.100.7"})
    page.goto(f"{live_server.url}/admin/login/")

    def try_password(password: str) -> None:
        page.get_by_label("用户名").fill("leader")
        page.get_by_placeholder("输入密码").fill(password)
        page.get_by_role("button", name="登录").click()

    for _ in range(5):
        try_password("not-the-password")
    locked = page.get_by_text(re.compile("已被锁定.*30分钟后再登录"))
    expect(locked).to_be_visible()
    expect(page.get_by_label("用户名")).to_have_value("leader")
    shoot(page, "locked")
    try_password(DEMO_PASSWORD)  # the right password: still refused, the form kept
    expect(locked).to_be_visible()

    other = page.context.browser.new_context(extra_http_headers={"X-Real-IP": "10.1.1.1"})
    admin_page = other.new_page()
    admin_login(admin_page, "admin")
    admin_page.goto(f"{live_server.url}/admin/login-lockouts/")
    row = admin_page.get_by_role("row").filter(has_text="leader")
    row.get_by_role("button", name="解除锁定").click()
    expect(admin_page.get_by_text(re.compile("已解除账号“leader”的锁定"))).to_be_visible()
    shoot(admin_page, "unlocked")
    admin_page.goto(f"{live_server.url}/admin/login-records/?username=leader")
    expect(admin_page.get_by_role("cell", name="登录失败（已锁定）").first).to_be_visible()
    other.close()

    admin_login(page, "leader")  # unlocked: the clerk's next try logs in
    expect(page).to_have_title(re.compile("控制面板"))


def test_drafter_edits_own_draft_only_and_creates_a_document(
    demo, live_server, page, admin_login, shoot
):
    own = demo_draft("jiuzhu")
    other = demo_draft("yanglao")
    assert own.get_parent().title == "社会救助站"
    assert other.get_parent().title == "养老服务中心"
    admin_login(page, "jiuzhu_drafter")

    # Own draft: the editor form with the draft's title.
    page.goto(edit_url(live_server, own))
    expect(textbox(page, "标题")).to_have_value(own.title)
    expect(page.get_by_role("button", name="保存草稿")).to_be_visible()
    shoot(page, "own-draft-editor")

    # The other department's draft: refused, no editor form.
    page.goto(edit_url(live_server, other))
    assert not page.url.endswith(f"/pages/{other.pk}/edit/"), page.url
    expect(page.get_by_text(re.compile("没有权限"))).to_be_visible()
    expect(page.locator("#id_title")).to_have_count(0)
    expect(page.get_by_text(other.title)).to_have_count(0)
    shoot(page, "other-draft-refused")

    # A new normative document in the drafter's own folder, through the real form.
    folder = DepartmentFolderPage.objects.get(department__code="jiuzhu")
    page.goto(f"{live_server.url}/admin/pages/{folder.pk}/")
    page.get_by_role("link", name="添加子页面").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/cms/normativedocumentpage/\d+/$"))
    title = "吴忠市红寺堡区困难群众冬春生活救助实施办法"
    textbox(page, "标题").fill(title)
    textbox(page, "发文字号").fill("红民发2026年3号")
    shoot(page, "new-document-filled")
    page.get_by_role("button", name="保存草稿").click()

    # Refused: the Chinese message for 发文字号, and nothing the drafter typed is lost.
    expect(page.get_by_text(re.compile("发文字号“红民发2026年3号”格式不正确"))).to_be_visible()
    expect(textbox(page, "标题")).to_have_value(title)
    expect(textbox(page, "发文字号")).to_have_value("红民发2026年3号")
    assert not NormativeDocumentPage.objects.filter(title=title).exists()
    shoot(page, "new-document-refused")

    textbox(page, "发文字号").fill("红民发[2026]3号")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    created = NormativeDocumentPage.objects.get(title=title)
    assert page.url == edit_url(live_server, created)
    page.reload()
    expect(textbox(page, "标题")).to_have_value(title)
    expect(textbox(page, "发文字号")).to_have_value("红民发〔2026〕3号")
    expect(textbox(page, "起草科室")).to_contain_text("社会救助站")
    shoot(page, "new-document-saved")
    created.refresh_from_db()
    assert created.doc_number == "红民发〔2026〕3号"
    assert created.get_parent().id == folder.id
    assert not created.live


def test_office_filters_the_contract_register_by_expiry(
    demo, live_server, page, admin_login, shoot
):
    today = timezone.localdate()
    reviewed_2023 = [c["title"] for c in data.CONTRACTS if c["reviewed_in"] == 2023]
    expiring = [
        c["title"]
        for c in data.CONTRACTS
        if c["signed_on"] and today <= c["term_end"] <= today + timedelta(days=90)
    ]
    assert len(reviewed_2023) == 7
    assert expiring, "the demo data must hold a contract expiring within 90 days"
    admin_login(page, "office")

    register_url = f"{live_server.url}/admin/snippets/cms/contract/"
    with page.expect_response(register_url) as register:
        page.locator("#wagtail-sidebar").get_by_role("link", name="合同台账").click()
    assert register.value.status == 200, f"合同台账 answered HTTP {register.value.status}"
    expect(page.get_by_role("heading", level=1)).to_contain_text("合同台账")
    listing = page.locator("table.listing")
    for title in reviewed_2023:
        row = listing.get_by_role("row").filter(
            has=page.get_by_role("link", name=title, exact=True)
        )
        expect(row).to_be_visible()
        expect(row).to_contain_text("2023年")  # 签订日期
    shoot(page, "register")

    page.get_by_role("button", name="显示过滤器").click()
    page.get_by_role("button", name="到期提醒").click()
    page.get_by_label("到期提醒").select_option(label="90天内到期")
    expect(page).to_have_url(re.compile(r"[?&]expiry=90\b"))
    for title in expiring:
        expect(listing.get_by_role("link", name=title, exact=True)).to_be_visible()
    for title in {c["title"] for c in data.CONTRACTS} - set(expiring):
        expect(listing.get_by_role("link", name=title, exact=True)).to_have_count(0)
    expect(listing.locator("tbody tr")).to_have_count(len(expiring))
    shoot(page, "register-expiring-90-days")
