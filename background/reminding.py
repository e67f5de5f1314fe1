"""Reminder mail, at most once per recipient, item and day (``SentReminder``).

A reminder run gathers (item key, line, recipients) for one kind, then mails each
recipient one message listing the items not yet reminded to them that day, recording
each (kind, item, address, day) in the same transaction as the queued mail.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q

from background.models import SentReminder


@dataclass(frozen=True)
class ReminderItem:
    key: str  # e.g. "cms.normativedocumentpage:12"
    text: str  # one line, in Chinese
    url: str  # an admin path (the mail prefixes WAGTAILADMIN_BASE_URL)
    recipients: tuple  # users


def holders_of(permission: str):
    """Active users holding ``permission`` through a group or directly (not superusers
    by their flag alone: an administrator is not every role's mailbox)."""
    app_label, codename = permission.split(".", 1)
    perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=perm) | Q(user_permissions__in=perm))
        .distinct()
    )


def department_users(department):
    """The drafters of ``department`` (its Wagtail group)."""
    if department is None or not department.group_id:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(is_active=True, groups=department.group_id)


def remind(
    *, kind: str, heading: str, items: list[ReminderItem], day: dt.date, once: bool = False
) -> int:
    """Mail each recipient the items of ``kind`` not yet reminded today (with ``once``:
    not yet reminded at all); returns the number of mails sent."""
    from background.mail import mail_from_templates

    per_address = defaultdict(list)
    for item in items:
        for user in item.recipients:
            if user.email:
                per_address[user.email].append(item)
    sent = 0
    for address, address_items in sorted(per_address.items()):
        with transaction.atomic():
            fresh = [
                item
                for item in address_items
                if first_time(kind=kind, key=item.key, address=address, day=day, once=once)
            ]
            if fresh:
                sent += mail_from_templates(
                    template="background/mail/reminder",
                    recipients=[address],
                    context={"heading": heading, "items": fresh, "day": day},
                )
    return sent


def first_time(*, kind: str, key: str, address: str, day: dt.date, once: bool) -> bool:
    sent = SentReminder.objects.filter(kind=kind, item_key=key, recipient=address)
    if once and sent.exists():
        return False
    return SentReminder.objects.get_or_create(kind=kind, item_key=key, recipient=address, day=day)[
        1
    ]
