"""The issue gate (docs/architecture.md): "未经法制审核或者审核未通过的，不得作出决定".

An item is published (document, decision list) or marked signed (contract) only when the
exact content being issued carries a passing legal opinion and every earlier step of its
path is complete on that same content. Registered with cms.gates in ReviewConfig.ready().
"""

from cms.kinds import ItemKind, item_kind, specific
from review.hashing import legacy_content_hash, public_fields, revision_content_hash
from review.models import (
    Deliberation,
    DeliberationDecision,
    FairCompetitionReview,
    LegacyIssue,
    LegalOpinion,
    Outcome,
    Registration,
    SignOffTask,
)
from review.secrecy import attribute_problems, interpretation_problems, secrecy_problems


def issue_problems(obj, revision) -> list[str]:
    """What is missing before ``revision`` of ``obj`` may be issued, in Chinese."""
    obj = specific(obj)
    kind = item_kind(obj)
    if kind is None:
        return []
    revision = revision or obj.get_latest_revision()
    if revision is None:
        return ["没有可发布的版本。"]
    revived = _revival_problem(obj, revision)
    if revived:
        return [revived]
    digest = revision_content_hash(revision)
    if any(_matches(record, digest) for record in LegacyIssue.for_object(obj)):
        return []
    problems = _opinion_problems(obj, revision, digest)
    if kind == ItemKind.NORMATIVE_DOCUMENT:
        problems += _fair_competition_problems(obj, digest)
        problems += _deliberation_problems(obj, digest)
        problems += _registration_problems(obj, revision)
        problems += attribute_problems(revision) + interpretation_problems(revision)
        problems += secrecy_problems(obj, digest)
    elif kind == ItemKind.MAJOR_DECISION:
        problems += _deliberation_problems(obj, digest)
        problems += secrecy_problems(obj, digest)
    elif kind == ItemKind.CONTRACT:
        problems += _sign_off_problems(obj, digest)
    return problems


ENDED = {"已废止", "已失效"}


def _revival_problem(obj, revision) -> str:
    """An abolished or expired document stays so: a later revision may not bring it back.

    有效性 is left out of the content hash (abolition needs no new review), so without this
    an amendment workflow finishing after a cleanup decision would quietly undo 已废止.
    """
    if not hasattr(obj, "validity_status") or obj.pk is None:
        return ""
    # Read the stored row: ``obj`` may be the in-memory draft being published.
    stored = type(obj).objects.filter(pk=obj.pk).values_list("live", "validity_status").first()
    live_status = stored[1] if stored and stored[0] else ""
    new_status = revision.content.get("validity_status", live_status)
    if live_status in ENDED and new_status not in ENDED:
        return f"该文件已{live_status}，不能再发布为“{new_status}”；如需重新施行，请制定新文件。"
    return ""


def _matches(record, digest: str) -> bool:
    return revision_content_hash(record.revision) == digest


def opinion_problems_for(obj, revision) -> list[str]:
    """The legal-opinion part of the gate alone (no other step of the path)."""
    return _opinion_problems(specific(obj), revision, revision_content_hash(revision))


def _opinion_problems(obj, revision, digest: str) -> list[str]:
    opinions = list(
        LegalOpinion.objects.for_object(obj).select_related("revision", "task_state__task")
    )
    passing = [o for o in opinions if o.is_passing and _vouches_for(o, revision, digest)]
    if passing:
        return _countersign_problems(passing, opinions)
    if not opinions:
        return ["尚未经法律顾问合法性审查，没有书面审核意见。"]
    latest = opinions[0]
    if latest.outcome == Outcome.REJECT:
        return [f"法律顾问审核意见为“不同意”（{latest.number}），须修改后重新送审。"]
    if latest.outcome == Outcome.APPROVE_WITH_CHANGES:
        return [f"审核意见为“修改后同意”（{latest.number}），法律顾问尚未确认已按意见修改。"]
    return [f"拟发布的版本与法律顾问审核通过的版本（{latest.number}）内容不一致，须重新审核。"]


def _opinion_count_required(opinion) -> int:
    task = opinion.task_state.task.specific if opinion.task_state_id else None
    return getattr(task, "opinions_required", 1)


def _countersign_problems(passing, opinions) -> list[str]:
    """会签: a task configured for two advisers needs two different advisers' passing
    opinions on this same content, and no dissent in the same round."""
    needed = max(_opinion_count_required(o) for o in passing)
    if needed < 2:
        return []
    rounds = {o.task_state_id for o in passing}
    dissent = [o for o in opinions if o.task_state_id in rounds and not o.is_passing]
    if dissent:
        return [
            f"会签中法律顾问意见为“{dissent[0].outcome}”（{dissent[0].number}），须修改后重新送审。"
        ]
    advisers = {o.adviser_id for o in passing}
    if len(advisers) >= needed:
        return []
    return [f"该事项须两名法律顾问会签，目前仅{len(advisers)}名法律顾问出具通过意见。"]


def opinion_verifies(opinion) -> bool:
    """The opinion's stored digest still matches the revision it judged (checked after a
    restore from backup, for example)."""
    revision = opinion.revision
    return _vouches_for(opinion, revision, revision_content_hash(revision))


def _vouches_for(opinion, revision, digest: str) -> bool:
    """The opinion's stored digest is this content's — or, for an opinion signed before the
    public page fields joined the hash, its legacy digest is, and those fields are exactly
    what the adviser saw (review.hashing explains why)."""
    if opinion.content_hash == digest:
        return True
    return opinion.content_hash == legacy_content_hash(revision) and public_fields(
        revision
    ) == public_fields(opinion.revision)


def _fair_competition_problems(obj, digest: str) -> list[str]:
    reviews = [r for r in FairCompetitionReview.for_object(obj) if _matches(r, digest)]
    if not reviews:
        return ["尚未完成公平竞争审查（或记录不需审查的理由）。"]
    latest = reviews[0]
    if latest.applicable and not latest.passed:
        return ["公平竞争审查结论为存在排除、限制竞争的内容，须修改。"]
    return []


def _deliberation_problems(obj, digest: str) -> list[str]:
    meetings = [d for d in Deliberation.for_object(obj) if _matches(d, digest)]
    if not meetings:
        return ["尚未经集体审议（局党组会或局务会）。"]
    if meetings[0].decision != DeliberationDecision.ADOPTED:
        return [f"集体审议决定为“{meetings[0].decision}”。"]
    return []


def _registration_problems(obj, revision) -> list[str]:
    registration = Registration.for_object(obj).first()
    if registration is None:
        return ["尚未由局办公室统一登记编号。"]
    if revision.content.get("registration_number") != registration.registration_number:
        return ["拟发布的版本未载明统一登记编号。"]
    return []


def _sign_off_problems(obj, digest: str) -> list[str]:
    from wagtail.models import TaskState

    approvals = TaskState.objects.for_instance(obj).filter(
        status=TaskState.STATUS_APPROVED, task__in=SignOffTask.objects.all()
    )
    if not any(revision_content_hash(state.revision) == digest for state in approvals):
        return ["尚未经局领导签批。"]
    return []
