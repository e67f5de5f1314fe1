"""Records of the other steps: fair-competition review, deliberation, leadership sign-off."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from review.checklists import FAIR_COMPETITION_STANDARDS
from review.errors import ReviewError
from review.models import (
    Deliberation,
    DeliberationDecision,
    DeliberationTask,
    FairCompetitionReview,
    FairCompetitionTask,
    SignOffTask,
)
from review.services.common import check_revision, locked_task_state, record_kwargs


@transaction.atomic
def fair_competition_record(
    *,
    task_state_id: int,
    revision_id: int,
    user,
    applicable: bool,
    findings: dict[str, str],
    conclusion: str,
    skip_reason: str = "",
) -> FairCompetitionReview:
    """The drafting unit's 公平竞争审查 (or its reason why none is needed)."""
    state = locked_task_state(task_state_id, user, FairCompetitionTask)
    check_revision(state, revision_id)
    if not applicable:
        if not skip_reason.strip():
            raise ReviewError("不涉及经营主体经济活动、不需审查的，必须写明理由。")
        findings, passed = {}, True
        conclusion = (
            conclusion.strip() or "经审查，本文件不涉及经营主体经济活动，不需进行公平竞争审查。"
        )
    else:
        codes = {item.code for _, item in FAIR_COMPETITION_STANDARDS}
        if set(findings) != codes or any(v not in ("不违反", "违反") for v in findings.values()):
            raise ReviewError("须对四类十九项审查标准逐项作出判断（不违反 / 违反）。")
        if not conclusion.strip():
            raise ReviewError("请填写公平竞争审查结论。")
        passed = "违反" not in findings.values()
    record = FairCompetitionReview.objects.create(
        **record_kwargs(state, user),
        applicable=applicable,
        skip_reason=skip_reason.strip(),
        findings=findings,
        conclusion=conclusion.strip(),
        passed=passed,
    )
    comment = f"公平竞争审查：{record.conclusion}"[:1000]
    if passed:
        state.specific.approve(user=user, comment=comment)
    else:
        state.specific.reject(user=user, comment=comment)
    return record


@transaction.atomic
def deliberation_record(
    *,
    task_state_id: int,
    revision_id: int,
    user,
    body: str,
    meeting_date: date,
    minutes_reference: str,
    decision: str,
    note: str = "",
) -> Deliberation:
    """集体审议: 通过 moves on; 修改后通过 / 不予通过 return the item to the drafter."""
    state = locked_task_state(task_state_id, user, DeliberationTask)
    check_revision(state, revision_id)
    if meeting_date > timezone.localdate():
        raise ReviewError("会议日期不能晚于今天。")
    if not minutes_reference.strip():
        raise ReviewError("请填写会议纪要编号。")
    if decision != DeliberationDecision.ADOPTED and not note.strip():
        raise ReviewError(f"决定为“{decision}”时须说明理由或修改要求。")
    record = Deliberation.objects.create(
        **record_kwargs(state, user),
        body=body,
        meeting_date=meeting_date,
        minutes_reference=minutes_reference.strip(),
        decision=decision,
        note=note.strip(),
    )
    comment = f"{body}（{meeting_date:%Y-%m-%d}，{record.minutes_reference}）：{decision}。{note}"[
        :1000
    ]
    if decision == DeliberationDecision.ADOPTED:
        state.specific.approve(user=user, comment=comment)
    else:
        state.specific.reject(user=user, comment=comment)
    return record


@transaction.atomic
def sign_off(*, task_state_id: int, revision_id: int, user, approve: bool, comment: str = ""):
    """局领导签批 of a contract; refusing needs a reason."""
    state = locked_task_state(task_state_id, user, SignOffTask)
    check_revision(state, revision_id)
    if approve:
        state.specific.approve(user=user, comment=comment.strip() or "同意签订。")
    else:
        if not comment.strip():
            raise ReviewError("不同意签订时须说明理由。")
        state.specific.reject(user=user, comment=comment.strip())
    return state


@transaction.atomic
def filing_record(*, document, user, authority: str, filed_on: date, reference: str = ""):
    """备案 of a published normative document (once; the record is append-only)."""
    from django.contrib.contenttypes.models import ContentType

    from review.models import Filing

    if not document.live or not document.published_on:
        raise ReviewError("文件尚未公布，不能报送备案。")
    if Filing.for_object(document).exists():
        raise ReviewError("该文件已登记备案，不能重复登记。")
    if filed_on < document.published_on:
        raise ReviewError("报送备案日期不能早于发布日期。")
    if filed_on > timezone.localdate():
        raise ReviewError("报送备案日期不能晚于今天。")
    return Filing.objects.create(
        content_type=ContentType.objects.get_for_model(document, for_concrete_model=False),
        object_id=str(document.pk),
        revision=document.live_revision,
        recorded_by=user,
        authority=authority.strip(),
        filed_on=filed_on,
        reference=reference.strip(),
    )


@transaction.atomic
def legacy_issue(*, obj, user, paper_reference: str, reason: str):
    """存量导入: record a paper-issued item and publish exactly that content.

    Only administrators may do this; the record stays in the item's audit trail.
    """
    from django.contrib.contenttypes.models import ContentType

    from cms import roles
    from review.models import LegacyIssue

    if not (user.is_active and user.has_perm(roles.IMPORT_LEGACY)):
        raise ReviewError("只有具有“导入存量文件”权限的管理员可以导入存量文件。")
    if not paper_reference.strip() or not reason.strip():
        raise ReviewError("存量导入须填写原审核意见书或印发文号，以及导入说明。")
    revision = obj.get_latest_revision() or obj.save_revision(user=user)
    record = LegacyIssue.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        revision=revision,
        recorded_by=user,
        paper_reference=paper_reference.strip(),
        reason=reason.strip(),
    )
    revision.publish(user=user, skip_permission_checks=True)
    return record
