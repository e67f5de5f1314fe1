"""Reads of the review path: what a reviewer sees on a task, what waits for whom, the audit trail."""

from datetime import date
from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import registry as log_registry
from wagtail.models import PreviewableMixin, Task, TaskState

from cms import calendar
from cms.kinds import ItemKind, item_kind, specific
from review.models import (
    Deliberation,
    FairCompetitionReview,
    LegacyIssue,
    LegalOpinion,
    LegalReviewTask,
    Registration,
    SecrecyCheck,
)


def user_may_see(user, obj) -> bool:
    """Bureau-wide roles see every item; a drafter only their department's."""
    from cms import roles
    from cms.models import Department

    if obj is None or not user.is_active:
        return False
    if roles.sees_every_department(user):
        return True
    obj = specific(obj)
    department_id = getattr(obj, "department_id", None)
    return (
        bool(department_id) and Department.objects.for_user(user).filter(pk=department_id).exists()
    )


def edit_url(obj, user=None) -> str:
    return AdminURLFinder(user).get_edit_url(obj) or ""


def compare_url(obj, revision_a: int, revision_b: int) -> str:
    """Our read-only diff (Wagtail's own needs edit permission the adviser lacks)."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("review_compare", args=[content_type.pk, obj.pk, revision_a, revision_b])


def revision_view_url(obj, revision_id: int) -> str:
    """The revision as it will look published (pages), for whoever may see the item;
    Wagtail's own revision view needs edit permission the adviser lacks. Items without a
    preview (contracts) have none: the task page links to the read-only editor instead."""
    from django.contrib.contenttypes.models import ContentType

    if not isinstance(obj, PreviewableMixin):
        return ""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("review_revision", args=[content_type.pk, obj.pk, revision_id])


class Deadline(NamedTuple):
    submitted_on: date
    due_on: date
    elapsed: int
    overdue: bool


def review_deadline(task_state: TaskState, today: date | None = None) -> Deadline:
    """Legality review due N working days after submission (国办发〔2018〕115号)."""
    today = today or timezone.localdate()
    task = task_state.task.specific
    limit = getattr(task, "working_days_limit", 15)
    submitted_on = timezone.localdate(task_state.started_at)
    due_on = calendar.add_working_days(submitted_on, limit)
    return Deadline(
        submitted_on,
        due_on,
        calendar.working_days_between(submitted_on, today),
        today > due_on,
    )


def statutory_deadline(task_state: TaskState) -> Deadline | None:
    """The legality review's limit; the other tasks (a meeting, registration) have none."""
    if isinstance(task_state.task.specific, LegalReviewTask):
        return review_deadline(task_state)
    return None


class TaskContext(NamedTuple):
    obj: object
    kind: str
    revision: object
    submitted_on: date
    deadline: Deadline | None  # the legality review's statutory limit; other tasks have none
    opinions: list
    diff_url: str
    revision_url: str
    edit_url: str
    last_opinion: object

    @property
    def kind_label(self) -> str:
        """行政规范性文件 / 合同 / 重大行政决策, as the task page names the item."""
        return ItemKind(self.kind).label if self.kind else ""


def task_context(task_state: TaskState, user=None) -> TaskContext:
    obj = specific(task_state.workflow_state.content_object)
    opinions = list(LegalOpinion.objects.for_object(obj).select_related("revision", "adviser"))
    last = opinions[0] if opinions else None
    diff = ""
    if last and last.revision_id != task_state.revision_id:
        diff = compare_url(obj, last.revision_id, task_state.revision_id)
    return TaskContext(
        obj=obj,
        kind=item_kind(obj),
        revision=task_state.revision,
        submitted_on=timezone.localdate(task_state.started_at),
        deadline=statutory_deadline(task_state),
        opinions=opinions,
        diff_url=diff,
        revision_url=revision_view_url(obj, task_state.revision_id),
        edit_url=edit_url(obj, user),
        last_opinion=last,
    )


class AwaitingItem(NamedTuple):
    task_state: TaskState
    obj: object
    task: Task
    url: str
    deadline: Deadline | None


def awaiting_action(user) -> list[AwaitingItem]:
    """In-progress review tasks this user can act on, oldest first, with due dates."""
    items = []
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state", "revision", "task")
        .order_by("started_at")
    )
    for state in states:
        obj = specific(state.workflow_state.content_object)
        task = _task_for(state, obj, user)
        if task is not None:
            items.append(
                AwaitingItem(state, obj, task, task.action_url(state), statutory_deadline(state))
            )
    return items


def _task_for(state: TaskState, obj, user):
    """``state``'s task when it is one of ours (RecordingTask) and ``user`` may act on it."""
    task = state.task.specific
    if hasattr(task, "user_can_act") and task.user_can_act(obj, user):
        return task
    return None


def task_to_act_on(obj, user) -> tuple[object, str] | None:
    """(task, url of its page) when ``user`` can act on ``obj``'s current review task: the
    editor offers it as its main button, since our tasks lock the editor (RecordingTask)."""
    workflow_state = getattr(obj, "current_workflow_state", None)
    state = workflow_state.current_task_state if workflow_state else None
    if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    task = _task_for(state, specific(obj), user)
    return (task, task.action_url(state)) if task is not None else None


class TrailEntry(NamedTuple):
    when: object
    who: str
    action: str
    detail: str
    url: str = ""


def audit_trail(obj) -> list[TrailEntry]:
    """The item's full path: Wagtail's log (submit, edits, workflow, publish) plus our records."""
    obj = specific(obj)
    entries = [
        TrailEntry(
            log.timestamp,
            log.user_display_name if hasattr(log, "user_display_name") else str(log.user or "系统"),
            str(log.format_message() if hasattr(log, "format_message") else log.message),
            f"修订号 {log.revision_id}" if log.revision_id else "",
        )
        for log in log_registry.get_logs_for_instance(obj).select_related("user")
    ]
    for opinion in LegalOpinion.objects.for_object(obj):
        entries.append(
            TrailEntry(
                opinion.signed_at,
                opinion.adviser_name,
                f"出具审核意见书 {opinion.number}：{opinion.get_outcome_display()}",
                f"修订号 {opinion.revision_id}，SHA-256 {opinion.content_hash[:16]}…",
                reverse("review_opinion_letter", args=[opinion.pk]),
            )
        )
    for record in FairCompetitionReview.for_object(obj):
        entries.append(_record_entry(record, f"公平竞争审查：{record.conclusion}"))
    for record in Deliberation.for_object(obj):
        entries.append(_record_entry(record, f"集体审议：{record}"))
    for record in Registration.for_object(obj):
        entries.append(
            _record_entry(record, f"统一登记：{record.registration_number}（{record.doc_number}）")
        )
    for check in SecrecyCheck.for_object(obj):
        removed = f"，删除：{check.removed}" if check.removed else ""
        entries.append(
            _record_entry(check, f"保密审查：{check.result}（依据：{check.basis}{removed}）")
        )
    for record in LegacyIssue.for_object(obj):
        entries.append(_record_entry(record, f"存量导入：{record.paper_reference}"))
    return sorted(entries, key=lambda e: e.when)


def _record_entry(record, action: str) -> TrailEntry:
    who = record.recorded_by.get_full_name() or record.recorded_by.get_username()
    return TrailEntry(record.recorded_at, who, action, f"修订号 {record.revision_id}")


class DocumentDeadline(NamedTuple):
    document: object
    due_on: date
    overdue: bool


def filing_due(today: date | None = None) -> list[DocumentDeadline]:
    """Published documents and decisions (决策公布) not yet filed (备案), due FILING_DAYS
    after publication."""
    from datetime import timedelta

    from django.conf import settings

    from cms.models import DecisionDraftPage, NormativeDocumentPage
    from review.models import Filing

    today = today or timezone.localdate()
    filed = set(Filing.objects.values_list("object_id", flat=True))
    result = []
    published = [
        *NormativeDocumentPage.objects.live().exclude(published_on=None),
        *DecisionDraftPage.objects.live().exclude(published_on=None),
    ]
    for document in published:
        if str(document.pk) in filed:
            continue
        due_on = document.published_on + timedelta(days=settings.FILING_DAYS)
        result.append(DocumentDeadline(document, due_on, today > due_on))
    return sorted(result, key=lambda d: d.due_on)


def evaluation_due(today: date | None = None, horizon_days: int = 90) -> list[DocumentDeadline]:
    """Current documents whose evaluation (6 months before expiry) falls due soon or is late."""
    from datetime import timedelta

    from django.conf import settings

    from cms.models import NormativeDocumentPage, ValidityStatus
    from cms.rules import add_months

    today = today or timezone.localdate()
    result = []
    documents = NormativeDocumentPage.objects.live().filter(
        validity_status=ValidityStatus.IN_FORCE, valid_until__isnull=False
    )
    for document in documents:
        due_on = add_months(document.valid_until, -settings.EVALUATION_MONTHS_BEFORE_EXPIRY)
        if due_on <= today + timedelta(days=horizon_days):
            result.append(DocumentDeadline(document, due_on, today > due_on))
    return sorted(result, key=lambda d: d.due_on)


def review_records_holding(obj) -> str:
    """What review records bind ``obj`` (and so forbid deleting it), in Chinese, or ''."""
    if item_kind(obj) is None or obj.pk is None:
        return ""
    held = []
    if LegalOpinion.objects.for_object(obj).exists():
        held.append("法律审核意见书")
    for model, label in (
        (FairCompetitionReview, "公平竞争审查记录"),
        (Deliberation, "集体审议记录"),
        (Registration, "统一登记记录"),
    ):
        if model.for_object(obj).exists():
            held.append(label)
    return "、".join(held)
