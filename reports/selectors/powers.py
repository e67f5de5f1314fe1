"""权力清单 by category (the list as it stands; it has no dates of its own)."""

from cms.models import PowerCategory, PowerItem
from reports import figures as f
from reports.period import Period

CATEGORY_CODES = {
    PowerCategory.ADMINISTRATIVE_PAYMENT: "payment",
    PowerCategory.LICENSING: "licensing",
    PowerCategory.CONFIRMATION: "confirmation",
    PowerCategory.INSPECTION: "inspection",
    PowerCategory.COERCION: "coercion",
    PowerCategory.REWARD: "reward",
    PowerCategory.ADJUDICATION: "adjudication",
    PowerCategory.PUNISHMENT: "punishment",
    PowerCategory.OTHER: "other",
}


def _record(item) -> f.Record:
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("wagtailsnippets_cms_poweritem:edit", args=[item.pk])
    except NoReverseMatch:
        url = ""
    return f.Record(label=item.name, url=url, detail=f"{item.category} {item.code}".strip())


def section(period: Period, today) -> f.Section:
    items = list(PowerItem.objects.in_force().order_by("category", "sort_order", "pk"))
    category_figures = [
        f.count(
            f"powers.{code}",
            category.label,
            "项",
            [_record(i) for i in items if i.category == category],
        )
        for category, code in CATEGORY_CODES.items()
    ]
    return f.Section(
        "powers",
        "权力清单",
        [
            f.count("powers.total", "权力事项总计", "项", [_record(i) for i in items]),
            *category_figures,
        ],
        [f.Chart("权力清单（按类别）", "bar", [fig.code for fig in category_figures])],
        note="权力清单为报告生成时的现行清单。",
    )
