"""Separation of duties: nobody judges a version they made.

Whoever submitted a version for review, or wrote any revision of that exact content,
cannot sign its legal opinion, record its collective deliberation or give its contract
sign-off. "That exact content" is the trailing run of the item's revisions, up to the one
being judged, whose reviewed content hash (review.hashing) equals the judged one's: the
first revision of the run is the edit that produced the content, later ones are re-saves
(the submission itself, the office filling 索引号) that left it unchanged. The workflow's
requester counts too. Being a superuser changes nothing, and there is no setting to turn
the rule off: a bureau where one person would have to do both hands the step to another
member of the task's group (or to an administrator who did not write the version).

The tasks ask ``duty_conflict`` in ``user_can_act`` (so the action is not offered: no
header button, no editor button, no notification), the task page refuses with the reason,
and the services refuse a crafted POST the same way.
"""

from wagtail.models import Revision

from review.hashing import revision_content_hash


def version_authors(state) -> set[int]:
    """Ids of the users who submitted or wrote the content of ``state``'s revision."""
    authors = {state.workflow_state.requested_by_id}
    if state.revision is None:
        return authors - {None}
    return (authors | revision_authors(state.revision)) - {None}


def revision_authors(judged) -> set[int]:
    """Ids of the users who wrote ``judged`` or an earlier revision of the same content."""
    authors = {judged.user_id}
    digest = revision_content_hash(judged)
    earlier = (
        Revision.objects.filter(
            base_content_type_id=judged.base_content_type_id,
            object_id=judged.object_id,
            created_at__lte=judged.created_at,
        )
        .exclude(pk=judged.pk)
        .order_by("-created_at", "-pk")
    )
    for revision in earlier.iterator():
        if revision_content_hash(revision) != digest:
            break
        authors.add(revision.user_id)
    return authors - {None}


def duty_conflict(state, user) -> str:
    """The Chinese reason ``user`` may not act on ``state``, or "" when they may."""
    task = state.task.specific
    action = getattr(task, "separated_action", "")
    if not action or user.pk not in version_authors(state):
        return ""
    return (
        f"您提交或编辑了送审的这一版本，按照起草与审核职责分离的要求，"
        f"不能对本人经手的版本{action}，请由“{task.name}”环节的其他人员办理。"
    )


def current_state_of(task, obj):
    """``obj``'s in-progress state of ``task``, if it is at that step now."""
    workflow_state = getattr(obj, "current_workflow_state", None)
    state = workflow_state.current_task_state if workflow_state else None
    if state is None or state.task_id != task.pk or state.status != "in_progress":
        return None
    return state
