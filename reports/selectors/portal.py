"""政务公开: documents published by category, decision lists, relief disclosures,
consultations and comments."""

from cms.models import (
    CommentResponse,
    DecisionConsultation,
    MajorDecisionListPage,
    NormativeDocumentPage,
    PublicComment,
    ReliefDisclosurePage,
    Topic,
)
from reports import figures as f
from reports.period import Period
from reports.selectors.common import item_record, local_date

ADOPTED = [CommentResponse.ADOPTED, CommentResponse.PARTLY]
UNCLASSIFIED = "未分类"


def section(period: Period, today) -> f.Section:
    published = list(
        NormativeDocumentPage.objects.live()
        .filter(published_on__gte=period.start, published_on__lte=period.end)
        .order_by("published_on", "pk")
    )
    topic_figures = _topic_figures(published)
    lists = _decision_lists(period)
    relief = _relief_disclosures(period)
    consultations = _consultations(period)
    received, adopted = _comments(period)
    return f.Section(
        "portal",
        "政务公开与公众参与",
        [
            f.count(
                "portal.documents",
                "在门户公布规范性文件",
                "件",
                [item_record(p, f"发布 {p.published_on:%Y-%m-%d}") for p in published],
            ),
            *topic_figures,
            f.count("portal.decision_lists", "公布重大行政决策事项目录", "份", lists),
            f.count("portal.relief_disclosures", "救助资金发放公示", "期", relief),
            f.count("portal.consultations", "公开征求意见", "次", consultations),
            f.count("portal.comments", "收到公众意见", "条", received),
            f.count("portal.comments_adopted", "采纳（含部分采纳）意见", "条", adopted),
            f.rate("portal.adoption_rate", "意见采纳率", adopted, received),
        ],
        [
            f.Chart(
                "公布规范性文件（按主题分类）",
                "bar",
                [fig.code for fig in topic_figures if fig.value],
            )
        ],
    )


def _topic_figures(published: list) -> list[f.Figure]:
    """Documents published, one figure per 主题分类 (and one for none)."""
    topics = [*Topic.values, UNCLASSIFIED]
    return [
        f.count(
            f"portal.topic.{index}",
            f"公布规范性文件：{topic}",
            "件",
            [
                item_record(p, f"发布 {p.published_on:%Y-%m-%d}", p.published_on)
                for p in published
                if (p.topic or UNCLASSIFIED) == topic
            ],
        )
        for index, topic in enumerate(topics)
    ]


def _decision_lists(period: Period) -> list[f.Record]:
    return [
        item_record(p, f"公布 {local_date(p.first_published_at):%Y-%m-%d}")
        for p in MajorDecisionListPage.objects.filter(
            **period.datetime_filter("first_published_at")
        ).order_by("first_published_at")
    ]


def _relief_disclosures(period: Period) -> list[f.Record]:
    return [
        item_record(
            p,
            f"{p.year}年{p.month}月 {p.relief_type}，公布 {local_date(p.first_published_at):%Y-%m-%d}",
            local_date(p.first_published_at),
        )
        for p in ReliefDisclosurePage.objects.filter(
            **period.datetime_filter("first_published_at")
        ).order_by("first_published_at", "pk")
    ]


def _consultations(period: Period) -> list[f.Record]:
    """Windows opened in the period: documents' and major-decision drafts', by first day."""
    documents = [
        item_record(
            p,
            f"征求意见 {p.consultation_start:%Y-%m-%d} 至 {p.consultation_end:%Y-%m-%d}",
            p.consultation_start,
        )
        for p in NormativeDocumentPage.objects.filter(
            consultation_start__gte=period.start, consultation_start__lte=period.end
        )
    ]
    decisions = [
        item_record(
            c.item,
            f"重大行政决策征求意见 {c.start:%Y-%m-%d} 至 {c.end:%Y-%m-%d}",
            c.start,
        )
        for c in DecisionConsultation.objects.filter(
            start__gte=period.start, start__lte=period.end
        ).select_related("item")
    ]
    return sorted(documents + decisions, key=lambda r: (r.day, r.label))


def _comments(period: Period) -> tuple[list[f.Record], list[f.Record]]:
    """Every comment received in the period, and those adopted (in whole or in part).

    Comments left on the portal are one record each. A document whose comments were
    gathered offline (letters, a hearing) carries only their counts, entered on the
    document; each such comment is one record too, dated the window's last day, so the
    drill-down list still has as many rows as the number.
    """
    rows = list(
        PublicComment.objects.filter(**period.datetime_filter("submitted_at"))
        .select_related("document", "decision_consultation__item")
        .order_by("submitted_at", "pk")
    )
    received, adopted = [], []
    for comment in rows:
        target = comment.document or comment.decision_consultation.item
        record = item_record(
            target,
            f"{local_date(comment.submitted_at):%Y-%m-%d} 意见：{comment.text[:30]}"
            f"（{comment.response or '待答复'}）",
            local_date(comment.submitted_at),
        )
        received.append(record)
        if comment.response in ADOPTED:
            adopted.append(record)
    offline = (
        NormativeDocumentPage.objects.filter(
            consultation_end__gte=period.start,
            consultation_end__lte=period.end,
            comments_received__gt=0,
        )
        .exclude(public_comments__isnull=False)
        .order_by("consultation_end", "pk")
    )
    for page in offline:
        for number in range(1, page.comments_received + 1):
            record = item_record(
                page,
                f"线下收集意见（未逐条录入）第{number}条，共{page.comments_received}条",
                page.consultation_end,
            )
            received.append(record)
            if number <= page.comments_adopted:
                adopted.append(record)
    return received, adopted
