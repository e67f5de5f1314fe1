"""The bureau's default review workflows (docs/architecture.md), created idempotently.

An administrator can change them afterwards under 设置 → 工作流; this only establishes
the defaults the demo and a fresh installation start from.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Task,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from cms import roles
from cms import services as cms_services
from cms.models import Contract
from review.models import (
    DeliberationTask,
    FairCompetitionTask,
    LegalReviewTask,
    RegistrationTask,
    SignOffTask,
)

NORMATIVE = "行政规范性文件审核流程"
CONTRACT = "合同审核流程"
DECISION_LIST = "重大行政决策事项目录审核流程"
# What Wagtail's own migrations create for a new site (wagtailcore 0046–0052).
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def _task(model, name: str, groups, **fields):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, **fields)
    task.groups.add(*groups)
    return task


def _workflow(name: str, tasks) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name)
    for order, task in enumerate(tasks):
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow


REVIEW_PERMISSIONS = {
    "adviser": [
        "review.view_legalopinion",
        "review.add_workdayadjustment",
        "review.change_workdayadjustment",
        "review.view_workdayadjustment",
    ],
    "office": [
        "review.view_legalopinion",
        "review.add_workdayadjustment",
        "review.change_workdayadjustment",
        "review.view_workdayadjustment",
    ],
    "leader": ["review.view_legalopinion"],
    "admin": ["review.*"],
}


@transaction.atomic
def workflows_ensure() -> dict[str, Workflow]:
    tree = cms_services.site_tree_ensure()
    groups = cms_services.roles_ensure()
    for role, codes in REVIEW_PERMISSIONS.items():
        groups[role].permissions.add(*roles.permissions_from(codes))
    adviser, office, leader = groups["adviser"], groups["office"], groups["leader"]
    legal = _task(LegalReviewTask, "合法性审查", [adviser])
    legal_major = _task(
        LegalReviewTask, "合法性审查（重大行政决策）", [adviser], working_days_minimum=7
    )
    fair = _task(FairCompetitionTask, "公平竞争审查", [office])
    deliberation = _task(DeliberationTask, "集体审议", [office])
    collective = _task(DeliberationTask, "集体讨论决定", [office])
    registration = _task(RegistrationTask, "统一登记编号", [office])
    sign_off = _task(SignOffTask, "局领导签批", [leader])

    workflows = {
        "normative": _workflow(NORMATIVE, [fair, legal, deliberation, registration]),
        "contract": _workflow(CONTRACT, [legal, sign_off]),
        "decision": _workflow(DECISION_LIST, [legal_major, collective]),
    }
    WorkflowPage.objects.get_or_create(
        page=tree.documents, defaults={"workflow": workflows["normative"]}
    )
    WorkflowPage.objects.get_or_create(
        page=tree.decisions, defaults={"workflow": workflows["decision"]}
    )
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Contract),
        defaults={"workflow": workflows["contract"]},
    )
    retire_wagtail_defaults()
    return workflows


def retire_wagtail_defaults() -> None:
    """Wagtail's new-site defaults, which this bureau never uses, out of the way.

    Its "Moderators approval" workflow sits on the root page, so every page our workflows
    do not cover (a 救助公示 month, a folder) offered an English "submit to Moderators
    approval" whose reviewers — the empty Moderators group — would never act. It comes off
    the root; the workflow and its task are deleted unless an administrator assigned it
    elsewhere or something ran through it, and the two default groups are deleted while
    nobody is in them.
    """
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        WorkflowPage.objects.filter(workflow=workflow, page__depth=1).delete()
        if (
            workflow.workflow_pages.exists()
            or WorkflowContentType.objects.filter(workflow=workflow).exists()
            or WorkflowState.objects.filter(workflow=workflow).exists()
        ):
            continue
        tasks = list(Task.objects.filter(workflow_tasks__workflow=workflow))
        workflow.delete()
        for task in tasks:
            used = task.workflow_tasks.exists() or TaskState.objects.filter(task=task).exists()
            if not used:
                task.delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
