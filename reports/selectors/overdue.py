"""Overdue today (截至今日): legality reviews past their limit, documents past the filing deadline."""

from django.conf import settings
from wagtail.models import TaskState

from cms.kinds import specific
from reports import figures as f
from reports.period import Period
from reports.selectors.common import admin_url
from review import selectors as review_selectors
from review.models import LegalReviewTask


def section(period: Period, today) -> f.Section:
    reviews = []
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=LegalReviewTask.objects.all(),
        )
        .select_related("workflow_state", "task")
        .order_by("started_at")
    )
    for state in states:
        deadline = review_selectors.review_deadline(state, today)
        if not deadline.overdue:
            continue
        obj = specific(state.workflow_state.content_object)
        reviews.append(
            f.Record(
                label=str(getattr(obj, "title", obj)),
                url=admin_url(obj),
                detail=f"送审 {deadline.submitted_on:%Y-%m-%d}，应于 {deadline.due_on:%Y-%m-%d} 前出具意见，"
                f"已用{deadline.elapsed}个工作日",
                day=deadline.due_on,
            )
        )
    filings = [
        f.Record(
            label=d.document.title,
            url=admin_url(d.document),
            detail=f"发布 {d.document.published_on:%Y-%m-%d}，应于 {d.due_on:%Y-%m-%d} 前报送备案",
            day=d.due_on,
        )
        for d in review_selectors.filing_due(today)
        if d.overdue
    ]
    return f.Section(
        "overdue",
        f"截至{today:%Y年%m月%d日}的逾期事项",
        [
            f.count("overdue.reviews", "合法性审查超期未出具意见", "件", reviews),
            f.count(
                "overdue.filings",
                "逾期未报送备案",
                "件",
                filings,
                f"发布后{settings.FILING_DAYS}日内未报送",
            ),
        ],
        note="逾期事项按报告生成当日计算，与统计期无关。",
    )
