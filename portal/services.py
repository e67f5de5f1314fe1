"""Writes of the portal: a member of the public's comment, and the drafter's answer to it."""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from cms import ratelimits
from cms.models import CommentResponse, PublicComment

NOT_YOURS = "只有起草科室（承办单位）或局办公室可以答复本事项收到的意见。"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class CommentRefused(Exception):
    """A comment that is not taken; ``message`` is Chinese and meant for the commenter."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def address_hash(address: str) -> str:
    """A keyed hash of the client address: enough to rate-limit, not to identify."""
    return salted_hmac(
        "portal.comment-address", address or "unknown", algorithm="sha256"
    ).hexdigest()


def plain_text(value: str) -> str:
    """The text as typed, without control characters; HTML stays text (escaped on output)."""
    return _CONTROL.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def take_rate_slot(request) -> None:
    """Count one submission from the request's client; refuse past COMMENT_RATE_LIMIT.

    The one limiter of ``cms.ratelimits``: the client is found through the trusted proxy
    header, so behind the reverse proxy one visitor's comments never use up another's.
    """
    refusal = ratelimits.take(request, group="portal-comments", rate=settings.COMMENT_RATE_LIMIT)
    if refusal is not None:
        raise CommentRefused(
            f"提交过于频繁：同一网络地址{ratelimits.period_text(refusal.period)}内最多提交"
            f"{refusal.allowed}条意见，请稍后再试。",
            status=429,
        )


def refuse_unless_open(consultation) -> None:
    if consultation.state != "open":
        raise CommentRefused(
            f"本次征求意见已于{consultation.closing_date}截止，不再接收意见。", status=403
        )


def comment_submit(
    *, consultation, name: str, contact: str, text: str, address: str
) -> PublicComment:
    """Keep a comment on a consultation (a document's or a major decision's, see
    ``cms.consultations``) that is open. The caller has taken the client's rate
    slot (``take_rate_slot``); ``address`` is kept only as a keyed hash."""
    refuse_unless_open(consultation)
    key = address_hash(address)
    comment = PublicComment(
        **consultation.comment_target(),
        name=plain_text(name),
        contact=plain_text(contact),
        text=plain_text(text),
        ip_hash=key,
    )
    comment.full_clean()
    comment.save()
    return comment


def user_can_answer(user, comment: PublicComment) -> bool:
    """Whoever may edit the document (its drafting department, the office) answers; for a
    major decision, the item's 承办单位 and whoever may edit the decision list."""
    if comment.document_id:
        return comment.document.permissions_for_user(user).can_edit()
    item = comment.decision_consultation.item
    in_lead_unit = user.groups.filter(pk=item.lead_unit.group_id).exists()
    return in_lead_unit or item.decision_list.permissions_for_user(user).can_edit()


@transaction.atomic
def comment_respond(*, comment: PublicComment, user, response: str, reason: str) -> PublicComment:
    """Record 采纳 / 部分采纳 / 不采纳 with the reason, stamped with who and when."""
    if not user_can_answer(user, comment):
        raise PermissionDenied(NOT_YOURS)
    if response not in CommentResponse.values:
        raise ValueError("请选择采纳情况：采纳、部分采纳或不采纳。")
    if not reason.strip():
        raise ValueError("请写明理由。")
    comment = PublicComment.objects.select_for_update().get(pk=comment.pk)
    comment.response = response
    comment.response_reason = plain_text(reason)
    comment.responded_by = user
    comment.responded_at = timezone.now()
    comment.save(update_fields=["response", "response_reason", "responded_by", "responded_at"])
    return comment
