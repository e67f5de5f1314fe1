"""重大行政决策: items on the year's list, statutory procedures done, adjustments (动态调整).

Procedures are read from each item's own records (``DecisionItem.procedure_status``,
cms.decision_steps), never from the list. Only real 调整 count: an item added after the
list was first published, a change of substance (name, 承办单位, 依据, planned date, which
procedures apply) and a removal (调出 or deletion).
"""

from cms.decision_steps import FILED, PUBLISHED, item_progress
from cms.models import PROCEDURES, DecisionItem, DecisionItemStatus, MajorDecisionListPage
from reports import figures as f
from reports.period import Period
from reports.selectors.common import admin_url, local_date


def _item_record(item, detail: str = "", day=None, value=None) -> f.Record:
    return f.Record(
        label=f"{item.decision_list.year}年：{item.name}",
        url=admin_url(item.decision_list),
        detail=detail or item.status,
        day=day,
        value=value,
    )


#: Fields of an item row that are not its substance: the reason typed for the adjustment,
#: and the old hand-typed progress fields (read-only now; progress is not an adjustment).
NOT_SUBSTANCE = {
    "adjustment_reason",
    *(f"{code}_{suffix}" for code, _ in PROCEDURES for suffix in ("done_on", "note", "evidence")),
}


def _substance_changes(delta, row) -> bool:
    for change in delta.changes:
        if change.field in NOT_SUBSTANCE:
            continue
        if change.field == "status" and DecisionItemStatus.REMOVED not in (
            change.old,
            change.new,
        ):
            continue  # 计划中 / 进行中 / 已完成 are progress, not a change of the list
        return True
    return False


def adjustment_rows(period: Period) -> list:
    """History rows that change the list: additions after it was first published,
    removals, and changes of a field (a re-save that changes nothing is not one)."""
    rows = (
        DecisionItem.history.filter(**period.datetime_filter("history_date"))
        .order_by("history_date", "history_id")
        .select_related("history_user")
    )
    published = dict(MajorDecisionListPage.objects.values_list("pk", "first_published_at"))
    changes = []
    for row in rows:
        first_published = published.get(row.decision_list_id)
        if row.history_type == "+":
            if first_published and row.history_date > first_published:
                changes.append((row, "新增"))
        elif row.history_type == "-":
            changes.append((row, "调出（删除）"))
        else:
            # The row written just before, in the order rows were written (history_date
            # may be backdated for entries made after the fact).
            previous = (
                DecisionItem.history.filter(id=row.id, history_id__lt=row.history_id)
                .order_by("-history_id")
                .first()
            )
            if previous is None:
                continue
            if _substance_changes(row.diff_against(previous), row):
                changes.append(
                    (row, "调出" if row.status == DecisionItemStatus.REMOVED else "变更")
                )
    return changes


def section(period: Period, today) -> f.Section:
    lists = MajorDecisionListPage.objects.filter(
        year__gte=period.start.year, year__lte=period.end.year
    )
    items = list(
        DecisionItem.objects.filter(decision_list__in=lists)
        .select_related("decision_list")
        .order_by("decision_list__year", "sort_order", "pk")
    )
    active = [i for i in items if i.status != DecisionItemStatus.REMOVED]
    removed = [i for i in items if i.status == DecisionItemStatus.REMOVED]
    required, done, complete = [], [], []
    for item in active:
        item_done = True
        for step in item.procedure_status():
            if not step["required"]:
                continue
            done_on = step["done_on"]
            row = _item_record(item, f"{step['label']}：{done_on or '未完成'}", done_on)
            required.append(row)
            if done_on and done_on <= period.end:
                done.append(row)
            else:
                item_done = False
        if item_done:
            complete.append(_item_record(item, "法定程序均已履行"))
    published = [
        _item_record(item, progress)
        for item in active
        if (progress := item_progress(item, today)) in (PUBLISHED, FILED)
    ]
    adjustments = [
        f.Record(
            label=f"{row.name}",
            url=admin_url(MajorDecisionListPage.objects.filter(pk=row.decision_list_id).first()),
            detail=f"{action}：{row.history_change_reason or row.adjustment_reason or ''}",
            day=local_date(row.history_date),
        )
        for row, action in adjustment_rows(period)
    ]
    return f.Section(
        "decisions",
        "重大行政决策",
        [
            f.count("decisions.items", "目录内决策事项", "项", [_item_record(i) for i in active]),
            f.count(
                "decisions.removed", "调出目录的事项", "项", [_item_record(i) for i in removed]
            ),
            f.count("decisions.procedures_required", "应履行法定程序", "项次", required),
            f.count("decisions.procedures_done", "已履行法定程序", "项次", done),
            f.rate("decisions.procedure_rate", "法定程序履行率", done, required),
            f.count("decisions.complete", "法定程序全部履行的事项", "项", complete),
            f.count("decisions.published", "已作出并公布的决策", "项", published),
            f.count("decisions.adjustments", "年度内动态调整", "次", adjustments),
        ],
        [
            f.Chart(
                "重大行政决策法定程序",
                "bar",
                ["decisions.procedures_required", "decisions.procedures_done"],
            )
        ],
    )
