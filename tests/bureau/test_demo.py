"""The demo bureau (``manage.py load_demo``): idempotent, every user can log in to a Chinese
admin, and it shows the states docs/architecture.md and the customer's 2023 report call for."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Revision

from bureau.demo import data
from bureau.demo.loader import DEMO_PASSWORD
from cms.models import (
    AttachmentFile,
    Contract,
    DecisionItem,
    Department,
    MajorDecisionListPage,
    NormativeDocumentPage,
    PowerItem,
    PowerListImport,
    Statute,
)

REPEALED_BY_CIVIL_CODE = [
    "中华人民共和国婚姻法",
    "中华人民共和国继承法",
    "中华人民共和国民法通则",
    "中华人民共和国收养法",
    "中华人民共和国担保法",
    "中华人民共和国合同法",
    "中华人民共和国物权法",
    "中华人民共和国侵权责任法",
    "中华人民共和国民法总则",
]
CIVIL_CODE = "中华人民共和国民法典"


def demo_counts() -> dict[str, int]:
    documents = NormativeDocumentPage.objects
    return {
        "departments": Department.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "live documents": documents.live().count(),
        "draft documents": documents.not_live().count(),
        "contracts": Contract.objects.count(),
        "signed contracts": Contract.objects.filter(signed_on__isnull=False).count(),
        "decision lists": MajorDecisionListPage.objects.count(),
        "decision items": DecisionItem.objects.count(),
        "decision item history": DecisionItem.history.count(),
        "power items": PowerItem.objects.count(),
        "statutes": Statute.objects.count(),
        "attachments": AttachmentFile.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.fixture(scope="module")
def demo(demo_bureau_module):
    """``manage.py load_demo``, restored from the session's snapshot (tests/fixtures_demo.py)
    for this module's tests; the database's former contents come back after them."""


pytestmark = pytest.mark.django_db


def test_migration_preloads_the_civil_code_and_the_nine_laws_it_repealed():
    """Before any demo data: the statute list a fresh installation starts with."""
    code = Statute.objects.get(name=CIVIL_CODE)
    assert code.status == "现行有效"
    repealed = Statute.objects.filter(name__in=REPEALED_BY_CIVIL_CODE)
    assert repealed.count() == 9
    assert set(repealed.values_list("status", flat=True)) == {"已废止"}
    assert set(repealed.values_list("replaced_by", flat=True)) == {code.pk}
    assert {str(day) for day in repealed.values_list("repealed_on", flat=True)} == {"2021-01-01"}


def test_statute_list_in_the_admin_finds_a_law_by_its_short_name(login, office_user):
    Statute.objects.create(
        name="宁夏回族自治区养老服务条例", short_name="养老服务条例", level="地方性法规"
    )
    response = login(office_user).get("/admin/snippets/cms/statute/", {"q": "养老服务条例"})
    assert response.status_code == 200
    assert "宁夏回族自治区养老服务条例" in response.content.decode()


# With the demo loaded (twice) ---------------------------------------------------------------


def test_loading_the_demo_twice_changes_nothing(demo):
    first = demo_counts()
    call_command("load_demo", stdout=StringIO())
    assert demo_counts() == first


def test_demo_has_the_bureaus_departments_users_and_records(demo):
    counts = demo_counts()
    assert counts["departments"] == len(data.DEPARTMENTS)
    assert counts["users"] >= len(data.USERS)
    # bureau.demo.loader's documents, plus the policy measures the annual report's demo walks
    # (bureau.demo.reports), plus the pre-review demo draft (bureau/demo/prereview.py)
    from bureau.demo import reports as report_demo

    report_documents = len(report_demo.POLICY_MEASURES_2023) + len(report_demo.ON_REQUEST_2023) + 1
    assert counts["live documents"] + counts["draft documents"] == (
        len(data.DOCUMENTS) + report_documents + 1
    )
    assert counts["contracts"] == len(data.CONTRACTS)
    assert counts["decision lists"] == len(data.DECISION_LISTS)
    assert counts["decision items"] > 0
    assert counts["decision item history"] > counts["decision items"]


def test_power_list_has_the_80_items_of_the_2023_report(demo):
    by_category = {
        category: PowerItem.objects.filter(category=category).count()
        for category in PowerItem.objects.values_list("category", flat=True).distinct()
    }
    assert by_category == {
        "行政给付": 8,
        "行政许可": 5,
        "行政确认": 4,
        "行政检查": 6,
        "行政强制": 2,
        "行政奖励": 2,
        "行政裁决": 1,
        "行政处罚": 50,
        "其他": 2,
    }
    assert PowerItem.objects.count() == 80
    # loaded through the importer from bureau/demo/power_list.csv, with history and batch
    assert PowerItem.history.filter(history_type="+", import_batch__isnull=False).count() == 80
    assert PowerListImport.objects.filter(filename="power_list.csv").exists()
    assert not PowerItem.objects.filter(department__isnull=True).exists()


@pytest.mark.parametrize("username", [user["username"] for user in data.USERS])
def test_each_demo_user_logs_in_with_the_printed_password(demo, client, username):
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_load_demo_prints_the_logins_and_the_password(demo):
    out = StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    for user in data.USERS:
        assert user["username"] in printed


def test_admin_is_in_chinese(demo, client):
    login_page = client.get("/admin/login/").content.decode()
    assert 'lang="zh-hans"' in login_page
    assert "登录" in login_page
    assert client.login(request=HttpRequest(), username="office", password=DEMO_PASSWORD)
    html = client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html
    # the sidebar menu is JSON for the admin's JavaScript
    assert "合同台账" in html or json.dumps("合同台账")[1:-1] in html


def test_demo_has_a_draft_document(demo):
    assert NormativeDocumentPage.objects.not_live().exists()


def test_demo_has_a_current_document_still_citing_the_repealed_marriage_law(demo):
    citing = NormativeDocumentPage.objects.live().filter(
        validity_status="现行有效", legal_bases__statute__name="中华人民共和国婚姻法"
    )
    assert citing.exists()
    assert "《中华人民共和国婚姻法》" in str(citing.first().body)


def test_demo_has_a_current_document_expiring_within_six_months(demo):
    today = timezone.localdate()
    expiring = NormativeDocumentPage.objects.live().filter(
        validity_status="现行有效",
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=183),
    )
    assert expiring.exists(), f"no current document expires between {today} and six months on"


def test_demo_has_an_abolished_document_naming_its_replacement(demo):
    abolished = NormativeDocumentPage.objects.filter(validity_status="已废止").exclude(
        replaced_by=None
    )
    assert abolished.count() == 1
    document = abolished.get()
    assert document.status_changed_on is not None
    assert document.replaced_by.specific.validity_status == "现行有效"


def test_demo_has_the_seven_contracts_reviewed_and_signed_in_2023(demo):
    assert Contract.objects.filter(signed_on__year=2023).count() == 7
