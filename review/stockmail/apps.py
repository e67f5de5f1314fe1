"""Turns off Wagtail's stock "submitted" workflow mails; the review app sends its own 【待办】.

Wagtail mails a task's groups and every superuser when a workflow starts and when each task
starts ("此…已经被提交到审核阶段…进行审批"). The review app already mails each task's actors
(``review.notifications``: the 【待办】 mail with the link to the task page), so every step
reached people twice. Wagtail offers no setting to switch these mails off (the per-user
notification preference would have to be cleared for every account, and a user could turn
it back on), so its receivers are removed with Django's public ``Signal.disconnect``, by the
``dispatch_uid`` Wagtail connects them under.

This is its own app because ``ready()`` runs in INSTALLED_APPS order and Wagtail connects
its receivers in ``wagtail.admin``'s ``ready()``: the ``review`` app is listed before
``wagtail.admin`` (its templates override Wagtail's), so only an app listed after
``wagtail.admin`` can remove them. Wagtail's approved/rejected mails to the submitter stay:
they are the only mail for those events, except an adviser's opinion, whose own mail
carries the opinion text.
"""

from django.apps import AppConfig

STOCK_SUBMITTED_RECEIVERS = (
    ("task_submitted", "TaskState", "group_approval_task_submitted_email_notification"),
    ("workflow_submitted", "WorkflowState", "workflow_state_submitted_email_notification"),
)


def disconnect_stock_submitted_mails() -> list[str]:
    """Remove Wagtail's submitted-mail receivers; the dispatch uids actually removed."""
    from wagtail import models, signals

    removed = []
    for signal_name, sender_name, dispatch_uid in STOCK_SUBMITTED_RECEIVERS:
        signal = getattr(signals, signal_name)
        if signal.disconnect(sender=getattr(models, sender_name), dispatch_uid=dispatch_uid):
            removed.append(dispatch_uid)
    return removed


class StockMailConfig(AppConfig):
    name = "review.stockmail"
    label = "review_stockmail"
    verbose_name = "审核通知（停用 Wagtail 自带的送审邮件）"

    def ready(self):
        disconnect_stock_submitted_mails()
