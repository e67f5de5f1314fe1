"""行政规范性文件: drafted, submitted, reviewed, issued, published, filed (on time), evaluated, expiring."""

from datetime import timedelta

from django.conf import settings
from wagtail.models import Revision, WorkflowState

from cms.models import NormativeDocumentPage, ValidityStatus
from cms.rules import add_months
from reports import figures as f
from reports.period import Period
from reports.selectors.common import content_type_of, item_record, local_date
from review.models import Filing, ItemKind, LegalOpinion, Registration


def drafted_on(document, first_revision_on):
    """The day drafting is known to have happened: the first saved version, or the 成文日期
    when that is earlier (documents entered after the fact)."""
    days = [d for d in (first_revision_on, document.written_on) if d]
    return min(days) if days else None


def first_revision_days(model, ids) -> dict[str, object]:
    rows = (
        Revision.objects.filter(
            content_type=content_type_of(model), object_id__in=[str(i) for i in ids]
        )
        .order_by("created_at")
        .values_list("object_id", "created_at")
    )
    first: dict[str, object] = {}
    for object_id, created_at in rows:
        first.setdefault(object_id, local_date(created_at))
    return first


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
    late = (filing.filed_on - document.published_on).days
    return item_record(
        document,
        detail=f"发布 {document.published_on:%Y-%m-%d}，报送备案 {filing.filed_on:%Y-%m-%d}（第{late}日）",
        day=filing.filed_on,
    )


def section(period: Period, today) -> f.Section:
    pages = NormativeDocumentPage.objects.all()
    page_type = content_type_of(NormativeDocumentPage)
    all_ids = list(pages.values_list("pk", flat=True))
    first_days = first_revision_days(NormativeDocumentPage, all_ids)
    drafted = [
        item_record(page, f"起草于 {day:%Y-%m-%d}", day)
        for page in pages.order_by("pk")
        if period.contains(day := drafted_on(page, first_days.get(str(page.pk))))
    ]

    submissions = WorkflowState.objects.filter(
        content_type=page_type, **period.datetime_filter("created_at")
    ).order_by("created_at")
    submitted_first: dict[str, object] = {}
    for state in submissions:
        submitted_first.setdefault(state.object_id, local_date(state.created_at))
    by_pk = pages.in_bulk([int(i) for i in submitted_first])
    submitted = [
        item_record(by_pk[int(i)], f"送审 {day:%Y-%m-%d}", day)
        for i, day in submitted_first.items()
        if int(i) in by_pk
    ]

    reviewed_first: dict[str, object] = {}
    for opinion in LegalOpinion.objects.filter(
        kind=ItemKind.NORMATIVE_DOCUMENT, **period.datetime_filter("signed_at")
    ).order_by("signed_at"):
        reviewed_first.setdefault(opinion.object_id, local_date(opinion.signed_at))
    by_pk = pages.in_bulk([int(i) for i in reviewed_first])
    reviewed = [
        item_record(by_pk[int(i)], f"首次出具意见 {day:%Y-%m-%d}", day)
        for i, day in reviewed_first.items()
        if int(i) in by_pk
    ]

    registrations = Registration.objects.filter(
        content_type=page_type, issued_on__gte=period.start, issued_on__lte=period.end
    ).order_by("issued_on", "pk")
    by_pk = pages.in_bulk([int(r.object_id) for r in registrations])
    issued = [
        item_record(
            by_pk[int(r.object_id)],
            f"{r.registration_number}（{r.doc_number}），印发 {r.issued_on:%Y-%m-%d}",
            r.issued_on,
        )
        for r in registrations
        if int(r.object_id) in by_pk
    ]

    published = [
        item_record(page, f"{page.doc_number} 发布 {page.published_on:%Y-%m-%d}", page.published_on)
        for page in pages.live()
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

    evaluated = _evaluated(period)
    horizon = add_months(period.end, settings.EVALUATION_MONTHS_BEFORE_EXPIRY)
    expiring = [
        item_record(page, f"有效期至 {page.valid_until:%Y-%m-%d}", page.valid_until)
        for page in pages.live()
        .filter(valid_until__gte=period.start, valid_until__lte=horizon)
        .exclude(validity_status__in=[ValidityStatus.ABOLISHED, ValidityStatus.EXPIRED])
        .order_by("valid_until", "pk")
    ]
    days = settings.FILING_DAYS
    return f.Section(
        "documents",
        "行政规范性文件",
        [
            f.count("documents.drafted", "起草", "件", drafted),
            f.count("documents.submitted", "提交审核", "件", submitted),
            f.count("documents.reviewed", "经合法性审查", "件", reviewed),
            f.count("documents.issued", "统一登记印发", "件", issued),
            f.count("documents.published", "公布", "件", published),
            f.count("documents.filed", "报送备案", "件", filed),
            f.count("documents.filed_on_time", "按时备案", "件", on_time, f"发布后{days}日内报送"),
            f.count("documents.filed_late", "逾期备案", "件", late, f"发布后超过{days}日报送"),
            f.rate("documents.filing_rate", "按时备案率", on_time, filed),
            f.count("documents.evaluated", "评估清理", "件", evaluated),
            f.count(
                "documents.expiring",
                "有效期届满（含统计期后6个月内）",
                "件",
                expiring,
            ),
        ],
        [
            f.Chart(
                "规范性文件办理环节",
                "bar",
                [
                    "documents.drafted",
                    "documents.submitted",
                    "documents.reviewed",
                    "documents.issued",
                    "documents.published",
                    "documents.filed",
                ],
            )
        ],
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
