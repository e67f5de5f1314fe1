"""The permission matrix: every role × object × action, with the expected answer.

This table is the reference a maintainer reads (docs/permissions.md is generated from it
by ``python -m tests.security.permission_matrix``) and the source of the generated test
tests/security/test_permission_matrix.py, which checks each cell through the real paths.

Roles: the drafter of department A (owner of every object below) and of department B,
the legal adviser, the office, the leadership, the administrator (the 管理员 group, not a
superuser) and an anonymous visitor.

Objects (all of department A): a normative document as a draft, in review (at the legal
review), approved (opinion 同意, at the collective deliberation) and published (through
registration); a draft contract; a draft decision list (one item led by A), that item's
decision draft (决策方案, unpublished) and one of its records (an expert opinion); a published
relief month; the legal opinion on the approved document; a pre-review run on the draft;
the draft's attachment file; a public comment on a draft opened for consultation; and a
document the office itself submitted, now at the collective deliberation the office
records (separation of duties: nobody may approve it, the office least of all).

What each action means for a cell (checked by the test):
- view: the object's admin or public page answers 200 (for a comment: it is listed).
- download: the attachment of the document, the file, the opinion's archive PDF: 200.
- search: the object's unique token is found by the search entry point for that user.
- edit: the editor opens for change (permission and no review lock).
- submit: the user may start the review workflow.
- approve: the user completes the current review task (opinion, deliberation).
- publish: publishing the latest revision succeeds (the gate holds: no unreviewed version).
- copy: copying with "publish copies" yields a live copy (never: a copy is a draft).
- move: moving into department B's folder succeeds.
- delete: the object is gone afterwards (for a comment: the comment is gone after its
  document is deleted — public comments are never lost).
- export: the object appears in the register export (contracts).
Login security: the login records list a failed login; the lockouts page lists a locked
account, and its "delete" is 解除锁定 (the lock is gone afterwards).
保密审查: "view" opens the screen, "approve" records a check (review.record_secrecycheck;
never by who wrote or submitted the version). 依申请公开: a live document that anonymous
visitors never see (page 404, lists, API, feeds, sitemap, search).
Power list: "view" is the public /power-list/ change log naming the item; "publish" is an
import through the admin upload (the list goes live as imported); "export" the listing's
CSV export.
存量导入: a batch's page lists it (view); "publish" uploads a one-row manifest, reads the
dry run and confirms it (a new batch exists afterwards); "delete" is 撤销本批 (the batch is
undone and its document offline afterwards).
"""

ALLOWED, REFUSED, NA = "allowed", "refused", "n/a"

ROLES = ("drafter_a", "drafter_b", "adviser", "office", "leader", "admin", "anonymous")
ROLE_LABELS = {
    "drafter_a": "A科室起草人",
    "drafter_b": "B科室起草人",
    "adviser": "法律顾问",
    "office": "局办公室",
    "leader": "局领导",
    "admin": "管理员",
    "anonymous": "匿名访客",
}
OBJECTS = (
    "draft",
    "in_review",
    "approved",
    "published",
    "contract",
    "decision_list",
    "decision_draft",
    "decision_record",
    "relief_month",
    "opinion",
    "prereview_run",
    "attachment",
    "comment",
    "self_submitted",
    "login_records",
    "login_lockout",
    "power_item",
    "statute_import",
    "import_batch",
    "secrecy_check",
    "on_request",
    "disclosure_request",
    "disclosure_report",
    "scan_finding",
)
OBJECT_LABELS = {
    "draft": "规范性文件草稿",
    "in_review": "审核中的规范性文件",
    "approved": "已出具同意意见的规范性文件",
    "published": "已公布的规范性文件",
    "contract": "合同（草稿）",
    "decision_list": "重大行政决策事项目录（草稿）",
    "decision_draft": "重大行政决策方案（草稿，A科室承办的事项）",
    "decision_record": "重大行政决策专家论证意见（A科室承办的事项）",
    "relief_month": "社会救助月度公示",
    "opinion": "法律审核意见书",
    "prereview_run": "预审记录",
    "attachment": "附件文件（草稿的）",
    "comment": "公众意见",
    "self_submitted": "局办公室自己提交、待集体审议的文件",
    "login_records": "登录记录（设置 → 登录记录）",
    "login_lockout": "账号锁定（设置 → 账号锁定）",
    "power_item": "权力清单事项（权责清单）",
    "statute_import": "法规库导入记录及变更报告（基础数据 → 法律法规库 → 导入法规库）",
    "import_batch": "存量导入批次（存量导入）",
    "secrecy_check": "保密审查（待集体审议的文件，编辑页“保密审查”）",
    "on_request": "已发布但公开属性为依申请公开的规范性文件",
    "disclosure_request": "政府信息公开申请（依申请公开）",
    "disclosure_report": "政府信息公开工作年度报告",
    "scan_finding": "个人信息排查结果",
}
ACTIONS = (
    "view",
    "download",
    "search",
    "edit",
    "submit",
    "approve",
    "publish",
    "copy",
    "move",
    "delete",
    "export",
)


def _row(allowed: str = "", refused: str = "*") -> dict[str, str]:
    """``allowed``: the roles allowed (space separated); every other role is refused, or
    not applicable when ``refused`` is "" ("*": refused)."""
    allow = set(allowed.split())
    assert allow <= set(ROLES), allow - set(ROLES)
    other = REFUSED if refused == "*" else NA
    return {role: ALLOWED if role in allow else other for role in ROLES}


NONE = _row()  # refused to everyone
NOT_APPLICABLE = _row(refused="")
BUREAU = "adviser office leader admin"
DEPARTMENT_A = f"drafter_a {BUREAU}"  # A's own items: its drafters and the bureau roles
EVERYONE = " ".join(ROLES)
EDITORS_A = "drafter_a office admin"  # page permissions on A's folder (office, admin: all)

_DOCUMENT_READ = {
    "view": _row(DEPARTMENT_A),
    "download": _row(DEPARTMENT_A),
    "search": _row(DEPARTMENT_A),
}
_IN_WORKFLOW = {  # locked while a review task is in progress: nobody edits or deletes
    **_DOCUMENT_READ,
    "edit": NONE,
    "submit": NONE,
    "publish": NONE,
    "copy": NONE,
    "move": _row("office admin"),  # reassigned like a draft; the review goes on
    "delete": NONE,
    "export": NOT_APPLICABLE,
}

MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "draft": {
        **_DOCUMENT_READ,
        "edit": _row(EDITORS_A),
        "submit": _row(EDITORS_A),
        "approve": NOT_APPLICABLE,  # not in review
        "publish": NONE,  # no opinion on it: the gate refuses everyone
        "copy": NONE,
        "move": _row("office admin"),  # the section's editors may reassign a draft
        "delete": _row(EDITORS_A),
        "export": NOT_APPLICABLE,
    },
    "in_review": {**_IN_WORKFLOW, "approve": _row("adviser")},
    "approved": {**_IN_WORKFLOW, "approve": _row("office")},  # records the deliberation
    "published": {
        "view": _row(EVERYONE),
        "download": _row(EVERYONE),
        "search": _row(EVERYONE),
        "edit": _row(EDITORS_A),  # a new draft revision; the live one stays
        "submit": _row(EDITORS_A),
        "approve": NOT_APPLICABLE,
        "publish": NOT_APPLICABLE,  # already live
        "copy": NONE,  # never a live copy without review
        "move": _row("office admin"),  # the place changes, not the reviewed live content
        "delete": NONE,  # reviewed and public: refused in Chinese
        "export": NOT_APPLICABLE,
    },
    "contract": {
        "view": _row(DEPARTMENT_A),
        "download": NOT_APPLICABLE,
        "search": _row(DEPARTMENT_A),
        "edit": _row(EDITORS_A),
        "submit": _row(EDITORS_A),
        "approve": NOT_APPLICABLE,
        "publish": NONE,  # no opinion, no sign-off
        "copy": NOT_APPLICABLE,
        "move": NOT_APPLICABLE,
        "delete": _row("admin"),
        "export": _row(DEPARTMENT_A),
    },
    "decision_list": {
        "view": _row(BUREAU),  # a draft list: its editors and the bureau-wide roles
        "download": NOT_APPLICABLE,
        "search": NOT_APPLICABLE,
        "edit": _row("office admin"),
        "submit": _row("office admin"),
        "approve": NOT_APPLICABLE,
        "publish": NONE,
        "copy": NONE,
        "move": NOT_APPLICABLE,
        "delete": _row("office admin"),
        "export": NOT_APPLICABLE,
    },
    "decision_draft": {  # 决策方案: its own review path; published only through the gate
        "view": _row(BUREAU),
        "download": NOT_APPLICABLE,
        "search": NONE,  # not in the full-text index; never found before 决策公布
        "edit": _row("office admin"),
        "submit": _row("office admin"),
        "approve": NOT_APPLICABLE,
        "publish": NONE,  # no opinion on it: the gate refuses everyone
        "copy": NONE,
        "move": NOT_APPLICABLE,
        "delete": _row("office admin"),
        "export": NOT_APPLICABLE,
    },
    "decision_record": {  # 专家论证 / 风险评估 / 会议: the item's lead unit and the office
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("drafter_a office admin"),
        "edit": _row("drafter_a office admin"),
        "delete": _row("admin"),  # cms.* only; the lead unit and the office never delete
    },
    "relief_month": {
        "view": _row(EVERYONE),
        "download": NOT_APPLICABLE,
        "search": NOT_APPLICABLE,
        "edit": _row(EDITORS_A),
        "submit": NOT_APPLICABLE,  # no legal review: the department publishes
        "approve": NOT_APPLICABLE,
        "publish": _row(EDITORS_A),
        "copy": NOT_APPLICABLE,
        "move": NOT_APPLICABLE,
        "delete": NOT_APPLICABLE,
        "export": NOT_APPLICABLE,
    },
    "opinion": {
        "view": _row(DEPARTMENT_A),
        "download": _row(DEPARTMENT_A),
        "search": NOT_APPLICABLE,
        "edit": NONE,  # append-only
        "submit": NOT_APPLICABLE,
        "approve": NOT_APPLICABLE,
        "publish": NOT_APPLICABLE,
        "copy": NOT_APPLICABLE,
        "move": NOT_APPLICABLE,
        "delete": NONE,
        "export": NOT_APPLICABLE,
    },
    "prereview_run": {
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row(DEPARTMENT_A),
    },
    "attachment": {
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "download": _row(DEPARTMENT_A),
        "edit": _row(EDITORS_A),
        "delete": NONE,
    },
    "comment": {
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row(EDITORS_A),  # those who answer the document's comments
        "delete": NONE,
    },
    "self_submitted": {  # separation of duties: the submitter never records the decision
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "approve": NONE,
    },
    "login_records": {  # accounts.view_login_records
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("admin"),
    },
    "login_lockout": {  # delete = 解除锁定 (accounts.unlock_login)
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("admin"),
        "delete": _row("admin"),
    },
    "power_item": {  # published as saved, not gated: the change is recorded (cms.gates)
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row(EVERYONE),  # /power-list/ and its change log
        "edit": _row("office admin"),
        "publish": _row("office admin"),  # 从Excel导入 (cms.add_ and change_poweritem)
        "delete": _row("admin"),
        "export": _row(BUREAU),
    },
    "statute_import": {  # view = its change report; edit = importing a statute list
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("adviser office admin"),  # cms.add_statute and cms.change_statute
        "edit": _row("adviser office admin"),
    },
    "import_batch": {  # review.import_legacy; publish = 确认导入 a manifest, delete = 撤销本批
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("admin"),
        "publish": _row("admin"),
        "delete": _row("admin"),
    },
    "secrecy_check": {  # review.record_secrecycheck; approve = record the check
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("office admin"),
        "approve": _row("office admin"),
    },
    "on_request": {  # live but not 主动公开: never public, staff as for a draft
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row(DEPARTMENT_A),
        "search": _row(DEPARTMENT_A),
    },
    "disclosure_request": {  # view = its page; edit = 告知补正; approve = 批准延期
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("office leader admin"),
        "edit": _row("office admin"),
        "approve": _row("leader"),
    },
    "disclosure_report": {  # edit = the year's text (五、六), export = XLSX
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("office leader admin"),
        "edit": _row("office admin"),
        "export": _row("office leader admin"),
    },
    "scan_finding": {  # view = listed on 个人信息排查; edit = a decision recorded
        **dict.fromkeys(ACTIONS, NOT_APPLICABLE),
        "view": _row("office admin"),
        "edit": _row("office admin"),
    },
}


def cells():
    """Every applicable (role, object, action, expected) of the table."""
    for obj in OBJECTS:
        for action in ACTIONS:
            for role in ROLES:
                expected = MATRIX[obj][action][role]
                if expected != NA:
                    yield role, obj, action, expected


SYMBOL = {ALLOWED: "✔", REFUSED: "✘", NA: "—"}


def as_markdown() -> str:
    lines = [
        "# 权限矩阵（Permission matrix）",
        "",
        "Generated from `tests/security/permission_matrix.py` "
        "(`python -m tests.security.permission_matrix > docs/permissions.md`); "
        "`tests/security/test_permission_matrix.py` checks every cell through the real "
        "admin/public URLs and services. ✔ allowed · ✘ refused · — not applicable.",
        "",
        "Permissions are checked with `user.has_perm` / Wagtail permission policies, never by "
        "a group's name. Declared permissions (defaults per role in `cms/roles.py`): "
        "`cms.view_all_departments`, `cms.view_all_contracts`, `cms.sign_off_contract`, "
        "`review.sign_legalopinion`, `review.record_deliberation`, `review.register_item`, "
        "`review.import_legacy`, `review.record_secrecycheck`, `fulltext.decide_cleanup`, `fulltext.approve_cleanup`, "
        "`reports.read_annual_report`, `reports.enter_manual_figures`, "
        "`accounts.view_login_records`, `accounts.unlock_login`, and the model "
        "permissions of cleanup campaigns, competition phrases and pre-review rules.",
        "",
    ]
    header = "| 操作 | " + " | ".join(ROLE_LABELS[r] for r in ROLES) + " |"
    rule = "|---|" + "---|" * len(ROLES)
    for obj in OBJECTS:
        lines += [f"## {OBJECT_LABELS[obj]} (`{obj}`)", "", header, rule]
        for action in ACTIONS:
            answers = MATRIX[obj][action]
            if all(answer == NA for answer in answers.values()):
                continue
            symbols = " | ".join(SYMBOL[answers[role]] for role in ROLES)
            lines.append(f"| {action} | {symbols} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(as_markdown(), end="")
