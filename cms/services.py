"""Writes that set up the bureau's structure: site tree, role groups, departments.

All idempotent, so the demo command, tests and an administrator's new department go
through the same path.
"""

from typing import NamedTuple

from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
)

from cms import roles
from cms.models import (
    DecisionListIndexPage,
    Department,
    DepartmentFolderPage,
    DocumentIndexPage,
    PortalHomePage,
    ReliefFolderPage,
    ReliefIndexPage,
)

DOCUMENT_COLLECTION_PERMISSIONS = ["add_document", "change_document", "choose_document"]


class SiteTree(NamedTuple):
    home: PortalHomePage
    documents: DocumentIndexPage
    decisions: DecisionListIndexPage
    relief: ReliefIndexPage


@transaction.atomic
def site_tree_ensure() -> SiteTree:
    """The portal's home, the document library, the decision-list and relief sections."""
    home = PortalHomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=PortalHomePage(title="门户首页", slug="home-portal"))
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "法治审核与公开平台"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name="法治审核与公开平台",
            )
        if old_root and old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    documents = DocumentIndexPage.objects.child_of(home).first() or home.add_child(
        instance=DocumentIndexPage(title="行政规范性文件", slug="documents")
    )
    decisions = DecisionListIndexPage.objects.child_of(home).first() or home.add_child(
        instance=DecisionListIndexPage(title="重大行政决策事项目录", slug="decisions")
    )
    relief = ReliefIndexPage.objects.child_of(home).first() or home.add_child(
        instance=ReliefIndexPage(title="社会救助公示", slug="relief")
    )
    return SiteTree(home, documents, decisions, relief)


@transaction.atomic
def roles_ensure() -> dict:
    """Role groups with their model permissions, plus page/collection permissions."""
    tree = site_tree_ensure()
    groups = roles.ensure_role_groups()
    office = groups["office"]
    for section in (tree.documents, tree.decisions, tree.relief):
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=office, page=section, permission=_page_permission(codename)
            )
    root_collection = Collection.get_first_root_node()
    for group, codenames in (
        (office, DOCUMENT_COLLECTION_PERMISSIONS),
        (groups["adviser"], ["choose_document"]),
        (groups["admin"], DOCUMENT_COLLECTION_PERMISSIONS),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_document_permission(codename),
            )
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.get_or_create(
            group=groups["admin"], page=tree.home, permission=_page_permission(codename)
        )
    return groups


@transaction.atomic
def department_provision(department: Department) -> Department:
    """Give a department its drafters' group, its folder in the library and its collection.

    The group's page permissions sit on the folder only: Wagtail then shows and lets a
    drafter edit nothing outside their department.
    """
    tree = site_tree_ensure()
    group = department.group
    if group is None:
        group = roles.ensure_group(f"{roles.DRAFTER_PREFIX}{department.name}", [])
        department.group = group
    group.permissions.add(*roles.permissions_from(roles.DRAFTER_PERMISSIONS))
    if department.collection_id is None:
        department.collection = Collection.get_first_root_node().add_child(name=department.name)
    department.save()

    folder = DepartmentFolderPage.objects.filter(department=department).first()
    if folder is None:
        folder = tree.documents.add_child(
            instance=DepartmentFolderPage(
                title=department.name, slug=department.code, department=department
            )
        )
    for codename in ("add_page", "change_page", "lock_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=folder, permission=_page_permission(codename)
        )
    for codename in DOCUMENT_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=department.collection,
            permission=_document_permission(codename),
        )
    return department


# A department publishes its own monthly relief lists (谁制作、谁发布、谁负责): no legal
# review applies to them, only the privacy guard, so its drafters may publish there.
RELIEF_FOLDER_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


@transaction.atomic
def relief_folder_ensure(department: Department) -> ReliefFolderPage:
    """The department's folder under 社会救助公示, its drafters' page permissions on it.

    Made when the department first publishes a relief list (import, demo), not for every
    department: a drafter with a second area would lose Wagtail's start in their own folder.
    """
    tree = site_tree_ensure()
    folder = ReliefFolderPage.objects.filter(department=department).first()
    if folder is None:
        folder = tree.relief.add_child(
            instance=ReliefFolderPage(
                title=department.name, slug=department.code, department=department
            )
        )
    if department.group_id:
        for codename in RELIEF_FOLDER_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=department.group, page=folder, permission=_page_permission(codename)
            )
    return folder


def _page_permission(codename: str):
    return roles.permissions_from([f"wagtailcore.{codename}"])[0]


def _document_permission(codename: str):
    return roles.permissions_from([f"wagtaildocs.{codename}"])[0]
