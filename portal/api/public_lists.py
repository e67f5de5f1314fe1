"""The portal's other disclosures: decision lists, power list, cleanup results, consultations."""

from datetime import date

from django.db.models import Max
from django.http import HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router

from cms.decision_steps import public_progress
from cms.models import (
    PROCEDURES,
    DecisionDraftPage,
    Department,
    MajorDecisionListPage,
    PowerCategory,
    PowerItem,
)
from cms.selectors import decision_list_adjustments
from portal.api import cache as answers
from portal.api import serialize
from portal.api.errors import ApiError, not_found
from portal.api.params import (
    CleanupQuery,
    DecisionListQuery,
    NoQuery,
    PowerQuery,
    paginated,
    reject_unknown,
    window,
)
from portal.api.schemas import (
    CleanupResultsOut,
    DecisionListOut,
    DecisionListsOut,
    ErrorOut,
    PowerListOut,
)
from search.models import CleanupDecision

router = Router()
ERRORS = {400: ErrorOut, 429: ErrorOut}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _change(label: str, old, new, departments: dict) -> dict:
    if label.endswith("佐证材料") or label.endswith("_evidence"):
        old, new = ("有" if old else "无"), ("有" if new else "无")  # never a file of the record
    elif label in {"承办单位", "lead_unit"}:
        label, old, new = "承办单位", departments.get(old, old), departments.get(new, new)
    return {"field": label, "old": _text(old), "new": _text(new)}


def decision_list_data(page: MajorDecisionListPage, request) -> dict:
    evidence = [f"{code}_evidence" for code, _ in PROCEDURES]
    items = list(page.items.select_related("lead_unit", *evidence).order_by("sort_order", "pk"))
    departments = {item.lead_unit_id: item.lead_unit.name for item in items}
    published = {
        draft.item_id: draft
        for draft in DecisionDraftPage.objects.live().filter(item__in=[i.pk for i in items])
    }
    adjustments = decision_list_adjustments(page)
    if any(a.changes for a in adjustments):
        departments.update(Department.objects.values_list("pk", "name"))
    return {
        "id": page.pk,
        "year": page.year,
        "title": page.title,
        "intro": page.intro,
        "html_url": page.get_url(request),
        "last_published_at": page.last_published_at,
        "items": [
            {
                "id": item.pk,
                "name": item.name,
                "lead_unit": item.lead_unit.name,
                "legal_basis": item.legal_basis,
                "planned_on": item.planned_on,
                "status": item.status,
                "progress": public_progress(item.progress()),
                "decision_url": published[item.pk].get_url(request)
                if item.pk in published
                else None,
                "adjustment_reason": item.adjustment_reason,
                "procedures": [
                    {
                        **{k: p[k] for k in ("code", "label", "required", "done_on")},
                        "note": p["note"],
                        "has_evidence": p["evidence"] is not None,
                    }
                    for p in item.procedure_status()
                ],
            }
            for item in items
        ],
        "adjustments": [  # who adjusted stays internal: only when, what and why
            {
                "when": a.when,
                "action": a.action,
                "item_name": a.item_name,
                "changes": [_change(str(f), old, new, departments) for f, old, new in a.changes],
                "reason": a.reason,
            }
            for a in adjustments
        ],
    }


def _live_lists():
    return MajorDecisionListPage.objects.live().public().order_by("-year")


@router.get(
    "/decision-lists/",
    response={200: DecisionListsOut, **ERRORS},
    url_name="decision-lists",
    tags=["重大行政决策事项目录"],
    summary="重大行政决策事项目录（各年度）",
    description="已公布的各年度目录：决策事项、各事项法定程序履行情况、目录动态调整记录。",
)
def list_decision_lists(request, response: HttpResponse, query: Query[DecisionListQuery]):
    reject_unknown(request, DecisionListQuery)
    pages = _live_lists()
    if query.year:
        pages = pages.filter(year=query.year)
    serialize.set_last_modified(response, answers.changed_at())
    items = [decision_list_data(page, request) for page in pages]
    return {"total": len(items), "items": items}


@router.get(
    "/decision-lists/{year}/",
    response={200: DecisionListOut, 404: ErrorOut, **ERRORS},
    url_name="decision-list",
    tags=["重大行政决策事项目录"],
    summary="某一年度的重大行政决策事项目录",
)
def get_decision_list(
    request, response: HttpResponse, year: int = Path(..., ge=1900, le=2100, title="年度")
):
    reject_unknown(request, NoQuery)
    page = _live_lists().filter(year=year).first()
    if page is None:
        raise not_found(f"{year}年度重大行政决策事项目录")
    serialize.set_last_modified(response, answers.changed_at())
    return decision_list_data(page, request)


@router.get(
    "/power-list/",
    response={200: PowerListOut, **ERRORS},
    url_name="power-list",
    tags=["权力清单"],
    summary="权力清单",
    description="按权力类别分组的有效事项及各类别事项数（已取消的事项见门户的变更记录）。",
)
def power_list(request, query: Query[PowerQuery]):
    reject_unknown(request, PowerQuery)
    powers = (
        PowerItem.objects.in_force()
        .select_related("department")
        .order_by("category", "sort_order", "id")
    )
    if query.category:
        if query.category not in PowerCategory.values:
            raise ApiError(400, f"权力类别只能是：{'、'.join(PowerCategory.values)}。", "category")
        powers = powers.filter(category=query.category)
    grouped: dict[str, list[dict]] = {category: [] for category in PowerCategory.values}
    for power in powers:
        grouped.setdefault(power.category, []).append(
            {
                "code": power.code,
                "name": power.name,
                "subitem": power.subitem,
                "legal_basis": power.legal_basis,
                "implementing_body": power.implementing_body,
                "department": power.department.name if power.department else "",
                "responsibilities": power.responsibilities,
                "accountability": power.accountability,
                "note": power.note,
            }
        )
    categories = [
        {"category": category, "count": len(items), "items": items}
        for category, items in grouped.items()
        if items
    ]
    return {"total": sum(c["count"] for c in categories), "categories": categories}


def _cleanup_decisions():
    """Approved cleanup decisions (published outcomes; the search app's records)."""
    public = serialize.live_documents().values("pk")
    return CleanupDecision.objects.filter(approved_at__isnull=False, document__in=public)


@router.get(
    "/cleanup-results/",
    response={200: CleanupResultsOut, **ERRORS},
    url_name="cleanup-results",
    tags=["规范性文件清理"],
    summary="规范性文件清理结果",
    description="经批准的清理决定：文件、清理结果（继续有效、修改、废止、宣布失效）与批准日期。",
)
def cleanup_results(request, response: HttpResponse, query: Query[CleanupQuery]):
    reject_unknown(request, CleanupQuery)
    win = window(query)
    decisions = _cleanup_decisions()
    if query.decision:
        choices = [value for value, _ in decisions.model._meta.get_field("decision").choices]
        if query.decision not in choices:
            raise ApiError(400, f"清理意见只能是：{'、'.join(choices)}。", "decision")
        decisions = decisions.filter(decision=query.decision)
    latest = decisions.aggregate(latest=Max("approved_at"))["latest"]
    changed = answers.changed_at()
    serialize.set_last_modified(response, max((t for t in (latest, changed) if t), default=None))
    total = decisions.count()
    rows = decisions.select_related("document", "campaign").order_by("-approved_at", "-pk")
    items = [
        {
            "campaign": row.campaign.name,
            "document": serialize.document_ref(row.document, request),
            "decision": row.decision,
            "approved_on": timezone.localtime(row.approved_at).date(),
            "effective_on": row.effective_on,
        }
        for row in rows[win.offset : win.offset + win.limit]
    ]
    return paginated(items, total, win)
