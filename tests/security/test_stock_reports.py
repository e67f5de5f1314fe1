"""Audit finding 7: Wagtail's stock reports listed other departments' drafts to a drafter.

Department 社会救助站 (jiuzhu) has a draft contract and a draft document in review; the
drafter of 社会事务站 (shiwu) opens every stock report and its results URL and must find
neither title, while jiuzhu's own drafter still finds both where Wagtail lists them.
"""

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from tests import factories
from tests.review import helpers as h

CONTRACT_TITLE = "救助站保密测试合同甲一号"
DOCUMENT_TITLE = "救助站保密测试办法草稿乙二号"

REPORTS = [
    "workflow",
    "workflow_results",
    "workflow_tasks",
    "workflow_tasks_results",
    "site_history",
    "site_history_results",
    "page_types_usage",
    "page_types_usage_results",
    "locked_pages",
    "aging_pages",
]


@pytest.fixture
def drafts_in_review(workflows, jiuzhu, shiwu, jiuzhu_drafter):
    contract = factories.ContractFactory(department=jiuzhu, title=CONTRACT_TITLE)
    log(instance=contract, action="wagtail.create", user=jiuzhu_drafter)
    contract.save_revision(user=jiuzhu_drafter, log_action=True)
    h.submit(contract, jiuzhu_drafter)
    page = factories.make_document(jiuzhu, title=DOCUMENT_TITLE)
    page.save_revision(user=jiuzhu_drafter, log_action=True)
    h.submit(page, jiuzhu_drafter)
    return contract, page


def report_html(client, user, name: str, *, may_be_refused: bool = False) -> str:
    """The report as ``user`` gets it ("" when Wagtail sends them back to the dashboard,
    which it does for a report they hold no permission for)."""
    client.force_login(user)
    response = client.get(reverse(f"wagtailadmin_reports:{name}"))
    if may_be_refused and response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
        return ""
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("name", REPORTS)
def test_another_departments_drafter_finds_no_foreign_draft_in_a_stock_report(
    client, drafts_in_review, shiwu_drafter, name
):
    html = report_html(client, shiwu_drafter, name, may_be_refused=True)
    assert CONTRACT_TITLE not in html
    assert DOCUMENT_TITLE not in html


@pytest.mark.parametrize("name", ["workflow", "workflow_tasks", "site_history"])
def test_the_drafting_department_still_finds_its_contract_in_review_in_the_report(
    client, drafts_in_review, jiuzhu_drafter, name
):
    assert CONTRACT_TITLE in report_html(client, jiuzhu_drafter, name)


def test_the_adviser_and_office_see_every_department_in_the_site_history(
    client, drafts_in_review, office_user
):
    assert CONTRACT_TITLE in report_html(client, office_user, "site_history")


def test_the_page_types_report_names_only_the_drafters_own_last_edited_document(
    client, drafts_in_review, jiuzhu_drafter, shiwu, shiwu_drafter
):
    own = factories.make_document(shiwu, title="事务站自己的办法")
    own.save_revision(user=shiwu_drafter)
    html = report_html(client, shiwu_drafter, "page_types_usage")
    assert "事务站自己的办法" in html
    assert DOCUMENT_TITLE not in html
