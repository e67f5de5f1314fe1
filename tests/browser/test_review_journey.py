"""The main admin journey in a real headless Chromium (issue 5, docs/architecture.md and §5).

A drafter submits a normative document of the demo bureau for review; the drafting unit
records its fair-competition self-review; the legal adviser (法律顾问) rejects it with a
written opinion; the drafter reads the opinion, revises and resubmits; the adviser
approves; the office records the collective deliberation and registers the document
(统一登记编号), which publishes it; the public portal page and ``/api/v2/documents/`` then
show it with its numbers. Every step is clicked in the Wagtail admin by the demo user whose
role it is; one screenshot per step is kept in test-artifacts/screenshots/.
"""

import json
import re
import urllib.request
from urllib.parse import quote

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DOCUMENT_KEY = "yanglao-butie-draft"  # the demo's 养老服务补贴 draft, never yet submitted
DRAFTER = "yanglao_drafter"  # 养老服务中心, the drafting unit
REJECTION = "第二条将补贴对象限定为“具有本区户籍”的老年人，缺乏上位法依据，应改为在本区实际居住。"
APPROVAL = "经审查，修改后的文本符合法律法规规定，同意提请集体审议。"
URGENCY = "民生实事项目年底前须印发实施，申请加急审查。"


def awaiting_task(page, title: str, task_name: str):
    """Open ``title``'s task from the dashboard's 待我办理 panel (the actor's way in)."""
    panel = page.locator("section[aria-labelledby='review-awaiting-heading']")
    row = panel.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row).to_contain_text(task_name)
    row.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("region", name="送审信息")).to_contain_text(title)
    expect(page.locator("main")).to_contain_text(task_name)


def submit_for_review(page) -> None:
    """The drafter's 提交给…审核流程 (or 重新提交) from the open editor's footer menu."""
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name=re.compile("^(重新)?提交给")).click()
    expect(page.locator(".messages")).to_contain_text("已经提交进行审核")


def record_fair_competition(page) -> None:
    page.get_by_label("涉及，逐项审查").check()
    for radio in page.locator("input[type=radio][value='不违反']").all():
        radio.check()
    page.get_by_label("审查结论").fill("经对照四类十九项标准逐项审查，未发现排除、限制竞争的内容。")
    page.get_by_role("button", name="提交审查结论").click()
    expect(page.locator(".messages")).to_contain_text("公平竞争审查已记录")


def issue_opinion(page, outcome: str, conclusion: str, failing: str = "") -> None:
    """The adviser fills the legality checklist and signs the opinion (法审〔YYYY〕N号)."""
    checklist = page.locator("table.listing").filter(
        has=page.get_by_role("columnheader", name="审查事项")
    )
    for row in checklist.locator("tbody tr").all():
        result = "不符合" if failing and failing in row.inner_text() else "符合"
        row.get_by_label(result, exact=True).check()
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("审核意见", exact=True).fill(conclusion)
    # Submitted today: under the 5-working-day minimum, so the adviser states the urgency.
    page.get_by_label("紧急审查说明").fill(URGENCY)
    page.get_by_role("button", name="签署并出具审核意见书").click()
    expect(page.locator(".messages")).to_contain_text(
        f"已出具审核意见书 法审〔{timezone.localdate().year}〕"
    )


def replace_in_body(page, old: str, new: str) -> None:
    """Edit the rich-text body as a person does: select ``old`` in Draftail and type ``new``."""
    page.get_by_role("tab", name="正文与附件").click()
    editor = page.locator("[data-contentpath='body'] [contenteditable=true]")
    expect(editor).to_contain_text(old)
    editor.click()
    expect(editor).to_be_focused()
    # Draft.js keeps its own selection and reads the page's one on ``selectionchange``,
    # which Chromium delivers as a queued task that typed input may overtake. Typing
    # into a selection Draft.js has not seen yet corrupts another paragraph, so wait for
    # the event (React's listener runs before ours) before typing.
    editor.evaluate(
        """(root, needle) => new Promise((resolve, reject) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const at = node.data.indexOf(needle);
                if (at >= 0) {
                    document.addEventListener("selectionchange", () => resolve(), {once: true});
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + needle.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            reject(new Error("not in the editor: " + needle));
        })""",
        old,
    )
    page.keyboard.insert_text(new)
    expect(editor).not_to_contain_text(old)
    # Draftail writes its hidden input a moment after the edit: wait for it, not a clock.
    body = page.locator("input[name=body]")
    expect(body).to_have_value(re.compile(re.escape(new)))
    expect(body).not_to_have_value(re.compile(re.escape(old)))


def record_deliberation(page, minutes: str) -> None:
    page.get_by_label("会议", exact=True).select_option("局党组会")
    page.get_by_label("会议纪要编号").fill(minutes)
    page.get_by_label("决定", exact=True).select_option("通过")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("集体审议已记录")


def secrecy_url(document) -> str:
    from django.urls import reverse

    return reverse("review_secrecy_check", args=[document.cached_content_type.pk, document.pk])


def record_secrecy(page, url: str) -> None:
    """The office's 保密审查 of the version about to be published."""
    page.goto(url)
    page.get_by_label("可以公开").check()
    page.get_by_label("审查依据").fill("不涉及国家秘密、工作秘密、商业秘密和个人隐私。")
    page.get_by_role("button", name="记录保密审查").click()
    expect(page.locator(".messages")).to_contain_text("保密审查已记录")


def register(page) -> re.Match:
    """The office's 统一登记编号; approving it publishes. Returns the numbers it announced."""
    page.get_by_role("button", name="提交").click()
    message = page.locator(".messages")
    expect(message).to_contain_text("已统一登记")
    found = re.search(
        r"已统一登记（(\S+登〔\d{4}〕\d+号)，(\S+〔\d{4}〕\d+号)）并公布", message.inner_text()
    )
    assert found, message.inner_text()
    return found


def api_json(base: str, path: str) -> dict:
    """A GET on the live server as the portal team's client does (no cookies, no browser)."""
    with urllib.request.urlopen(f"{base}{path}", timeout=15) as response:
        assert response.status == 200
        return json.loads(response.read().decode("utf-8"))


def log_in_as(page, admin_login, username: str) -> None:
    page.context.clear_cookies()  # the previous actor's session ends
    admin_login(page, username)


def test_a_document_goes_from_submission_through_rejection_to_the_portal_and_the_api(
    demo, live_server, page, admin_login, shoot
):
    from cms.models import NormativeDocumentPage
    from review.models import LegalOpinion, Registration

    base = live_server.url
    document = NormativeDocumentPage.objects.get(slug=DOCUMENT_KEY)
    title = document.title
    assert not document.live and document.current_workflow_state is None
    assert "具有本区户籍" in document.body
    year = timezone.localdate().year

    # 1. The drafter submits the draft, then records the unit's fair-competition review.
    log_in_as(page, admin_login, DRAFTER)
    page.goto(f"{base}/admin/pages/{document.pk}/edit/")
    submit_for_review(page)
    shoot(page, "submitted")
    page.goto(f"{base}/admin/")
    awaiting_task(page, title, "公平竞争审查")
    record_fair_competition(page)
    shoot(page, "fair-competition-recorded")

    # 2. The adviser rejects it with a written opinion, the checklist marking the conflict.
    log_in_as(page, admin_login, "adviser")
    awaiting_task(page, title, "合法性审查")
    expect(page.get_by_role("link", name=re.compile("查看送审版本"))).to_be_visible()
    shoot(page, "legal-review-form")
    issue_opinion(page, "不同意", REJECTION, failing="上位法")
    expect(page.locator(".messages")).not_to_contain_text("没有权限")
    shoot(page, "rejected")
    rejection = LegalOpinion.objects.for_object(document).get()
    assert rejection.outcome == "不同意"
    assert re.fullmatch(rf"法审〔{year}〕\d+号", rejection.number)

    # 3. The drafter reads the opinion in the editor's workflow status, revises and resubmits.
    log_in_as(page, admin_login, DRAFTER)
    page.goto(f"{base}/admin/pages/{document.pk}/edit/")
    page.get_by_role("button", name="状态开关").click()
    page.get_by_role("button", name="查看详情").click()
    timeline = page.get_by_role("dialog", name="行政规范性文件审核流程")
    expect(timeline).to_contain_text(rejection.number)
    expect(timeline).to_contain_text(REJECTION)
    shoot(page, "drafter-reads-opinion")
    page.keyboard.press("Escape")
    expect(timeline).to_be_hidden()
    replace_in_body(page, "具有本区户籍", "在本区实际居住")
    shoot(page, "revised")
    submit_for_review(page)

    # 4. The adviser sees the earlier opinion and the diff link, and approves.
    log_in_as(page, admin_login, "adviser")
    awaiting_task(page, title, "合法性审查")
    expect(page.locator("main")).to_contain_text(REJECTION)
    expect(page.get_by_role("link", name=re.compile("与上次审核版本"))).to_be_visible()
    issue_opinion(page, "同意", APPROVAL)
    shoot(page, "approved")

    # 5. The revision changed since the first self-review: the drafting unit reviews it again.
    log_in_as(page, admin_login, DRAFTER)
    awaiting_task(page, title, "公平竞争审查")
    record_fair_competition(page)

    # 6. The office records the leadership meeting, then registers: that publishes it.
    log_in_as(page, admin_login, "office")
    awaiting_task(page, title, "集体审议")
    record_deliberation(page, f"党组会纪要〔{year}〕9号")
    record_secrecy(page, f"{base}{secrecy_url(document)}")
    page.goto(f"{base}/admin/")
    awaiting_task(page, title, "统一登记编号")
    numbers = register(page)
    registration_number, doc_number = numbers.group(1), numbers.group(2)
    shoot(page, "registered")
    document.refresh_from_db()
    assert document.live
    assert document.registration_number == registration_number
    assert document.doc_number == doc_number
    assert Registration.for_object(document).get().registration_number == registration_number
    approval = LegalOpinion.objects.for_object(document).first()
    assert approval.outcome == "同意" and approval.revision_id != rejection.revision_id

    # 7. A citizen finds it on the portal, with its numbers and the revised text.
    page.context.clear_cookies()
    page.goto(f"{base}/")
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="规范性文件").click()
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    meta = page.locator("table.meta")
    expect(meta).to_contain_text(registration_number)
    expect(meta).to_contain_text(doc_number)
    expect(meta).to_contain_text("现行有效")
    expect(page.locator("main")).to_contain_text("在本区实际居住")
    expect(page.locator("main")).not_to_contain_text("具有本区户籍")
    shoot(page, "portal-document")

    # 8. The portal team's API lists it by its 文号 and serves the published text.
    listing = api_json(base, f"/api/v2/documents/?doc_number={quote(doc_number)}")
    assert listing["total"] == 1
    [item] = listing["items"]
    assert (item["id"], item["title"]) == (document.pk, title)
    assert item["registration_number"] == registration_number
    detail = api_json(base, f"/api/v2/documents/{document.pk}/")
    assert "在本区实际居住" in detail["body"] and "具有本区户籍" not in detail["body"]
