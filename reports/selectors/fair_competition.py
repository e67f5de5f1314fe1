"""公平竞争审查: reviews held, skips with a reason, and coverage of the policy measures.

Coverage = policy measures reviewed ÷ policy measures that touch the economic activity of
market players. A measure is in the denominator when, in the period, it was reviewed, or
its review was skipped although the document is marked as touching economic activity, or
it was issued (统一登记) while so marked. A skip with a reason on a document that does not
touch economic activity is out of the denominator — that is what the skip says.
"""

from cms.models import NormativeDocumentPage
from reports import figures as f
from reports.period import Period
from reports.selectors.common import content_type_of, item_key, item_record, items_of, local_date
from review.models import FairCompetitionReview, Registration


def _measures(period: Period, reviews: list, skips: list, items: dict) -> dict[tuple, object]:
    """The policy measures touching economic activity in the period (the denominator)."""
    measures: dict[tuple, object] = {}
    for row in reviews:
        measures.setdefault(item_key(row), items.get(item_key(row)))
    for row in skips:
        obj = items.get(item_key(row))
        if getattr(obj, "touches_economic_activity", False):
            measures.setdefault(item_key(row), obj)
    page_type = content_type_of(NormativeDocumentPage)
    issued_ids = Registration.objects.filter(
        content_type=page_type, issued_on__gte=period.start, issued_on__lte=period.end
    ).values_list("object_id", flat=True)
    for page in NormativeDocumentPage.objects.filter(
        pk__in=[int(i) for i in issued_ids], touches_economic_activity=True
    ):
        measures.setdefault((page_type.pk, str(page.pk)), page)
    return measures


def section(period: Period, today) -> f.Section:
    rows = list(
        FairCompetitionReview.objects.filter(**period.datetime_filter("recorded_at")).order_by(
            "recorded_at", "pk"
        )
    )
    items = items_of(rows)
    reviews = [r for r in rows if r.applicable]
    skips = [r for r in rows if not r.applicable]

    def record(row) -> f.Record:
        day = local_date(row.recorded_at)
        if row.applicable:
            detail = f"{day:%Y-%m-%d} 审查：{'符合标准' if row.passed else '存在问题'}"
        else:
            detail = f"{day:%Y-%m-%d} 不需审查：{row.skip_reason}"
        return item_record(items.get(item_key(row)) or row, detail, day)

    measures = _measures(period, reviews, skips, items)
    reviewed_ever = set(
        FairCompetitionReview.objects.filter(
            applicable=True, recorded_at__lt=period.datetime_range()[1]
        ).values_list("content_type_id", "object_id")
    )
    denominator = [
        item_record(obj, "涉及经营主体经济活动") for key, obj in measures.items() if obj is not None
    ]
    covered = [
        item_record(obj, "已进行公平竞争审查")
        for key, obj in measures.items()
        if obj is not None and (key[0], key[1]) in reviewed_ever
    ]
    return f.Section(
        "fair_competition",
        "公平竞争审查",
        [
            f.count("fc.reviews", "开展公平竞争审查", "次", [record(r) for r in reviews]),
            f.count(
                "fc.problems",
                "审查发现存在排除、限制竞争问题",
                "次",
                [record(r) for r in reviews if not r.passed],
            ),
            f.count("fc.skipped", "说明理由不需审查", "次", [record(r) for r in skips]),
            f.count("fc.measures", "涉及经营主体经济活动的政策措施", "件", denominator),
            f.count("fc.covered", "已审查的政策措施", "件", covered),
            f.rate("fc.coverage", "公平竞争审查率", covered, denominator),
        ],
        [f.Chart("公平竞争审查覆盖情况", "bar", ["fc.measures", "fc.covered", "fc.skipped"])],
    )
