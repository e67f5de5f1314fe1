"""What the bureau published on the portal in a year (主动公开), per kind of item.

One selector, ``proactively_published``: the annual disclosure report and the demo's
check against the portal read it. Normative documents count only when their 公开属性 is
主动公开 (``cms.selectors.public_documents``, the portal's own list); a live 依申请公开 or
不予公开 document is not proactively published. Decision lists are always 主动公开.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from cms.models import (
    MajorDecisionListPage,
    NormativeDocumentPage,
    ReliefDisclosurePage,
    ValidityStatus,
)
from cms.selectors import public_documents

KINDS = {
    "normative": ("行政规范性文件", NormativeDocumentPage),
    "relief": ("社会救助公示", ReliefDisclosurePage),
    "decision_list": ("重大行政决策事项目录", MajorDecisionListPage),
}


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def proactively_published(kind: str, year: int):
    """Live items of ``kind`` first published in ``year`` (documents: by 发布日期)."""
    first, last = _bounds(year)
    model = KINDS[kind][1]
    if kind == "normative":
        return (
            public_documents()
            .filter(published_on__range=(first, last))
            .order_by("published_on", "pk")
        )
    return (
        model.objects.live()
        .filter(first_published_at__date__range=(first, last))
        .order_by("first_published_at", "pk")
    )


def normative_abolished(year: int):
    """Published documents whose validity became 已废止 / 已失效 in ``year``."""
    first, last = _bounds(year)
    return (
        NormativeDocumentPage.objects.live()
        .filter(
            validity_status__in=[ValidityStatus.ABOLISHED, ValidityStatus.EXPIRED],
            status_changed_on__range=(first, last),
        )
        .order_by("status_changed_on", "pk")
    )


def normative_in_force_at_year_end(year: int):
    """Published by 31 December and not abolished or lapsed by then."""
    _, last = _bounds(year)
    ended = Q(
        validity_status__in=[ValidityStatus.ABOLISHED, ValidityStatus.EXPIRED],
        status_changed_on__lte=last,
    )
    return (
        NormativeDocumentPage.objects.live()
        .filter(published_on__lte=last)
        .exclude(ended)
        .order_by("published_on", "pk")
    )
