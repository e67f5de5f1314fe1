"""The bureau's roles as Wagtail groups, and what each may do (DESIGN.md §1).

Permissions are data an administrator can edit afterwards in 设置 → 用户组; these
functions only establish the defaults, idempotently.
"""

from django.contrib.auth.models import Group, Permission

ADVISER = "法律顾问"
OFFICE = "局办公室"
LEADER = "局领导"
ADMINISTRATOR = "管理员"
DRAFTER_PREFIX = "起草人-"

ROLE_GROUPS = {"adviser": ADVISER, "office": OFFICE, "leader": LEADER, "admin": ADMINISTRATOR}


def sees_every_department(user) -> bool:
    """Superusers and the bureau-wide roles see every department's items; drafters their own."""
    return user.is_superuser or user.groups.filter(name__in=ROLE_GROUPS.values()).exists()


# app_label.codename, per role (model permissions; page and collection permissions are
# granted on the tree in cms.services).
MODEL_PERMISSIONS = {
    ADVISER: [
        "cms.view_contract",
        "cms.view_all_contracts",
        "cms.add_statute",
        "cms.change_statute",
        "cms.view_statute",
        "cms.view_poweritem",
        "cms.view_department",
    ],
    OFFICE: [
        "cms.view_contract",
        "cms.change_contract",
        "cms.view_all_contracts",
        "cms.view_statute",
        "cms.add_statute",
        "cms.change_statute",
        "cms.add_poweritem",
        "cms.change_poweritem",
        "cms.view_poweritem",
        "cms.view_department",
        "cms.add_decisionconsultation",
        "cms.change_decisionconsultation",
        "cms.view_decisionconsultation",
    ],
    LEADER: [
        "cms.view_contract",
        "cms.view_all_contracts",
        "cms.view_statute",
        "cms.view_poweritem",
        "cms.view_department",
    ],
    ADMINISTRATOR: [
        "cms.*",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
    ],
}
DRAFTER_PERMISSIONS = [
    "cms.add_contract",
    "cms.change_contract",
    "cms.view_contract",
    "cms.view_statute",
    "cms.add_decisionconsultation",
    "cms.change_decisionconsultation",
    "cms.view_decisionconsultation",
]
ACCESS_ADMIN = "wagtailadmin.access_admin"


def permissions_from(codes: list[str]) -> list[Permission]:
    found: list[Permission] = []
    for code in codes:
        app_label, codename = code.split(".", 1)
        perms = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            perms = perms.filter(codename=codename)
        matched = list(perms)
        if not matched:
            raise LookupError(f"unknown permission {code}")
        found.extend(matched)
    return found


def ensure_group(name: str, codes: list[str]) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*permissions_from([ACCESS_ADMIN, *codes]))
    return group


def ensure_role_groups() -> dict[str, Group]:
    """The four bureau-wide role groups with their model permissions."""
    return {role: ensure_group(name, MODEL_PERMISSIONS[name]) for role, name in ROLE_GROUPS.items()}
