"""Walk the demo bureau's records along their real review paths (services, not shortcuts).

Documents issued before 2023 come in as 存量导入 (paper-issued); everything from 2023 on
goes through its workflow with backdated steps, so opinions, fair-competition reviews,
meetings and registrations exist as records — the annual report counts them. Some items
are left mid-way so every state of the workflows shows: awaiting review, returned with
"修改后同意", overdue, awaiting the collective decision.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from bureau.demo import decisions as decision_demo
from bureau.demo import loader
from bureau.demo import reports as report_demo
from cms import calendar
from cms.kinds import item_kind
from cms.models import DecisionDraftPage, MajorDecisionListPage
from review import services, setup
from review.checklists import legality_checklist
from review.models import (
    Deliberation,
    DeliberationTask,
    FairCompetitionReview,
    FairCompetitionTask,
    LegalReviewTask,
    Outcome,
    Registration,
    RegistrationTask,
    SignOffTask,
)
from review.models.records import AppendOnly

PAPER_ERA_END = date(2023, 1, 1)


def _aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class DemoActors:
    def __init__(self):
        users = get_user_model().objects
        self.adviser = users.get(username="adviser")
        self.office = users.get(username="office")
        self.leader = users.get(username="leader")
        self.admin = users.get(username="admin")

    @staticmethod
    def drafter_of(department):
        return get_user_model().objects.filter(groups=department.group_id).order_by("pk").first()


def load_demo():
    """Idempotent; demo notifications go to an in-memory outbox, not the console."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _load_demo()


@transaction.atomic
def _load_demo():
    setup.workflows_ensure()
    plan = loader.load_records()
    actors = DemoActors()
    _issue_all(plan, actors)
    return plan.logins


def _untouched(obj) -> bool:
    obj.refresh_from_db()
    return not obj.live and not WorkflowState.objects.for_instance(obj).exists()


def _backdate_current(obj, day: date) -> TaskState:
    state = obj.current_workflow_task_state
    TaskState.objects.filter(pk=state.pk).update(started_at=_aware(day))
    return TaskState.objects.get(pk=state.pk).specific


def _stamp(record: AppendOnly, day: date) -> None:
    type(record).objects.filter(pk=record.pk).update(recorded_at=_aware(day, 15))


APPROVALS = {
    "normative": "经审查，制定主体、权限、内容和程序均符合法律法规规定，同意。",
    "contract": "经审查，合同主体适格，订立程序、合同内容和主要条款符合法律法规规定，同意。",
    "decision": "经审查，决策事项符合法定权限，决策程序和草案内容符合法律法规规定，同意。",
}


def _checklist(obj) -> list[dict]:
    return [
        {"code": item.code, "result": "符合", "remark": ""}
        for item in legality_checklist(item_kind(obj))
    ]


def walk(obj, requester, actors: DemoActors, submitted_on: date, issued_on: date, stop_at=None):
    """Submit ``obj`` on ``submitted_on`` and act on each task until issued (or ``stop_at``).

    ``stop_at`` is a (task class, action) pair: ``("wait", cls)`` leaves that task open;
    ``("changes", LegalReviewTask)`` returns the item with 修改后同意.
    """
    obj.get_workflow().start(obj, requester)
    WorkflowState.objects.for_instance(obj).update(created_at=_aware(submitted_on))
    day = submitted_on
    while True:
        obj.refresh_from_db()
        state = obj.current_workflow_task_state
        if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
            return
        task = state.task.specific
        state = _backdate_current(obj, day)
        if stop_at and stop_at[0] == "wait" and isinstance(task, stop_at[1]):
            return
        day = _act(obj, state, task, actors, day, issued_on, stop_at)
        if day is None:
            return


def _act(obj, state, task, actors, day, issued_on, stop_at):
    revision_id = state.revision_id
    if isinstance(task, FairCompetitionTask):
        economic = getattr(obj, "touches_economic_activity", False)
        record = services.fair_competition_record(
            task_state_id=state.pk,
            revision_id=revision_id,
            user=actors.drafter_of(obj.department),
            applicable=economic,
            findings=dict.fromkeys(_standard_codes(), "不违反") if economic else {},
            conclusion="经对照四类十九项标准逐项审查，未发现排除、限制竞争的内容。"
            if economic
            else "",
            skip_reason=""
            if economic
            else "本文件规范民政部门内部工作程序和群众申请事项，不涉及经营主体经济活动。",
        )
        _stamp(record, day)
        return calendar.add_working_days(day, 1)
    if isinstance(task, LegalReviewTask):
        review_day = calendar.add_working_days(day, task.working_days_minimum + 1)
        if stop_at == ("changes", LegalReviewTask):
            services.opinion_issue(
                task_state_id=state.pk,
                revision_id=revision_id,
                adviser=actors.adviser,
                outcome=Outcome.APPROVE_WITH_CHANGES,
                checklist=[
                    *_checklist(obj)[:-1],
                    {"code": "procedure", "result": "不符合", "remark": "未公开征求意见"},
                ],
                conclusion="制定程序尚不完备，须按下列要求修改后方可提请集体审议。",
                required_changes=[
                    "公开征求意见不少于7个工作日，并附意见采纳情况说明。",
                    "第五条救助标准“最高不超过12倍”须注明审批权限和程序。",
                ],
                today=min(review_day, timezone.localdate()),
            )
            return None
        services.opinion_issue(
            task_state_id=state.pk,
            revision_id=revision_id,
            adviser=actors.adviser,
            outcome=Outcome.APPROVE,
            checklist=_checklist(obj),
            conclusion=APPROVALS[item_kind(obj)],
            required_changes=[],
            today=review_day,
        )
        return calendar.add_working_days(review_day, 1)
    if isinstance(task, DeliberationTask):
        if isinstance(obj, (MajorDecisionListPage, DecisionDraftPage)):  # published on approval
            _secrecy_check(obj, state, actors, day)
        record = services.deliberation_record(
            task_state_id=state.pk,
            revision_id=revision_id,
            user=_without_conflict(state, actors.office, actors.admin),
            body="局党组会",
            meeting_date=day,
            minutes_reference=f"党组会纪要〔{day.year}〕{day.month * 2 + day.day % 3}号",
            decision="通过",
        )
        _stamp(record, day)
        return max(issued_on, day)
    if isinstance(task, RegistrationTask):
        _secrecy_check(obj, state, actors, issued_on)
        registration = services.registration_register(
            task_state_id=state.pk, revision_id=revision_id, user=actors.office, issued_on=issued_on
        )
        _stamp(registration, issued_on)
        return None
    if isinstance(task, SignOffTask):
        services.sign_off(
            task_state_id=state.pk, revision_id=revision_id, user=actors.leader, approve=True
        )
        return None
    raise RuntimeError(f"demo cannot act on {task}")


def _secrecy_check(obj, state, actors, day) -> None:
    """保密审查 by the office (the administrator where the office compiled the item)."""
    from review.services.secrecy import secrecy_conflict

    revision = obj.get_latest_revision()
    user = next(u for u in (actors.office, actors.admin) if not secrecy_conflict(obj, revision, u))
    check = services.secrecy_check_record(
        obj=obj,
        revision_id=revision.pk,
        user=user,
        result="可以公开",
        basis="经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，"
        "依据《政府信息公开条例》第十九条、第二十条主动公开。",
    )
    _stamp(check, day)


def _without_conflict(state, *candidates):
    """The first actor who did not submit or write the version (separation of duties): the
    office compiles the decision lists, so the administrator records their meetings."""
    from review.duties import duty_conflict

    return next(user for user in candidates if not duty_conflict(state, user))


def _standard_codes():
    from review.checklists import FAIR_COMPETITION_STANDARDS

    return [item.code for _, item in FAIR_COMPETITION_STANDARDS]


def _issue_all(plan, actors: DemoActors) -> None:
    """Run every walk in the order it happened, so opinion numbers follow the calendar."""
    walks = []
    for page, spec in plan.documents:
        if _untouched(page):
            walks.extend(_document_walks(page, spec, actors))
    for contract, spec in plan.contracts:
        if _untouched(contract):
            walks.extend(_contract_walks(contract, spec, actors))
    for page, spec in plan.decision_lists:
        walks.extend(_decision_list_walks(page, spec, plan, actors))
    walks.extend(
        report_demo.document_walks(actors, walk=walk)
    )  # the annual report's policy measures
    walks.extend(  # each major decision's own records and drafts
        decision_demo.record_walks(plan, actors, walk=walk, published=_published, file=_file)
    )
    for _, step in sorted(walks, key=lambda pair: pair[0]):
        step()
    loader.link_replacements(plan.documents, actors.office)


def _published(obj, day: date):
    def after():
        obj.refresh_from_db()
        if obj.live:
            loader.backdate_publication(obj, day)

    return after


def _file(page, actors, published_on: date, days_after: int) -> None:
    """备案 with the higher authority; one demo document was filed late (over 30 days)."""
    record = services.filing_record(
        document=page,
        user=actors.office,
        authority="吴忠市红寺堡区人民政府",
        filed_on=min(published_on + timedelta(days=days_after), timezone.localdate()),
        reference=f"红政规备〔{published_on.year}〕{published_on.month}号",
    )
    _stamp(record, record.filed_on)


def _document_walks(page, spec, actors):
    drafter = actors.drafter_of(page.department)
    if spec["state"] == "live" and spec["published_on"] < PAPER_ERA_END:

        def legacy():
            services.legacy_issue(
                obj=page,
                user=actors.admin,
                paper_reference=f"{spec['doc_number']}（纸质审核意见书存档）",
                reason="系统上线前已印发的现行文件，按纸质档案导入。",
            )
            _published(page, spec["published_on"])()

        return [(spec["published_on"], legacy)]
    if spec["state"] == "live":
        submitted = spec["published_on"] - timedelta(days=40)

        def issue():
            walk(page, drafter, actors, submitted, spec["published_on"])
            _published(page, spec["published_on"])()
            late = spec["key"].startswith("gongyi")
            _file(page, actors, spec["published_on"], 41 if late else 12)

        return [(submitted, issue)]
    if spec["key"].startswith("linshi"):
        submitted = timezone.localdate() - timedelta(days=21)
        return [
            (
                submitted,
                lambda: walk(
                    page, drafter, actors, submitted, submitted, ("changes", LegalReviewTask)
                ),
            )
        ]
    return []  # stays a plain draft


def _contract_walks(contract, spec, actors):
    drafter = actors.drafter_of(contract.department)
    if spec["state"] == "signed":
        submitted = spec["signed_on"] - timedelta(days=25)

        def issue():
            walk(contract, drafter, actors, submitted, spec["signed_on"])
            _published(contract, spec["signed_on"])()

        return [(submitted, issue)]
    if "2027" in spec["key"]:
        # awaiting legal review for more than 15 working days: overdue on the dashboard
        submitted = timezone.localdate() - timedelta(days=30)
        return [
            (
                submitted,
                lambda: walk(
                    contract, drafter, actors, submitted, submitted, ("wait", LegalReviewTask)
                ),
            )
        ]
    return []


def _decision_list_walks(page, spec, plan, actors):
    walks = []
    year = page.year
    if _untouched(page):
        if year < timezone.localdate().year:
            submitted, issued = date(year, 1, 4), date(year, 1, 31)

            def issue():
                walk(page, actors.office, actors, submitted, issued)
                _published(page, issued)()

            walks.append((submitted, issue))
        else:
            submitted = date(year, 1, 5)
            walks.append(
                (
                    submitted,
                    lambda: walk(
                        page,
                        actors.office,
                        actors,
                        submitted,
                        submitted,
                        ("wait", DeliberationTask),
                    ),
                )
            )
            return walks
    if spec.get("adjustments"):
        last = max(a["on"] for a in spec["adjustments"])

        def adjust():
            page.refresh_from_db()
            if loader.draft_adjustment(page, spec, plan.departments, actors.office) is not None:
                walk(page, actors.office, actors, last - timedelta(days=20), last)
                loader.backdate_adjustments(page, spec)

        walks.append((last - timedelta(days=20), adjust))
    return walks


__all__ = ["Deliberation", "FairCompetitionReview", "Registration", "load_demo", "walk"]
