"""The bureau's roles as Wagtail groups, and what each may do by default.

Every check in the code asks ``user.has_perm(...)`` (or a Wagtail permission policy built
on it), never a group's name: an administrator may rename a group, or give one permission
to someone else's group, in 设置 → 用户组. A role's group is found by its fixed key
(``cms.RoleGroup``), so renaming a group and re-running ``setup_bureau`` changes nothing.
These functions only establish the defaults, idempotently; after an upgrade,
``setup_bureau`` adds newly declared permissions to the existing groups.
"""

from django.contrib.auth.models import Group, Permission

ADVISER = "法律顾问"
OFFICE = "局办公室"
LEADER = "局领导"
ADMINISTRATOR = "管理员"
DRAFTER_PREFIX = "起草人-"

# Default names of the role groups, by role key (the key is what the code relies on).
ROLE_GROUPS = {"adviser": ADVISER, "office": OFFICE, "leader": LEADER, "admin": ADMINISTRATOR}

# The declared permissions the code checks (app_label.codename).
VIEW_ALL_DEPARTMENTS = "cms.view_all_departments"
VIEW_ALL_CONTRACTS = "cms.view_all_contracts"
SIGN_OFF_CONTRACT = "cms.sign_off_contract"
SIGN_OPINION = "review.sign_legalopinion"
RECORD_DELIBERATION = "review.record_deliberation"
REGISTER = "review.register_item"
IMPORT_LEGACY = "review.import_legacy"
RECORD_SECRECY = "review.record_secrecycheck"
DECIDE_CLEANUP = "fulltext.decide_cleanup"
APPROVE_CLEANUP = "fulltext.approve_cleanup"
READ_REPORT = "reports.read_annual_report"
ENTER_REPORT_FIGURES = "reports.enter_manual_figures"
HANDLE_DISCLOSURE = "disclosure.handle_request"  # 依申请公开: record each step, reply
APPROVE_DISCLOSURE_EXTENSION = "disclosure.approve_extension"
READ_DISCLOSURE_REPORT = "disclosure.read_disclosure_report"
DECIDE_SCAN_FINDING = "disclosure.decide_scan_finding"  # 个人信息排查: take down / mask
_DISCLOSURE_OFFICE = [
    HANDLE_DISCLOSURE,
    READ_DISCLOSURE_REPORT,
    DECIDE_SCAN_FINDING,
    "disclosure.view_disclosurerequest",
    "disclosure.add_appealcase",
    "disclosure.change_appealcase",
    "disclosure.delete_appealcase",
    "disclosure.change_disclosureyear",
]


def sees_every_department(user) -> bool:
    """Holders of ``cms.view_all_departments`` (the bureau-wide roles) see every
    department's items; a drafter only their own department's."""
    return bool(user.is_active and user.has_perm(VIEW_ALL_DEPARTMENTS))


_BUREAU_READS = [
    VIEW_ALL_DEPARTMENTS,
    VIEW_ALL_CONTRACTS,
    "cms.view_contract",
    "cms.view_statute",
    "cms.view_poweritem",
    "cms.view_department",
    READ_REPORT,
    "fulltext.view_cleanupcampaign",
    "fulltext.view_competitionphrase",
]
_CLEANUP_EDITING = [
    "fulltext.add_cleanupcampaign",
    "fulltext.change_cleanupcampaign",
    "fulltext.add_competitionphrase",
    "fulltext.change_competitionphrase",
    "fulltext.delete_competitionphrase",
]

# Each major decision's own records (专家论证, 风险评估, 集体讨论决定会议): the lead unit and
# the office record them; never deleted (an item with records is 调出, not deleted).
_DECISION_RECORDS = [
    f"cms.{action}_{model}"
    for model in ("expertopinion", "riskassessment", "decisionmeeting")
    for action in ("add", "change", "view")
]

# app_label.codename, per role (model permissions; page and collection permissions are
# granted on the tree in cms.services).
MODEL_PERMISSIONS = {
    ADVISER: [
        *_BUREAU_READS,
        *_CLEANUP_EDITING,
        SIGN_OPINION,
        DECIDE_CLEANUP,
        "cms.add_statute",
        "cms.change_statute",
    ],
    OFFICE: [
        *_BUREAU_READS,
        *_CLEANUP_EDITING,
        RECORD_DELIBERATION,
        REGISTER,
        RECORD_SECRECY,
        "cms.change_contract",
        "cms.add_statute",
        "cms.change_statute",
        "cms.add_poweritem",
        "cms.change_poweritem",
        "cms.add_decisionconsultation",
        "cms.change_decisionconsultation",
        "cms.view_decisionconsultation",
        *_DECISION_RECORDS,
        *_DISCLOSURE_OFFICE,
    ],
    LEADER: [
        *_BUREAU_READS,
        SIGN_OFF_CONTRACT,
        APPROVE_CLEANUP,
        APPROVE_DISCLOSURE_EXTENSION,
        READ_DISCLOSURE_REPORT,
        "disclosure.view_disclosurerequest",
    ],
    ADMINISTRATOR: [
        *_BUREAU_READS,
        *_CLEANUP_EDITING,
        "cms.*",
        "fulltext.delete_cleanupcampaign",
        IMPORT_LEGACY,
        RECORD_SECRECY,
        ENTER_REPORT_FIGURES,
        *_DISCLOSURE_OFFICE,
        "prereview.view_prereviewrule",
        "prereview.change_prereviewrule",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "accounts.view_login_records",  # 设置 → 登录记录
        "accounts.unlock_login",  # 设置 → 账号锁定
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
    *_DECISION_RECORDS,
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


def role_group(role: str) -> Group:
    """The group playing ``role`` (made with its default name the first time)."""
    from cms.models import RoleGroup

    bound = RoleGroup.objects.select_related("group").filter(role=role).first()
    if bound is not None:
        return bound.group
    group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
    RoleGroup.objects.create(role=role, group=group)
    return group


def ensure_role_groups() -> dict[str, Group]:
    """The four bureau-wide role groups with their default model permissions."""
    groups = {}
    for role, name in ROLE_GROUPS.items():
        group = role_group(role)
        group.permissions.add(*permissions_from([ACCESS_ADMIN, *MODEL_PERMISSIONS[name]]))
        groups[role] = group
    return groups
