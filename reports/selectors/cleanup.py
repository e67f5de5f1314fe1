"""规范性文件清理: campaigns held, documents examined, decisions by kind."""

from cms.models import NormativeDocumentPage
from reports import figures as f
from reports.period import Period
from reports.selectors.common import item_record, local_date
from search.models import CleanupCampaign, CleanupDecision, DecisionChoice

DECISION_CODES = {
    DecisionChoice.KEEP: "keep",
    DecisionChoice.AMEND: "amend",
    DecisionChoice.ABOLISH: "abolish",
    DecisionChoice.DECLARE_INVALID: "declare_invalid",
}


def section(period: Period, today) -> f.Section:
    campaigns = list(
        CleanupCampaign.objects.filter(**period.datetime_filter("created_at")).order_by(
            "created_at", "pk"
        )
    )
    decisions = list(
        CleanupDecision.objects.filter(campaign__in=campaigns)
        .select_related("campaign")
        .order_by("decided_at", "pk")
    )
    pages = NormativeDocumentPage.objects.in_bulk({d.document_id for d in decisions})
    examined: dict[int, f.Record] = {}
    for decision in decisions:
        examined.setdefault(
            decision.document_id,
            item_record(pages[decision.document_id], f"清理活动：{decision.campaign}"),
        )

    def record(decision) -> f.Record:
        approved = "已批准" if decision.approved else "待局领导批准"
        return item_record(
            pages[decision.document_id],
            f"{decision.campaign}：{decision.decision}（{approved}）",
            local_date(decision.decided_at),
        )

    decision_figures = [
        f.count(
            f"cleanup.decision.{code}",
            f"清理意见：{choice.label}",
            "件",
            [record(d) for d in decisions if d.decision == choice],
        )
        for choice, code in DECISION_CODES.items()
    ]
    return f.Section(
        "cleanup",
        "规范性文件清理",
        [
            f.count(
                "cleanup.campaigns",
                "开展清理审查",
                "次",
                [
                    f.Record(
                        label=c.name,
                        url=_campaign_url(c),
                        detail=c.get_status_display(),
                        day=local_date(c.created_at),
                    )
                    for c in campaigns
                ],
            ),
            f.count("cleanup.documents", "清理涉及行政规范性文件", "件", list(examined.values())),
            *decision_figures,
        ],
        [f.Chart("清理意见", "bar", [fig.code for fig in decision_figures])],
    )


def _campaign_url(campaign) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("cleanup_campaign_detail", args=[campaign.pk])
    except NoReverseMatch:
        return ""
