"""统一登记、统一编号、统一印发 (三统一) by the office.

The number is allocated and recorded in its own transaction before the workflow moves
on: if publishing then fails, the document keeps its number and a retry reuses it, and
no other document ever gets it.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms import rules
from cms.models import NormativeDocumentPage
from review.errors import ReviewError
from review.models import Registration, RegistrationTask, next_in_sequence
from review.services.common import check_revision, locked_task_state, record_kwargs


def registration_number_of(year: int, sequence: int) -> str:
    return f"{settings.REGISTRATION_PREFIX}〔{year}〕{sequence}号"


def _next_doc_number(year: int) -> str:
    prefix = settings.DOC_NUMBER_PREFIX
    used = [
        parsed.seq
        for value in NormativeDocumentPage.objects.filter(
            doc_number__startswith=f"{prefix}〔{year}〕"
        ).values_list("doc_number", flat=True)
        if (parsed := rules.parse_doc_number(value))
    ]
    sequence = next_in_sequence(f"doc-number:{prefix}", year, floor=max(used, default=0))
    return f"{prefix}〔{year}〕{sequence}号"


def _next_index_number(year: int) -> str:
    """索引号 <机构代码>/<年>-<序号>, unique: the sequence starts above any number in use."""
    prefix = f"{settings.INDEX_NUMBER_PREFIX}/{year}-"
    used = [
        int(value[len(prefix) :])
        for value in NormativeDocumentPage.objects.filter(
            index_number__startswith=prefix
        ).values_list("index_number", flat=True)
        if value[len(prefix) :].isdigit()
    ]
    sequence = next_in_sequence(
        f"index-number:{settings.INDEX_NUMBER_PREFIX}", year, floor=max(used, default=0)
    )
    return f"{prefix}{sequence:05d}"


def registration_allocate(
    *, task_state_id: int, revision_id: int, user, issued_on: date | None = None
):
    """Allocate (or reuse) the document's 登记编号 and 发文字号 and save them in a revision."""
    with transaction.atomic():
        state = locked_task_state(task_state_id, user, RegistrationTask)
        check_revision(state, revision_id)
        page = state.revision.as_object()
        issued_on = issued_on or timezone.localdate()
        registration = Registration.for_object(page).first()
        if registration is None:
            year = issued_on.year
            sequence = next_in_sequence(f"registration:{page.issuer}", year)
            registration = Registration.objects.create(
                **record_kwargs(state, user),
                issuer=page.issuer,
                year=year,
                sequence=sequence,
                registration_number=registration_number_of(year, sequence),
                doc_number=page.doc_number or _next_doc_number(year),
                issued_on=issued_on,
            )
        page.registration_number = registration.registration_number
        page.doc_number = page.doc_number or registration.doc_number
        page.written_on = page.written_on or registration.issued_on
        page.published_on = page.published_on or registration.issued_on
        page.effective_on = page.effective_on or registration.issued_on
        page.index_number = page.index_number or _next_index_number(registration.year)
        try:
            revision = page.save_revision(user=user, log_action=True)
        except Exception as error:  # validation of the registered revision
            raise ReviewError(f"登记后的文件未通过校验：{error}") from error
        workflow_state = state.workflow_state
        workflow_state.copy_approved_task_states_to_revision(revision)
        state.revision = revision
        state.save(update_fields=["revision"])
    return registration, state


def registration_register(*, task_state_id: int, revision_id: int, user, issued_on=None):
    """Register, then approve the task: the workflow finishes and the document is published."""
    registration, state = registration_allocate(
        task_state_id=task_state_id, revision_id=revision_id, user=user, issued_on=issued_on
    )
    with transaction.atomic():
        state = locked_task_state(state.pk, user, RegistrationTask)
        state.specific.approve(
            user=user,
            comment=f"统一登记：{registration.registration_number}，发文字号 {registration.doc_number}",
        )
    return registration
