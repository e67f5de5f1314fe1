"""The worker's reminder mail, each working-day morning (background.jobs): overdue
reviews, 备案 deadlines, 评估 before expiry, contract expiry and consultations closing.
One mail per recipient and kind lists that day's items; no item is mailed twice to the
same person on one day (background.reminding)."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from background.reminding import (
    ReminderItem,
    department_users,
    first_time,
    holders_of,
    remind,
)
from cms import roles
from cms.models import Contract, DecisionConsultation, NormativeDocumentPage
from review import notifications, selectors
from review.models import LegalReviewTask

FILING_NOTICE_DAYS = 7  # mail the office from a week before the 备案 deadline
EVALUATION_NOTICE_DAYS = 30  # and from a month before the 评估 date


def send_reminders(*, today: dt.date | None = None) -> int:
    """Every kind of reminder for ``today``; returns the number of mails queued."""
    today = today or timezone.localdate()
    return sum(
        send(today=today)
        for send in (
            overdue_reminders,
            filing_reminders,
            evaluation_reminders,
            contract_expiry_reminders,
            consultation_closing_reminders,
        )
    )


def overdue_reminders(*, today: dt.date) -> int:
    """Legality reviews past their statutory deadline → the advisers who can act."""
    sent = 0
    for task in LegalReviewTask.objects.filter(active=True):
        for user in {u for g in task.groups.all() for u in g.user_set.filter(is_active=True)}:
            if not user.email:
                continue
            overdue = [
                item
                for item in selectors.awaiting_action(user)
                if item.deadline and item.deadline.overdue and item.task.pk == task.pk
            ]
            fresh = [
                item
                for item in overdue
                if first_time(
                    kind="overdue",
                    key=f"taskstate:{item.task_state.pk}",
                    address=user.email,
                    day=today,
                    once=False,
                )
            ]
            if fresh:
                sent += notifications.send("overdue", [user.email], {"items": fresh})
    return sent


def _edit_url(document) -> str:
    return f"/admin/pages/{document.pk}/edit/"


def filing_reminders(*, today: dt.date) -> int:
    """备案 within FILING_DAYS of publication → the office, from a week before the deadline."""
    office = tuple(holders_of(roles.REGISTER))
    items = [
        ReminderItem(
            key=f"document:{d.document.pk}",
            text=f"《{d.document.title}》应于{d.due_on:%Y-%m-%d}前报{settings.FILING_AUTHORITY}备案"
            + ("（已逾期）" if d.overdue else ""),
            url=_edit_url(d.document),
            recipients=office,
        )
        for d in selectors.filing_due(today)
        if d.due_on <= today + dt.timedelta(days=FILING_NOTICE_DAYS)
    ]
    return remind(kind="filing", heading="规范性文件备案期限", items=items, day=today)


def evaluation_reminders(*, today: dt.date) -> int:
    """评估 before expiry → the drafting department and the office."""
    office = tuple(holders_of(roles.REGISTER))
    items = [
        ReminderItem(
            key=f"document:{d.document.pk}",
            text=f"《{d.document.title}》有效期至{d.document.valid_until:%Y-%m-%d}，"
            f"应于{d.due_on:%Y-%m-%d}前完成评估" + ("（已逾期）" if d.overdue else ""),
            url=_edit_url(d.document),
            recipients=(*department_users(d.document.department), *office),
        )
        for d in selectors.evaluation_due(today, horizon_days=EVALUATION_NOTICE_DAYS)
    ]
    return remind(kind="evaluation", heading="规范性文件评估期限", items=items, day=today)


def contract_expiry_reminders(*, today: dt.date) -> int:
    """Signed contracts whose 履行期限 ends within CONTRACT_EXPIRY_WARNING_DAYS → the
    department that handles them and the office."""
    office = tuple(holders_of(roles.REGISTER))
    contracts = (
        Contract.objects.expiring_within(settings.CONTRACT_EXPIRY_WARNING_DAYS, today=today)
        .exclude(signed_on=None)
        .select_related("department")
    )
    items = [
        ReminderItem(
            key=f"contract:{contract.pk}",
            text=f"合同《{contract.title}》（{contract.counterparty}）履行期限至{contract.term_end:%Y-%m-%d}",
            url=f"/admin/snippets/cms/contract/edit/{contract.pk}/",
            recipients=(*department_users(contract.department), *office),
        )
        for contract in contracts
    ]
    return remind(kind="contract_expiry", heading="合同即将到期", items=items, day=today)


def consultation_closing_reminders(*, today: dt.date) -> int:
    """Public consultations closing within CONSULTATION_CLOSING_DAYS → the drafters, to
    answer the comments received (documents) or the lead unit (major decisions)."""
    last = today + dt.timedelta(days=settings.CONSULTATION_CLOSING_DAYS)
    items = []
    flagged = Q(latest_revision__content__open_for_consultation=True) | Q(
        latest_revision__isnull=True, open_for_consultation=True
    )
    for page in NormativeDocumentPage.objects.filter(flagged).select_related("department"):
        text = page.get_latest_revision_as_object() if page.latest_revision_id else page
        end = text.consultation_end
        if text.open_for_consultation and end and today <= end <= last:
            items.append(
                ReminderItem(
                    key=f"document:{page.pk}",
                    text=f"《{text.title}》公开征求意见于{end:%Y-%m-%d}截止",
                    url=_edit_url(page),
                    recipients=tuple(department_users(page.department)),
                )
            )
    for record in DecisionConsultation.objects.filter(end__gte=today, end__lte=last):
        items.append(
            ReminderItem(
                key=f"decisionconsultation:{record.pk}",
                text=f"决策草案《{record}》公开征求意见于{record.end:%Y-%m-%d}截止",
                url="",
                recipients=tuple(department_users(getattr(record.item, "lead_unit", None))),
            )
        )
    return remind(kind="consultation", heading="公开征求意见即将截止", items=items, day=today)
