"""Pre-review in a real headless Chromium: the drafter reads the findings of the demo draft,
explains the blocking ones and submits; the adviser takes a finding into the opinion with
one click ("采纳")."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from bureau.demo.prereview import SLUG
from cms.models import NormativeDocumentPage
from prereview.views import prereview_url
from tests.review import helpers as h

pytestmark = pytest.mark.browser


def test_drafter_explains_blocking_findings_and_adviser_adopts_one(
    demo, live_server, page, admin_login, shoot
):
    draft = NormativeDocumentPage.objects.get(slug=SLUG)
    admin_login(page, "yanglao_drafter")
    page.goto(f"{live_server.url}{prereview_url(draft)}")
    expect(page.get_by_role("heading", name="阻断", exact=False).first).to_be_visible()
    expect(page.get_by_text("引用的《中华人民共和国合同法》已废止。").first).to_be_visible()
    expect(page.get_by_text("640303********1234").first).to_be_visible()
    shoot(page, "findings")
    page.get_by_label("为什么这些阻断问题不影响送审").fill(
        "演示：阻断问题已与法律顾问沟通，送审后按意见修改。"
    )
    page.get_by_role("button", name="记录说明理由").click()
    expect(page.get_by_text("已记录说明理由").first).to_be_visible()

    drafter = get_user_model().objects.get(username="yanglao_drafter")
    h.submit(draft, drafter)  # what the editor's 提交审核 does, after the reason was given
    h.record_fair_competition(draft, get_user_model().objects.get(username="office"))
    state = h.current_state(draft)
    page.context.clear_cookies()
    admin_login(page, "adviser")
    page.goto(f"{live_server.url}{h.task_url(state)}")
    expect(page.get_by_text("起草人对阻断问题的说明").first).to_be_visible()
    conclusion = page.locator("#id_conclusion")
    expect(conclusion).to_have_value("")
    row = page.locator("tr[data-code='repealed_statute']").first
    row.get_by_role("button", name="采纳").click()
    expect(conclusion).to_have_value(
        "正文：引用的《中华人民共和国合同法》已废止。建议：改为引用《中华人民共和国民法典》合同编，并核对相应条款。"
    )
    shoot(page, "adopted")
