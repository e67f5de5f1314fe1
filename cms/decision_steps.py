"""Where each major decision stands (issue 15), computed from its own records, never typed.

The statutory steps (公众参与, 专家论证, 风险评估, 合法性审查, 集体讨论决定) and then 决策公布
and 备案 are read from the item's records: its consultation, expert opinions, risk reports
and meetings (cms), its decision draft's page state (cms), and — through the readers the
review app registers here, since cms never imports review — the passing legal opinion on
the draft and its filing. Items entered before these records existed keep their old
hand-typed dates (read-only on ``DecisionItem``); a step's record, when there is one, wins.
"""

from collections.abc import Callable
from datetime import date

from django.utils import timezone

#: A reader returns (date, note) for a step done, or None. Steps: "legality_review", "filing".
StepReader = Callable[[object], tuple[date, str] | None]
_readers: dict[str, StepReader] = {}

NOT_STARTED = "未启动"
CONSULTING = "公众参与中"
ASSESSING = "论证评估中"
DRAFTING = "方案起草中"
IN_REVIEW = "合法性审查中"
REVIEWED = "待集体讨论"
DECIDED = "已集体讨论决定"
PUBLISHED = "已公布"
FILED = "已备案"
REMOVED = "已调出"
PROGRESS_LABELS = (
    NOT_STARTED,
    CONSULTING,
    ASSESSING,
    DRAFTING,
    IN_REVIEW,
    REVIEWED,
    DECIDED,
    PUBLISHED,
    FILED,
    REMOVED,
)
#: What the portal may say of an item (the internal stages read 办理中).
PUBLIC_LABELS = {NOT_STARTED, CONSULTING, PUBLISHED, FILED, REMOVED}


def register_step_reader(step: str, reader: StepReader) -> None:
    _readers[step] = reader


def read_step(step: str, item) -> tuple[date, str] | None:
    reader = _readers.get(step)
    return reader(item) if reader is not None else None


def draft_of(item):
    from cms.models import DecisionDraftPage

    return DecisionDraftPage.objects.filter(item_id=item.pk).first()


def _record_steps(item, today: date) -> dict[str, tuple]:
    """(done_on, note, evidence) of each step that has a record."""
    steps: dict[str, tuple] = {}
    consultation = getattr(item, "consultation", None) if item.pk else None
    if consultation is not None and consultation.end < today:
        note = f"公开征求意见 {consultation.start:%Y-%m-%d} 至 {consultation.end:%Y-%m-%d}"
        steps["public_participation"] = (consultation.end, note, None)
    experts = list(item.expert_opinions.all()) if item.pk else []
    if experts:
        latest = max(experts, key=lambda e: (e.given_on, e.pk))
        # The note is public (the portal's list): how many, never who or what they said.
        note = f"已组织{len(experts)}位专家论证"
        steps["expert_argument"] = (latest.given_on, note, latest.attachment)
    risks = list(item.risk_assessments.all()) if item.pk else []
    if risks:
        latest = max(risks, key=lambda r: (r.assessed_on, r.pk))
        level = latest.get_level_display() or "未注明风险等级"
        steps["risk_assessment"] = (latest.assessed_on, f"评估结论：{level}", latest.attachment)
    legality = read_step("legality_review", item) if item.pk else None
    if legality:
        steps["legality_review"] = (legality[0], legality[1], None)
    meetings = list(item.meetings.all()) if item.pk else []
    if meetings:
        latest = max(meetings, key=lambda m: (m.held_on, m.pk))
        steps["collective_decision"] = (latest.held_on, latest.name, latest.attachment)
    return steps


def procedure_status(item, today: date | None = None) -> list[dict]:
    """Each statutory procedure: required, done on, note and evidence."""
    from cms.models.decisions import PROCEDURES

    records = _record_steps(item, today or timezone.localdate())
    rows = []
    for code, label in PROCEDURES:
        done_on, note, evidence = records.get(code) or (
            getattr(item, f"{code}_done_on"),
            getattr(item, f"{code}_note"),
            getattr(item, f"{code}_evidence"),
        )
        rows.append(
            {
                "code": code,
                "label": label,
                "required": getattr(item, f"{code}_required"),
                "done_on": done_on,
                "note": note,
                "evidence": evidence,
            }
        )
    return rows


def item_progress(item, today: date | None = None) -> str:
    """The item's stage, from its records (the furthest reached)."""
    from cms.models.decisions import DecisionItemStatus

    if item.status == DecisionItemStatus.REMOVED:
        return REMOVED
    today = today or timezone.localdate()
    draft = draft_of(item)
    if draft is not None:
        return _draft_progress(item, draft)
    consultation = getattr(item, "consultation", None)
    if consultation is not None and consultation.start <= today <= consultation.end:
        return CONSULTING
    done = {row["code"] for row in procedure_status(item, today) if row["done_on"]}
    if done:
        return ASSESSING
    return NOT_STARTED


def _draft_progress(item, draft) -> str:
    if read_step("filing", item):
        return FILED
    if draft.live:
        return PUBLISHED
    if item.meetings.exists():
        return DECIDED
    if read_step("legality_review", item):
        return REVIEWED
    if draft.workflow_in_progress:
        return IN_REVIEW
    return DRAFTING


def public_progress(label: str) -> str:
    return label if label in PUBLIC_LABELS else "办理中"
