"""E-mail notifications of the review path (html, txt and subject templates each).

Side effects only, connected in ReviewConfig.ready(): a task submitted → its actors;
an opinion signed → the drafter who submitted; overdue reviews → the advisers (sent by
the worker's daily reminders, ``review.reminders``, and ``notify_overdue``).
"""

from django.contrib.auth import get_user_model
from wagtail.signals import task_submitted

from background.mail import mail_from_templates
from review.signals import opinion_issued


def send(template: str, recipients: list[str], context: dict) -> int:
    """Queue the mail (background.mail): it leaves the request and survives a mail server
    that is down (the worker retries it)."""
    return mail_from_templates(
        template=f"review/mail/{template}", recipients=recipients, context=context
    )


def actors_of(task_state) -> list:
    task = task_state.task.specific
    obj = task_state.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    users = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all())
    department = getattr(obj, "department", None)
    if (
        department is not None
        and department.group_id
        and type(task).__name__ == "FairCompetitionTask"
    ):
        users = users | get_user_model().objects.filter(is_active=True, groups=department.group_id)
    return [user for user in users.distinct() if task.user_can_act(obj, user)]


def _on_task_submitted(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not hasattr(task, "action_url"):
        return
    obj = instance.workflow_state.content_object
    send(
        "task_submitted",
        [u.email for u in actors_of(instance)],
        {
            "task": task,
            "obj": getattr(obj, "specific", obj),
            "url": task.action_url(instance),
            "submitter": user,
        },
    )


def _on_opinion_issued(sender, opinion, **kwargs):
    state = opinion.task_state
    requester = state.workflow_state.requested_by if state else None
    send(
        "opinion_issued",
        [requester.email] if requester else [],
        {"opinion": opinion, "checklist": _checklist_lines(opinion)},
    )


def _checklist_lines(opinion) -> list[tuple[str, str, str]]:
    from review.checklists import CHECKLIST_TEXTS

    return [
        (CHECKLIST_TEXTS.get(line["code"], line["code"]), line["result"], line.get("remark", ""))
        for line in opinion.checklist
    ]


def connect() -> None:
    task_submitted.connect(_on_task_submitted, dispatch_uid="review_task_submitted_mail")
    opinion_issued.connect(_on_opinion_issued, dispatch_uid="review_opinion_issued_mail")
