"""Each major decision's own records in the demo (issue 15), so the report's procedure
figures come from records: for every item of a list, its consultation (公众参与), expert
opinions (专家论证), risk report (风险评估) and meeting (集体讨论决定), dated as the list's
data says; and for three 2023 items a decision draft (决策方案) walked through its own
review — a legal opinion bound to its revision, the collective decision, 决策公布 and 备案.

Idempotent: an item that already has a record of a kind gets no second one, and an item
with a draft is not drafted again.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from bureau.demo import data
from cms import calendar
from cms.models import (
    DecisionConsultation,
    DecisionDraftPage,
    DecisionItem,
    DecisionMeeting,
    ExpertOpinion,
    RiskAssessment,
    RiskLevel,
)

EXPERTS = [
    ("马建国", "宁夏大学法学院"),
    ("李秀兰", "吴忠市社会保障研究会"),
    ("王志强", "宁夏回族自治区社会科学院"),
]
#: 2023 items drafted and reviewed in the system: (item name, day submitted for review).
DRAFTED_2023 = {
    "落实自治区城乡最低生活保障标准调整实施方案": date(2023, 3, 10),
    "2023年政府购买乡镇（街道）社工站社会工作服务项目实施方案": date(2023, 3, 27),
    data.DECISION_LISTS[2023]["items"][1]["name"]: date(2023, 4, 24),  # 殡仪服务中心
}


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def record_walks(plan, actors, *, walk, published, file) -> list[tuple[date, object]]:
    """(day, step) pairs for ``bureau.demo.review``; ``walk``, ``published`` and ``file``
    are its own steps (passed in: no import cycle)."""
    walks = []
    for page, spec in plan.decision_lists:
        # After the year's adjustments, so items added mid-year exist by then.
        walks.append((date(page.year, 12, 20), _records_step(page, spec, actors)))
        if page.year != 2023:
            continue
        for name, submitted in DRAFTED_2023.items():
            step = _draft_step(page, name, submitted, actors, walk, published, file)
            walks.append((submitted, step))
    return walks


def _records_step(page, spec, actors):
    def step():
        for item_spec in spec["items"]:
            item = DecisionItem.objects.filter(decision_list=page, name=item_spec["name"]).first()
            if item is not None:
                _item_records(item, item_spec["procedures"], actors.office)

    return step


def _item_records(item, procedures: dict, user) -> None:
    consult = procedures["public_participation"]
    if consult["done_on"] and not DecisionConsultation.objects.filter(item=item).exists():
        DecisionConsultation.objects.create(
            item=item,
            text=f"《{item.name}》（征求意见稿）全文及起草说明。",
            start=consult["done_on"] - timedelta(days=29),
            end=consult["done_on"],
            summary=consult["note"],
        )
    expert = procedures["expert_argument"]
    if expert["done_on"] and not item.expert_opinions.exists():
        for name, organisation in EXPERTS[:2]:
            ExpertOpinion.objects.create(
                item=item,
                expert=name,
                organisation=organisation,
                given_on=expert["done_on"],
                opinion=f"{expert['note']}。方案依据充分，措施可行，建议按程序提请审议。",
                created_by=user,
                created_at=_aware(expert["done_on"]),
            )
    risk = procedures["risk_assessment"]
    if risk["done_on"] and not item.risk_assessments.exists():
        RiskAssessment.objects.create(
            item=item,
            assessed_on=risk["done_on"],
            level=RiskLevel.LOW,
            summary=risk["note"],
            created_by=user,
            created_at=_aware(risk["done_on"]),
        )
    meeting = procedures["collective_decision"]
    if meeting["done_on"] and not item.meetings.exists():
        DecisionMeeting.objects.create(
            item=item,
            held_on=meeting["done_on"],
            name=f"{meeting['done_on']:%Y年%-m月}局党组会",
            attendees="局党组书记、局长，党组成员、副局长，各站（中心）负责人，法律顾问列席",
            minutes=meeting["note"],
            created_by=user,
            created_at=_aware(meeting["done_on"]),
        )


def _draft_step(page, name, submitted, actors, walk, published, file):
    def step():
        item = DecisionItem.objects.filter(decision_list=page, name=name).first()
        if item is None or DecisionDraftPage.objects.filter(item=item).exists():
            return
        drafter = get_user_model().objects.filter(groups=item.lead_unit.group_id).first()
        draft = DecisionDraftPage(
            title=f"{name}（决策方案）",
            item=item,
            summary=f"{item.lead_unit}起草，依据{item.legal_basis}。",
            body=f"{name}。\n一、决策依据：{item.legal_basis}。\n二、主要内容：详见方案正文。",
            live=False,
        )
        page.refresh_from_db()
        page.add_child(instance=draft)
        draft.save_revision(user=drafter)
        issued = calendar.add_working_days(submitted, 12)
        walk(draft, drafter, actors, submitted, issued)
        published(draft, issued)()
        draft.refresh_from_db()
        if draft.live:
            DecisionDraftPage.objects.filter(pk=draft.pk).update(published_on=issued)
            draft.refresh_from_db()
            file(draft, actors, issued, 12)

    return step
