"""Writes of 依申请公开: a request filed (portal or staff), 补正 asked and answered, the
extension, the reply. Keyword-only; a refused step raises ValidationError in Chinese."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosure import deadlines
from disclosure.models import DisclosureRequest, RequestStep, Source
from disclosure.vocab import NEEDS_SUBTYPE, SUBTYPES, ReplyType

SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def secret_digest(tracking_number: str, secret: str) -> str:
    from django.conf import settings

    key = settings.SECRET_KEY.encode()
    message = f"{tracking_number}:{secret.strip().upper()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _next_number(year: int) -> str:
    prefix = f"YSQ{year}-"
    last = (
        DisclosureRequest.objects.filter(tracking_number__startswith=prefix)
        .order_by("-tracking_number")
        .values_list("tracking_number", flat=True)
        .first()
    )
    serial = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{serial:04d}"


def _log(request, action: str, day: dt.date, note: str = "", user=None) -> None:
    RequestStep.objects.create(request=request, action=action, day=day, note=note, user=user)


@transaction.atomic
def request_file(
    *, data: dict, received_on: dt.date, source: str = Source.PORTAL, user=None
) -> tuple[DisclosureRequest, str]:
    """Store a validated request; returns it and the query secret (shown once)."""
    if not (data.get("description") or "").strip():
        raise ValidationError("请填写所需政府信息的名称、文号或者便于查询的其他特征性描述。")
    secret = "".join(secrets.choice(SECRET_ALPHABET) for _ in range(8))
    for attempt in range(5):  # two requests at once may take the same number: the next one
        number = _next_number(received_on.year)
        try:
            with transaction.atomic():
                request = DisclosureRequest.objects.create(
                    **data,
                    tracking_number=number,
                    secret_digest=secret_digest(number, secret),
                    source=source,
                    received_on=received_on,
                    created_by=user,
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    _log(request, "收到申请", received_on, Source(source).label, user)
    return request, secret


def request_by_code(*, tracking_number: str, secret: str) -> DisclosureRequest | None:
    """The request whose number and secret both match, else None (never says which failed)."""
    request = DisclosureRequest.objects.filter(tracking_number=tracking_number.strip()).first()
    digest = secret_digest(tracking_number.strip(), secret or "")
    if request is None or not hmac.compare_digest(request.secret_digest, digest):
        return None
    return request


def _check_step(request, day: dt.date | None = None) -> None:
    if request.replied_on:
        raise ValidationError("该申请已经答复，不能再办理此步骤。")
    if day is not None and day > today():
        raise ValidationError("日期不能晚于今天。")
    if day is not None and day < request.received_on:
        raise ValidationError("日期不能早于收到申请的日期。")


def clarification_ask(*, request, day: dt.date, letter: str, user) -> None:
    _check_step(request, day)
    if request.clarification_asked_on:
        raise ValidationError("本申请已经告知过补正；补正只能要求一次。")
    if not letter.strip():
        raise ValidationError("请写明需要补正的事项（补正告知书内容）。")
    request.clarification_asked_on, request.clarification_letter = day, letter.strip()
    request.save(update_fields=["clarification_asked_on", "clarification_letter"])
    _log(request, "告知补正", day, letter.strip(), user)


def clarification_answer(*, request, day: dt.date, answer: str, user=None) -> None:
    """The requester's 补正 arrived (portal or recorded by staff): the clock restarts."""
    _check_step(request, day)
    if not request.awaiting_clarification:
        raise ValidationError("本申请没有待补正的事项。")
    if not answer.strip():
        raise ValidationError("请填写补正内容。")
    if day < request.clarification_asked_on:
        raise ValidationError("收到补正的日期不能早于补正告知日期。")
    request.clarification_answered_on, request.clarification_answer = day, answer.strip()
    request.save(update_fields=["clarification_answered_on", "clarification_answer"])
    _log(request, "收到补正", day, answer.strip(), user)


def extension_approve(*, request, day: dt.date, reason: str, user) -> None:
    _check_step(request, day)
    if not user.has_perm("disclosure.approve_extension"):
        raise ValidationError("只有局领导可以批准延长答复期限。")
    if request.extended_on:
        raise ValidationError("答复期限已经延长过一次，不能再次延长。")
    if request.awaiting_clarification:
        raise ValidationError("申请人尚未补正，答复期限已中止，无需延期。")
    if not reason.strip():
        raise ValidationError("请写明延长答复期限的理由。")
    due = deadlines.due_date(request)
    if due is not None and day > due:
        raise ValidationError(f"答复期限已于{due:%Y年%m月%d日}届满，不能再批准延期。")
    request.extended_on, request.extension_reason = day, reason.strip()
    request.extension_approved_by = user
    request.save(update_fields=["extended_on", "extension_reason", "extension_approved_by"])
    _log(request, "批准延期", day, reason.strip(), user)


def _check_reply(reply_type: str, subtype: str, reason: str) -> None:
    if reply_type not in ReplyType.values:
        raise ValidationError("请选择答复类型。")
    if reply_type in NEEDS_SUBTYPE:
        allowed = [code for code, _ in SUBTYPES[reply_type]]
        if subtype not in allowed:
            raise ValidationError(f"“{ReplyType(reply_type).label}”须选择具体情形。")
    elif subtype:
        raise ValidationError(f"“{ReplyType(reply_type).label}”没有具体情形，请不要选择。")
    if reply_type in (ReplyType.REFUSED, ReplyType.PARTIAL) and not reason.strip():
        raise ValidationError(
            f"“{ReplyType(reply_type).label}”必须写明不予公开的理由和依据（条例条款）。"
        )


@transaction.atomic
def reply_record(
    *,
    request,
    day: dt.date,
    reply_type: str,
    subtype: str = "",
    reason: str = "",
    text: str = "",
    user,
) -> DisclosureRequest:
    """Record the 答复. A reply after the deadline is accepted and marked overdue."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    _check_step(request, day)
    if request.awaiting_clarification and reply_type != ReplyType.OTHER:
        raise ValidationError("申请人尚未补正；请先登记收到的补正，或按“其他处理”答复。")
    _check_reply(reply_type, subtype, reason)
    if day < deadlines.clock_start(request):
        raise ValidationError("答复日期不能早于收到申请（或补正）的日期。")
    due = deadlines.due_date(request)
    request.reply_type, request.reply_subtype = reply_type, subtype
    request.reply_reason, request.reply_text = reason.strip(), text.strip()
    request.replied_on, request.replied_by = day, user
    request.due_at_reply, request.overdue = due, bool(due and day > due)
    request.save()
    note = ReplyType(reply_type).label + ("（逾期）" if request.overdue else "")
    _log(request, "答复", day, note, user)
    return request


def today() -> dt.date:
    return timezone.localdate()
