"""``setup_bureau``: a production install gets its portal, roles and workflows without demo data."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
)

from cms import roles
from cms.models import (
    Contract,
    Department,
    DepartmentFolderPage,
    DocumentIndexPage,
    NormativeDocumentPage,
    PortalHomePage,
)
from cms.services import site_tree_ensure
from prereview.models import PreReviewRule
from prereview.rules import RULES
from review.setup import WAGTAIL_DEFAULT_GROUPS, WAGTAIL_DEFAULT_WORKFLOW
from tests import factories

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


def test_wagtails_unused_defaults_leave_the_tree(db):
    """Wagtail's migrations put "Moderators approval" on the root page: a relief month or a
    folder would offer an English submit button whose empty Moderators group never acts."""
    assert Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()  # as migrated
    assert WorkflowPage.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW).exists()
    setup()
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert not Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exists()
    department = Department.objects.create(name="社会救助站", code="jiuzhu")
    setup()  # provisions the department's folders
    month = factories.make_relief_disclosure(department, 2026, 10, live=False)
    assert month.get_workflow() is None
    document = factories.make_document(department)
    assert document.get_workflow().name == "行政规范性文件审核流程"


def test_a_default_workflow_in_use_only_comes_off_the_root(db, django_user_model):
    """Something ran through it, or an administrator put it on a section: it stays there."""
    workflow = Workflow.objects.get(name=WAGTAIL_DEFAULT_WORKFLOW)
    tree = site_tree_ensure()
    WorkflowPage.objects.create(page=tree.relief, workflow=workflow)
    page = tree.home  # an earlier version's page, reviewed the Wagtail way
    page.save_revision()
    workflow.start(page, django_user_model.objects.create(username="editor"))
    moderators = Group.objects.get(name="Moderators")
    moderators.user_set.add(django_user_model.objects.create(username="moderator"))
    setup()
    workflow.refresh_from_db()
    assert workflow.active and GroupApprovalTask.objects.filter(name=workflow.name).exists()
    assert [wp.page_id for wp in WorkflowPage.objects.filter(workflow=workflow)] == [tree.relief.pk]
    assert Group.objects.filter(pk=moderators.pk).exists()  # someone is in it
    assert not Group.objects.filter(name="Editors").exists()


def test_setup_offers_the_shipped_statute_library():
    from cms.models import Statute

    assert "未导入" in setup()
    assert not Statute.objects.filter(name="信访工作条例").exists()
    out = StringIO()
    call_command("setup_bureau", "--statutes", stdout=out)
    assert "法律法规库：statutes.csv" in out.getvalue()
    assert Statute.objects.get(name="信访条例").replaced_by.name == "信访工作条例"
    assert Statute.objects.count() >= 200
