"""合法性审查: opinions by kind and outcome, rounds per item, working days taken, on time.

An opinion belongs to the period in which it was signed; its review time runs in working
days (review calendar) from the submission of that round to the signature, and is on time
when within the task's statutory limit (国办发〔2018〕115号: 15 working days by default).
"""

from collections import defaultdict
from typing import NamedTuple

from django.urls import reverse

from cms import calendar
from cms.kinds import ItemKind
from reports import figures as f
from reports.period import Period
from reports.selectors.common import item_key, items_of, local_date
from review.models import LegalOpinion, LegalReviewTask, Outcome

DEFAULT_LIMIT = LegalReviewTask._meta.get_field("working_days_limit").default


class TimedOpinion(NamedTuple):
    opinion: LegalOpinion
    submitted_on: object
    signed_on: object
    days: int
    limit: int

    @property
    def on_time(self) -> bool:
        return self.days <= self.limit


def opinions_in(period: Period):
    return (
        LegalOpinion.objects.filter(**period.datetime_filter("signed_at"))
        .select_related("task_state")
        .order_by("signed_at", "pk")
    )


def task_limits() -> dict[int, int]:
    """Each legality-review task's statutory limit in working days, by task id."""
    return dict(LegalReviewTask.objects.values_list("pk", "working_days_limit"))


def timed(
    opinion: LegalOpinion, working: calendar.WorkingCalendar, limits: dict[int, int]
) -> TimedOpinion:
    submitted_on, signed_on = local_date(opinion.submitted_at), local_date(opinion.signed_at)
    limit = DEFAULT_LIMIT
    if opinion.task_state_id is not None:
        limit = limits.get(opinion.task_state.task_id, DEFAULT_LIMIT)
    days = working.working_days_between(submitted_on, signed_on) if signed_on > submitted_on else 0
    return TimedOpinion(opinion, submitted_on, signed_on, days, limit)


def opinion_record(opinion: LegalOpinion, detail: str = "", value=None) -> f.Record:
    return f.Record(
        label=f"{opinion.number} {opinion.item_title}",
        url=reverse("review_opinion_letter", args=[opinion.pk]),
        detail=detail or f"{opinion.get_kind_display()}，{opinion.outcome}",
        value=value,
        day=local_date(opinion.signed_at),
    )


def timed_record(t: TimedOpinion) -> f.Record:
    return opinion_record(
        t.opinion,
        detail=f"送审 {t.submitted_on:%Y-%m-%d}，签署 {t.signed_on:%Y-%m-%d}，"
        f"{t.days}个工作日（期限{t.limit}个工作日）",
        value=t.days,
    )


OUTCOME_CODES = {
    Outcome.APPROVE: "approve",
    Outcome.APPROVE_WITH_CHANGES: "approve_with_changes",
    Outcome.REJECT: "reject",
    Outcome.CONFIRMED: "confirmed",
}


def opinions_by_item(opinions: list[LegalOpinion]) -> dict[tuple, list[LegalOpinion]]:
    by_item: dict[tuple, list[LegalOpinion]] = defaultdict(list)
    for opinion in opinions:
        by_item[item_key(opinion)].append(opinion)
    return by_item


def item_rows(by_item: dict[tuple, list[LegalOpinion]], items: dict, kind=None) -> list[f.Record]:
    """One record per reviewed item (of ``kind``, else all): its opinions and rounds."""
    rows = []
    for key, group in by_item.items():
        if kind is not None and group[0].kind != kind:
            continue
        rows.append(
            f.Record(
                label=group[0].item_title,
                url=reverse("review_audit", args=[key[0], key[1]]) if items.get(key) else "",
                detail="、".join(f"{o.number}（{o.outcome}）" for o in group),
                value=len(group),
                day=local_date(group[-1].signed_at),
            )
        )
    return rows


def timings_of(opinions: list[LegalOpinion]) -> list[TimedOpinion]:
    if not opinions:
        return []
    # one calendar for the whole span: one query, not one per opinion
    first = min(local_date(o.submitted_at) for o in opinions)
    working = calendar.WorkingCalendar(first, local_date(opinions[-1].signed_at))
    limits = task_limits()
    return [timed(o, working, limits) for o in opinions]


def timing_figures(timings: list[TimedOpinion]) -> list[f.Figure]:
    timed_records = [timed_record(t) for t in timings]
    on_time = [timed_record(t) for t in timings if t.on_time]
    return [
        f.median("reviews.days_median", "审查用时中位数", "个工作日", timed_records),
        f.maximum("reviews.days_max", "最长审查用时", "个工作日", timed_records),
        f.count("reviews.on_time", "在法定期限内出具意见", "份", on_time),
        f.rate("reviews.on_time_rate", "按期审查率", on_time, timed_records),
    ]


def section(period: Period, today) -> f.Section:
    opinions = list(opinions_in(period))
    items = items_of(opinions)
    by_item = opinions_by_item(opinions)
    kind_figures = [
        f.count(
            f"reviews.items.{kind.value}",
            f"审查{kind.label}",
            "件",
            item_rows(by_item, items, kind),
        )
        for kind in ItemKind
    ]
    outcome_figures = [
        f.count(
            f"reviews.outcome.{code}",
            f"审核意见：{outcome.label}",
            "份",
            [opinion_record(o) for o in opinions if o.outcome == outcome],
        )
        for outcome, code in OUTCOME_CODES.items()
    ]
    all_items = item_rows(by_item, items)
    return f.Section(
        "reviews",
        "合法性审查",
        [
            f.count(
                "reviews.opinions", "出具书面审核意见", "份", [opinion_record(o) for o in opinions]
            ),
            f.count("reviews.items", "审查事项", "件", all_items),
            *kind_figures,
            *outcome_figures,
            f.mean("reviews.rounds_mean", "平均审查轮次", "轮", all_items),
            f.count(
                "reviews.multi_round",
                "经两轮及以上审查的事项",
                "件",
                [r for r in all_items if r.value >= 2],
            ),
            *timing_figures(timings_of(opinions)),
        ],
        [
            f.Chart("审查事项（按类型）", "bar", [fig.code for fig in kind_figures]),
            f.Chart("审核意见（按结论）", "pie", [fig.code for fig in outcome_figures]),
        ],
    )
