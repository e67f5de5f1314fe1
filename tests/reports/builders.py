"""Build review records on given days through the real services (only time is moved by hand:
task start times and record stamps, since the report counts by date)."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState

from cms.kinds import item_kind
from cms.models import MajorDecisionListPage
from review import services
from review.checklists import FAIR_COMPETITION_STANDARDS, legality_checklist
from review.models import FairCompetitionReview, Filing, Outcome


def aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def drafted(obj, on: dt.date):
    """The item's first saved version dates from ``on``."""
    Revision.objects.filter(object_id=str(obj.pk)).update(created_at=aware(on))
    return obj


def current(obj) -> TaskState:
    obj.refresh_from_db()
    return obj.current_workflow_task_state.specific


def _start_on(obj, on: dt.date) -> TaskState:
    state = current(obj)
    TaskState.objects.filter(pk=state.pk).update(started_at=aware(on))
    return TaskState.objects.get(pk=state.pk).specific


def submit(obj, user, on: dt.date) -> TaskState:
    obj.get_workflow().start(obj, user)
    WorkflowState.objects.for_instance(obj).update(created_at=aware(on))
    return _start_on(obj, on)


def resubmit(obj, user, on: dt.date) -> TaskState:
    """The drafter saves a new version and resumes the workflow (what the edit page does)."""
    obj.refresh_from_db()
    obj.save_revision(user=user)
    obj.current_workflow_state.resume(user=user)
    return _start_on(obj, on)


def fair_competition(obj, user, on: dt.date, applicable: bool = True):
    state = current(obj)
    record = services.fair_competition_record(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        user=user,
        applicable=applicable,
        findings={item.code: "不违反" for _, item in FAIR_COMPETITION_STANDARDS}
        if applicable
        else {},
        conclusion="未发现排除、限制竞争的内容。" if applicable else "",
        skip_reason="" if applicable else "本文件规范内部工作程序，不涉及经营主体经济活动。",
    )
    FairCompetitionReview.objects.filter(pk=record.pk).update(recorded_at=aware(on, 15))
    return record


def opinion(
    obj, adviser, on: dt.date, outcome: str = Outcome.APPROVE, started: dt.date | None = None
):
    state = _start_on(obj, started) if started else current(obj)
    checklist = [
        {"code": i.code, "result": "符合", "remark": ""} for i in legality_checklist(item_kind(obj))
    ]
    if outcome == Outcome.CONFIRMED:
        checklist = []
    changes = ["第三条补充申请材料清单。"] if outcome == Outcome.APPROVE_WITH_CHANGES else []
    return services.opinion_issue(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        adviser=adviser,
        outcome=outcome,
        checklist=checklist,
        conclusion="" if outcome in (Outcome.APPROVE, Outcome.CONFIRMED) else "理由见审查事项。",
        required_changes=changes,
        today=on,
    )


def check_secrecy(obj, office):
    """The office's 保密审查 before the step that publishes (another member if ``office``
    compiled the item)."""
    from tests.review import helpers

    obj = obj.specific if hasattr(obj, "specific") else obj
    helpers.record_secrecy(obj, helpers.secrecy_user(obj, office))


def deliberate(obj, office, on: dt.date):
    if isinstance(getattr(obj, "specific", obj), MajorDecisionListPage):
        check_secrecy(obj, office)  # the decision publishes the list
    state = current(obj)
    return services.deliberation_record(
        task_state_id=state.pk,
        revision_id=state.revision_id,
        user=office,
        body="局党组会",
        meeting_date=on,
        minutes_reference=f"党组会纪要〔{on.year}〕{on.month}号",
        decision="通过",
    )


def register(obj, office, on: dt.date):
    check_secrecy(obj, office)
    state = current(obj)
    return services.registration_register(
        task_state_id=state.pk, revision_id=state.revision_id, user=office, issued_on=on
    )


def sign_off(obj, leader):
    state = current(obj)
    return services.sign_off(
        task_state_id=state.pk, revision_id=state.revision_id, user=leader, approve=True
    )


def file(document, office, on: dt.date):
    document.refresh_from_db()
    record = services.filing_record(
        document=document, user=office, authority="吴忠市红寺堡区人民政府", filed_on=on
    )
    Filing.objects.filter(pk=record.pk).update(recorded_at=aware(on, 15))
    return record
