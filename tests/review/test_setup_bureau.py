"""``setup_bureau``: a production install gets its portal, roles and workflows without demo data."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page, Site, Workflow, WorkflowContentType, WorkflowPage

from cms import roles
from cms.models import (
    Contract,
    Department,
    DepartmentFolderPage,
    DocumentIndexPage,
    NormativeDocumentPage,
    PortalHomePage,
)
from prereview.models import PreReviewRule
from prereview.rules import RULES

pytestmark = pytest.mark.django_db


def setup() -> str:
    out = StringIO()
    call_command("setup_bureau", stdout=out)
    return out.getvalue()


def test_a_fresh_database_gets_portal_roles_workflows_and_rules_but_no_demo_data(client):
    assert not PortalHomePage.objects.exists()
    output = setup()
    home = PortalHomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    documents = DocumentIndexPage.objects.child_of(home).get()
    assert set(roles.ROLE_GROUPS.values()) <= set(Group.objects.values_list("name", flat=True))
    assert WorkflowPage.objects.get(page=documents).workflow.active
    contracts = ContentType.objects.get_for_model(Contract)
    assert WorkflowContentType.objects.get(content_type=contracts).workflow.active
    assert PreReviewRule.objects.count() == len(RULES)
    assert not NormativeDocumentPage.objects.exists() and not Contract.objects.exists()
    assert not Department.objects.exists()
    assert "已初始化" in output and "createsuperuser" in output
    for path in ("/", "/documents/", "/relief/", "/api/v2/documents/"):
        assert client.get(path).status_code == 200, path  # an empty portal, not an error


def test_running_again_adds_nothing_and_provisions_departments_added_since():
    setup()
    counts = (Page.objects.count(), Group.objects.count(), Workflow.objects.count())
    department = Department.objects.create(code="jiuzhu", name="社会救助站")
    setup()
    department.refresh_from_db()
    assert department.group is not None and department.collection_id is not None
    assert DepartmentFolderPage.objects.filter(department=department).count() == 1
    assert Workflow.objects.count() == counts[2]
    assert Page.objects.count() == counts[0] + 1  # the new department's folder only
    setup()
    assert Page.objects.count() == counts[0] + 1
