"""Shared steps of every review write: lock the task state, check who acts on which revision."""

from django.utils import timezone
from wagtail.models import TaskState

from cms.kinds import specific
from review.duties import duty_conflict
from review.errors import ReviewError


def locked_task_state(task_state_id: int, user, task_class) -> TaskState:
    state = TaskState.objects.select_for_update().filter(pk=task_state_id).first()
    if state is None:
        raise ReviewError("审核任务不存在。")
    task = state.task.specific
    if not isinstance(task, task_class):
        raise ReviewError("该任务不是此类审核任务。")
    if state.status != TaskState.STATUS_IN_PROGRESS:
        who = state.finished_by.get_full_name() if state.finished_by else "他人"
        raise ReviewError(
            f"该任务已由{who}于{timezone.localtime(state.finished_at):%Y-%m-%d %H:%M}处理"
            f"（{state.get_status_display()}），本次操作未保存。"
        )
    obj = specific(state.workflow_state.content_object)
    conflict = task.user_in_role(obj, user) and duty_conflict(state, user)
    if conflict:
        raise ReviewError(conflict)
    if not task.user_can_act(obj, user):
        raise ReviewError(f"您不是“{task.name}”环节的办理人员，不能办理该任务。")
    return state


def check_revision(state: TaskState, revision_id: int) -> None:
    obj = specific(state.workflow_state.content_object)
    latest = obj.get_latest_revision()
    if revision_id != state.revision_id or (latest and latest.pk != state.revision_id):
        raise ReviewError("送审版本已发生变化，请刷新页面，对最新版本重新审核。")


def item_title(obj) -> str:
    return str(getattr(obj, "get_admin_display_title", lambda: obj)())[:300]


def record_kwargs(state: TaskState, user) -> dict:
    obj = specific(state.workflow_state.content_object)
    return {
        "content_type": state.workflow_state.content_type,
        "object_id": str(obj.pk),
        "revision": state.revision,
        "task_state": state,
        "recorded_by": user,
    }
