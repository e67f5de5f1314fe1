"""Reads of 依申请公开: the office's list (masked), what is due soon, and overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cms.privacy import mask_name, mask_personal_numbers
from disclosure import deadlines
from disclosure.models import DisclosureRequest

DUE_SOON_WORKING_DAYS = 5


def may_handle(user) -> bool:
    return user.is_active and user.has_perm("disclosure.handle_request")


def may_see_requests(user) -> bool:
    return may_handle(user) or (user.is_active and user.has_perm("disclosure.approve_extension"))


@dataclass
class Row:
    request: DisclosureRequest
    requester: str  # masked
    contact: str  # masked
    due: dt.date | None
    left: int | None  # working days left (negative: overdue), None when paused or replied

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left < 0


def masked_requester(request) -> str:
    if request.is_person:
        number = mask_personal_numbers(request.id_number) if request.id_number else ""
        if number == request.id_number and len(number) > 6:  # not a resident ID: still hide it
            number = number[:2] + "*" * (len(number) - 4) + number[-2:]
        return f"{mask_name(request.name)} {number}".strip()
    return f"{request.org_name}（联系人 {mask_name(request.contact_person)}）"


def masked_contact(request) -> str:
    return (
        mask_personal_numbers(request.phone)
        if request.phone
        else ("已填写" if request.email or request.address else "")
    )


def row_of(request, today: dt.date) -> Row:
    open_ = not request.replied_on
    return Row(
        request,
        masked_requester(request),
        masked_contact(request),
        deadlines.due_date(request) if open_ else request.due_at_reply,
        deadlines.working_days_left(request, today) if open_ else None,
    )


def request_rows(*, today: dt.date, state: str = "") -> list[Row]:
    queryset = DisclosureRequest.objects.all()
    if state == "open":
        queryset = queryset.filter(replied_on__isnull=True)
    elif state == "replied":
        queryset = queryset.filter(replied_on__isnull=False)
    return [row_of(request, today) for request in queryset[:500]]


def deadline_rows(*, today: dt.date, within: int = DUE_SOON_WORKING_DAYS) -> list[Row]:
    """Open requests due within ``within`` working days, and overdue ones, soonest first."""
    rows = [
        row_of(request, today)
        for request in DisclosureRequest.objects.filter(replied_on__isnull=True)
    ]
    due = [row for row in rows if row.left is not None and row.left <= within]
    return sorted(due, key=lambda row: row.due)
