"""The daily validity sweep: a current document whose 有效期至 has passed becomes 已失效.

有效性 is a registry status, not reviewed content (``review.hashing.ISSUE_FIELDS``), so
the change needs no new legal review: like an approved cleanup decision
(``search.cleanup.services.decision_approve``), the *published* content is republished
with the new status — never a pending draft — and a pending draft that has also run out
carries the status too. Each change is logged on the page's history
(``cms.validity_expired``). Run by the worker's scheduler daily and by
``python manage.py validity_sweep [--date]``; running it twice changes nothing more.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.gates import IssueRefused
from cms.models import NormativeDocumentPage, ValidityStatus

logger = logging.getLogger(__name__)

LOG_ACTION = "cms.validity_expired"


@dataclass
class SweepOutcome:
    expired: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (document, reasons)
    warned: list = field(default_factory=list)


def documents_run_out(*, today: dt.date):
    """Published current documents whose 有效期至 lies before ``today``."""
    return NormativeDocumentPage.objects.live().filter(
        validity_status=ValidityStatus.IN_FORCE, valid_until__lt=today
    )


def documents_running_out(*, today: dt.date, days: int):
    """Published current documents whose 有效期至 falls within the next ``days`` days."""
    return NormativeDocumentPage.objects.live().filter(
        validity_status=ValidityStatus.IN_FORCE,
        valid_until__gte=today,
        valid_until__lte=today + dt.timedelta(days=days),
    )


def validity_sweep(*, today: dt.date | None = None, warn: bool = True) -> SweepOutcome:
    """Mark run-out documents 已失效 (as of the day after 有效期至) and warn of those
    running out within VALIDITY_WARNING_DAYS."""
    today = today or timezone.localdate()
    outcome = SweepOutcome()
    for document in documents_run_out(today=today):
        try:
            document_expire(document=document)
        except IssueRefused as refusal:
            logger.error("《%s》有效期已届满，但未能标记为已失效：%s", document.title, refusal)
            outcome.refused.append((document, list(refusal.reasons)))
            continue
        outcome.expired.append(document)
    if warn:
        from review.validity_warnings import warn_running_out

        outcome.warned = warn_running_out(today=today)
    return outcome


@transaction.atomic
def document_expire(*, document: NormativeDocumentPage) -> NormativeDocumentPage:
    """Republish ``document``'s live content as 已失效 from the day after 有效期至."""
    page = NormativeDocumentPage.objects.select_for_update().get(pk=document.pk)
    if page.validity_status != ValidityStatus.IN_FORCE or not page.live:
        return page  # another sweep (or a cleanup decision) came first
    expired_on = page.valid_until + dt.timedelta(days=1)
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    page.validity_status, page.status_changed_on = ValidityStatus.EXPIRED, expired_on
    page.save_revision(log_action=True).publish(skip_permission_checks=True)
    if draft is not None and draft.valid_until and draft.valid_until < expired_on:
        draft.validity_status, draft.status_changed_on = ValidityStatus.EXPIRED, expired_on
        draft.save_revision(log_action=True)
    log(
        instance=page,
        action=LOG_ACTION,
        data={"valid_until": page.valid_until.isoformat(), "expired_on": expired_on.isoformat()},
    )
    logger.info("《%s》有效期至 %s，已标记为已失效。", page.title, page.valid_until)
    return page
