"""The legal adviser's opinion (合法性审查意见). Part of the review services:

Writes of the review path. Views, hooks and the demo call these; nothing else writes
opinions or records. Each function locks the task state first, so two reviewers acting
at once cannot both succeed, and refuses in Chinese when the action no longer applies.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from cms import calendar
from cms.kinds import item_kind, specific
from review import tasks
from review.checklists import legality_checklist
from review.errors import ReviewError
from review.hashing import revision_content_hash
from review.models import (
    PASSING,
    LegalOpinion,
    LegalReviewTask,
    Outcome,
    next_in_sequence,
)
from review.services.common import check_revision, item_title, locked_task_state
from review.signals import opinion_issued

OPINION_SEQUENCE = "legal-opinion"


@transaction.atomic
def opinion_issue(
    *,
    task_state_id: int,
    revision_id: int,
    adviser,
    outcome: str,
    checklist: list[dict],
    conclusion: str,
    required_changes: list[str],
    urgency_reason: str = "",
    today: date | None = None,
) -> LegalOpinion:
    """Sign the legal adviser's opinion on the task's revision, then move the workflow on.

    同意 / 确认已修改 approve the task; 修改后同意 and 不同意 send the item back to the
    drafter ("needs changes"). The opinion is numbered 法审〔YYYY〕N号 and immutable.
    """
    state = locked_task_state(task_state_id, adviser, LegalReviewTask)
    check_revision(state, revision_id)
    obj = specific(state.workflow_state.content_object)
    conclusion = (conclusion or "").strip()
    required_changes = [c.strip() for c in required_changes if c and c.strip()]
    _check_countersign(state, adviser)
    # The opinion a confirmation answers: the latest of an earlier round (in a 会签 the
    # other adviser's opinion on this same round is a peer, not the one confirmed).
    previous = LegalOpinion.objects.for_object(obj).exclude(task_state=state).first()
    _validate_opinion(outcome, checklist, conclusion, required_changes, previous, item_kind(obj))
    today = today or timezone.localdate()
    _check_minimum_days(state, outcome, urgency_reason, today)
    conclusion = _final_conclusion(outcome, conclusion, urgency_reason, previous)
    year, sequence = today.year, next_in_sequence(OPINION_SEQUENCE, today.year)
    opinion = LegalOpinion.objects.create(
        number=f"法审〔{year}〕{sequence}号",
        year=year,
        sequence=sequence,
        kind=item_kind(obj),
        content_type=state.workflow_state.content_type,
        object_id=str(obj.pk),
        item_title=item_title(obj),
        revision=state.revision,
        content_hash=revision_content_hash(state.revision),
        task_state=state,
        outcome=outcome,
        checklist=checklist,
        conclusion=conclusion,
        required_changes=required_changes,
        confirms=previous if outcome == Outcome.CONFIRMED else None,
        adviser=adviser,
        adviser_name=adviser.get_full_name() or adviser.get_username(),
        submitted_at=state.started_at,
        signed_at=_signed_at(today),
    )
    # Rendering leaves the request: queued in this transaction (the immediate backend
    # renders here and now), the opinion reread so the caller sees a letter filed inline.
    tasks.render_opinion_pdfs.enqueue(opinion.pk)
    opinion.refresh_from_db(fields=["letter", "archive", "archive_skipped"])
    transaction.on_commit(lambda: opinion_issued.send(sender=LegalOpinion, opinion=opinion))
    _move_workflow(state, opinion, adviser)
    return opinion


def _check_countersign(state, adviser) -> None:
    """会签: each of the two advisers signs once per round, and they are different people."""
    if state.task.specific.opinions_required < 2:
        return
    if LegalOpinion.objects.filter(task_state=state, adviser=adviser).exists():
        raise ReviewError(
            "本环节须两名不同的法律顾问会签，您已对该送审版本出具意见，请由另一名法律顾问出具。"
        )


def _move_workflow(state, opinion, adviser) -> None:
    """同意 / 确认已修改 approve the task once enough advisers concur (会签: two); any
    other outcome sends the item back at once."""
    comment = f"{opinion.number}：{opinion.get_outcome_display()}。{opinion.conclusion}"[:1000]
    if opinion.outcome not in (Outcome.APPROVE, Outcome.CONFIRMED):
        state.specific.reject(user=adviser, comment=comment)
        return
    concurring = (
        LegalOpinion.objects.filter(task_state=state, outcome__in=PASSING)
        .values("adviser")
        .distinct()
        .count()
    )
    if concurring >= state.task.specific.opinions_required:
        state.specific.approve(user=adviser, comment=comment)


def _check_minimum_days(state, outcome: str, urgency_reason: str, today: date) -> None:
    """An opinion sooner than the task's minimum working days must say why it is urgent."""
    task = state.task.specific
    submitted_on = timezone.localdate(state.started_at)
    if (
        outcome != Outcome.CONFIRMED
        and calendar.working_days_between(submitted_on, today) < task.working_days_minimum
        and not urgency_reason.strip()
    ):
        raise ReviewError(
            f"自送审起不足{task.working_days_minimum}个工作日即出具意见，须填写紧急情况说明。"
        )


def _final_conclusion(outcome: str, conclusion: str, urgency_reason: str, previous) -> str:
    """The conclusion as signed: a confirmation's default text, the urgency note appended."""
    if outcome == Outcome.CONFIRMED and not conclusion:
        conclusion = f"经核对，送审版本已落实{previous.number}所列修改要求，同意。"
    if urgency_reason.strip():
        conclusion = f"{conclusion}\n（紧急审查说明：{urgency_reason.strip()}）".strip()
    return conclusion


def _signed_at(day: date):
    """Now, or — when an opinion dated earlier is entered (补录) — that day's office hours."""
    from datetime import datetime, time

    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _validate_opinion(outcome, checklist, conclusion, required_changes, previous, kind) -> None:
    if outcome not in Outcome.values:
        raise ReviewError("请选择审核结论：同意、修改后同意或不同意。")
    if outcome == Outcome.CONFIRMED:
        if previous is None or previous.outcome != Outcome.APPROVE_WITH_CHANGES:
            raise ReviewError("只有“修改后同意”的事项才需要确认已按意见修改。")
        return
    codes = {item.code for item in legality_checklist(kind)}
    answered = {line.get("code") for line in checklist if line.get("result")}
    if answered != codes:
        raise ReviewError("审查事项清单须逐项填写（符合 / 不符合 / 不适用）。")
    if outcome in (Outcome.APPROVE_WITH_CHANGES, Outcome.REJECT) and not conclusion:
        raise ReviewError(f"审核结论为“{outcome}”时必须写明审核意见和理由。")
    if outcome == Outcome.APPROVE_WITH_CHANGES and not required_changes:
        raise ReviewError("“修改后同意”须逐条列出修改要求。")
    if outcome == Outcome.APPROVE and any(line.get("result") == "不符合" for line in checklist):
        raise ReviewError("审查事项中有“不符合”，不能直接“同意”。")
