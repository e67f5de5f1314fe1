"""行政规范性文件: drafted, submitted, reviewed, issued, published, filed (on time), evaluated, expiring."""

from datetime import timedelta

from django.conf import settings
from wagtail.models import Revision, WorkflowState

from cms import calendar
from cms.kinds import ItemKind
from cms.models import NormativeDocumentPage, ValidityStatus
from cms.rules import add_months
from reports import figures as f
from reports.period import Period
from reports.selectors.common import content_type_of, first_days, item_record, local_date
from review.models import Filing, LegalOpinion, Registration


def drafted_on(document, first_revision_on):
    """The day drafting is known to have happened: the first saved version, or the 成文日期
    when that is earlier (documents entered after the fact)."""
    days = [d for d in (first_revision_on, document.written_on) if d]
    return min(days) if days else None


def _records(first: dict[int, object], what: str) -> list[f.Record]:
    pages = NormativeDocumentPage.objects.in_bulk(list(first))
    return [
        item_record(pages[pk], f"{what} {day:%Y-%m-%d}", day)
        for pk, day in first.items()
        if pk in pages
    ]


def _drafted(period: Period) -> list[f.Record]:
    first_revisions = first_days(
        Revision.objects.filter(content_type=content_type_of(NormativeDocumentPage))
        .order_by("created_at")
        .values_list("object_id", "created_at")
    )
    return [
        item_record(page, f"起草于 {day:%Y-%m-%d}", day)
        for page in NormativeDocumentPage.objects.order_by("pk")
        if period.contains(day := drafted_on(page, first_revisions.get(page.pk)))
    ]


def _submitted(period: Period) -> list[f.Record]:
    rows = WorkflowState.objects.filter(
        content_type=content_type_of(NormativeDocumentPage), **period.datetime_filter("created_at")
    ).order_by("created_at")
    return _records(first_days(rows.values_list("object_id", "created_at")), "送审")


def _reviewed(period: Period) -> list[f.Record]:
    rows = LegalOpinion.objects.filter(
        kind=ItemKind.NORMATIVE_DOCUMENT, **period.datetime_filter("signed_at")
    ).order_by("signed_at")
    return _records(first_days(rows.values_list("object_id", "signed_at")), "首次出具意见")


def disclosure_working_days() -> int:
    """政府信息公开条例: publish within 20 working days of issue (configurable)."""
    return settings.DISCLOSURE_WORKING_DAYS


def _issued(period: Period) -> tuple[list[f.Record], list[f.Record]]:
    """Documents issued (统一登记印发) in the period, and those of them published in time."""
    registrations = Registration.objects.filter(
        content_type=content_type_of(NormativeDocumentPage),
        issued_on__gte=period.start,
        issued_on__lte=period.end,
    ).order_by("issued_on", "pk")
    pages = NormativeDocumentPage.objects.in_bulk([int(r.object_id) for r in registrations])
    issued, timely = [], []
    for r in registrations:
        page = pages.get(int(r.object_id))
        if page is None:
            continue
        issued.append(
            item_record(
                page,
                f"{r.registration_number}（{r.doc_number}），印发 {r.issued_on:%Y-%m-%d}",
                r.issued_on,
            )
        )
        if page.live and page.published_on:
            days = calendar.working_days_between(r.issued_on, page.published_on)
            if days <= disclosure_working_days():
                timely.append(
                    item_record(
                        page,
                        f"印发 {r.issued_on:%Y-%m-%d}，公布 {page.published_on:%Y-%m-%d}（{days}个工作日）",
                        page.published_on,
                    )
                )
    return issued, timely


def filing_deadline(published_on):
    return published_on + timedelta(days=settings.FILING_DAYS)


def filings(period: Period) -> list[tuple[Filing, NormativeDocumentPage]]:
    rows = list(
        Filing.objects.filter(
            content_type=content_type_of(NormativeDocumentPage),
            filed_on__gte=period.start,
            filed_on__lte=period.end,
        ).order_by("filed_on", "pk")
    )
    documents = NormativeDocumentPage.objects.in_bulk([int(r.object_id) for r in rows])
    return [(r, documents[int(r.object_id)]) for r in rows if int(r.object_id) in documents]


def filing_record(filing, document) -> f.Record:
    day = (filing.filed_on - document.published_on).days
    return item_record(
        document,
        detail=f"发布 {document.published_on:%Y-%m-%d}，报送备案 {filing.filed_on:%Y-%m-%d}（第{day}日）",
        day=filing.filed_on,
    )


def _evaluated(period: Period) -> list[f.Record]:
    from search.models import CleanupDecision

    first: dict[int, object] = {}
    for decision in CleanupDecision.objects.filter(**period.datetime_filter("decided_at")).order_by(
        "decided_at"
    ):
        first.setdefault(decision.document_id, (local_date(decision.decided_at), decision))
    pages = NormativeDocumentPage.objects.in_bulk(list(first))
    return [
        item_record(pages[pk], f"清理意见：{decision.decision}（{day:%Y-%m-%d}）", day)
        for pk, (day, decision) in first.items()
        if pk in pages
    ]


def _expiring(period: Period) -> list[f.Record]:
    horizon = add_months(period.end, settings.EVALUATION_MONTHS_BEFORE_EXPIRY)
    return [
        item_record(page, f"有效期至 {page.valid_until:%Y-%m-%d}", page.valid_until)
        for page in NormativeDocumentPage.objects.live()
        .filter(valid_until__gte=period.start, valid_until__lte=horizon)
        .exclude(validity_status__in=[ValidityStatus.ABOLISHED, ValidityStatus.EXPIRED])
        .order_by("valid_until", "pk")
    ]


def section(period: Period, today) -> f.Section:
    published = [
        item_record(page, f"{page.doc_number} 发布 {page.published_on:%Y-%m-%d}", page.published_on)
        for page in NormativeDocumentPage.objects.live()
        .filter(published_on__gte=period.start, published_on__lte=period.end)
        .order_by("published_on", "pk")
    ]
    filed_rows = filings(period)
    filed = [filing_record(r, d) for r, d in filed_rows]
    on_time = [
        filing_record(r, d) for r, d in filed_rows if r.filed_on <= filing_deadline(d.published_on)
    ]
    late = [
        filing_record(r, d) for r, d in filed_rows if r.filed_on > filing_deadline(d.published_on)
    ]
    days = settings.FILING_DAYS
    issued, timely = _issued(period)
    steps = [
        f.count("documents.drafted", "起草", "件", _drafted(period)),
        f.count("documents.submitted", "提交审核", "件", _submitted(period)),
        f.count("documents.reviewed", "经合法性审查", "件", _reviewed(period)),
        f.count("documents.issued", "统一登记印发", "件", issued),
        f.count("documents.published", "公布", "件", published),
        f.count("documents.filed", "报送备案", "件", filed),
    ]
    return f.Section(
        "documents",
        "行政规范性文件",
        [
            *steps,
            f.count(
                "documents.published_timely",
                "印发后按时公布",
                "件",
                timely,
                f"印发后{disclosure_working_days()}个工作日内公布",
            ),
            f.rate("documents.publishing_rate", "按时公布率", timely, issued),
            f.count("documents.filed_on_time", "按时备案", "件", on_time, f"发布后{days}日内报送"),
            f.count("documents.filed_late", "逾期备案", "件", late, f"发布后超过{days}日报送"),
            f.rate("documents.filing_rate", "按时备案率", on_time, filed),
            f.count("documents.evaluated", "评估清理", "件", _evaluated(period)),
            f.count(
                "documents.expiring", "有效期届满（含统计期后6个月内）", "件", _expiring(period)
            ),
        ],
        [f.Chart("规范性文件办理环节", "bar", [fig.code for fig in steps])],
    )
