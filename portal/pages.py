"""Template context of the portal's Wagtail pages (their ``get_context`` delegates here)."""

from typing import NamedTuple

from django.core.paginator import Paginator

from cms.consultations import OPEN, consultations
from cms.models import (
    DecisionListIndexPage,
    Department,
    DocumentIndexPage,
    PowerItem,
    ReliefIndexPage,
    ValidityStatus,
)
from cms.models.openness import PUBLIC_ONLY
from cms.selectors import decision_list_adjustments
from portal import relief, selectors
from portal.forms import DocumentFilterForm

PER_PAGE = 20


def home(request, page) -> dict:
    return {
        "latest_documents": selectors.latest_documents(),
        "open_consultations": consultations(OPEN),
        "document_count": selectors.public_documents().count(),
        "power_count": PowerItem.objects.in_force().count(),
        "document_index": DocumentIndexPage.objects.live().public().first(),
        "decision_index": DecisionListIndexPage.objects.live().public().first(),
        "relief_index": ReliefIndexPage.objects.live().public().first(),
        "latest_relief": relief.latest_disclosure(),
    }


class ResultRow(NamedTuple):
    document: object
    highlights: list


def _page_number(request, notes: list[str]) -> int:
    raw = request.GET.get("page", "1").strip()
    if raw.isdigit() and 0 < int(raw) < 10**6:
        return int(raw)
    notes.append("页码无效，已显示第1页。")
    return 1


def _passages(highlights: list) -> list:
    """Distinct highlights (body and attachment text often repeat), masked, at most three."""
    return [selectors.masked_passage(p) for p in dict.fromkeys(str(h) for h in highlights)][:3]


def document_list(request, index) -> dict:
    """Filters, Chinese full-text search (with highlights) and pagination of the library."""
    choices = selectors.filter_choices()
    form = DocumentFilterForm(request.GET, **choices)
    filters = form.valid_filters()
    notes: list[str] = []
    number = _page_number(request, notes)
    documents = selectors.filter_documents(
        selectors.public_documents().descendant_of(index), filters
    )
    query = (filters.get("q") or "").strip()
    if query:
        order = "date" if filters.get("order") == "date" else "relevance"
        outcome = selectors.search_documents(query, order=order)
        if outcome.error:
            notes.append(outcome.error)
        allowed = set(documents.filter(pk__in=outcome.ids).values_list("pk", flat=True))
        page_obj = Paginator([pk for pk in outcome.ids if pk in allowed], PER_PAGE).get_page(number)
        found = documents.in_bulk(list(page_obj.object_list))
        rows = [
            ResultRow(found[pk], _passages(outcome.highlights.get(pk, [])))
            for pk in page_obj.object_list
            if pk in found
        ]
    else:
        page_obj = Paginator(selectors.newest_first(documents), PER_PAGE).get_page(number)
        rows = [ResultRow(document, []) for document in page_obj.object_list]
    return {
        "form": form,
        "query": query,
        "notes": notes,
        "rows": rows,
        "page_obj": page_obj,
        "filtered": bool(filters),
    }


class AttachmentRow(NamedTuple):
    label: str
    url: str
    kind: str
    size: int | None


def document_detail(request, page) -> dict:
    replacement = page.replaced_by if page.replaced_by_id else None
    if replacement is not None and not (replacement.live and replacement.is_proactive):
        replacement = None  # a replacement not yet published (or not public) is not named
    attachments = [
        AttachmentRow(
            attachment.label or attachment.file.title,
            attachment.file.url,
            attachment.file.file_extension.upper(),
            _file_size(attachment.file),
        )
        for attachment in page.attachments.select_related("file")
    ]
    counts = page.public_comments.adoption_counts() if page.pk else {"received": 0}
    online = None
    if counts["received"]:
        online = {
            "received": counts["received"],
            "adopted": counts["采纳"],
            "partly": counts["部分采纳"],
            "rejected": counts["不采纳"],
        }
    return {
        "withdrawn": page.validity_status in {ValidityStatus.ABOLISHED, ValidityStatus.EXPIRED},
        "replacement": replacement,
        "replaces": list(page.replaces.live().public().filter(disclosure_attribute=PUBLIC_ONLY))
        if page.pk
        else [],
        "interpretations": list(page.interpretations.select_related("graphic")) if page.pk else [],
        "attachments": attachments,
        "online_comments": online,
    }


def _file_size(document) -> int | None:
    try:
        return document.get_file_size()
    except OSError:  # the file is missing from storage: list it without a size
        return None


class PublicAdjustment(NamedTuple):
    when: object
    action: str
    item_name: str
    changes: list[tuple[str, str, str]]
    reason: str


def _shown(label: str, value) -> str:
    if value in (None, ""):
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    if label == "承办单位":
        return str(Department.objects.filter(pk=value).first() or "—")
    if label.endswith("佐证材料"):
        return "已更新"
    return str(value)


def public_adjustments(decision_list) -> list[PublicAdjustment]:
    """The list's adjustment history as the public sees it: no names of staff.

    An entry without a reason is a re-save of unchanged content, not an adjustment the
    bureau announced (every announced adjustment must state its reason), so it is left out.
    """
    return [
        PublicAdjustment(
            adjustment.when,
            adjustment.action,
            adjustment.item_name,
            [
                (label, _shown(label, old), _shown(label, new))
                for label, old, new in adjustment.changes
            ],
            adjustment.reason,
        )
        for adjustment in decision_list_adjustments(decision_list)
        if adjustment.reason.strip()
    ]


def decision_list(request, page) -> dict:
    """Each item with its procedures and its public status, computed from its records;
    a decision's draft is linked only once published (决策公布) — never before."""
    from cms.decision_steps import public_progress
    from cms.models import DecisionDraftPage

    items = list(page.items.all())
    published = {
        draft.item_id: draft
        for draft in DecisionDraftPage.objects.live().filter(item__in=[i.pk for i in items])
    }
    return {
        "decision_items": [
            (
                item,
                item.procedure_status(),
                public_progress(item.progress()),
                published.get(item.pk),
            )
            for item in items
        ],
        "adjustments": public_adjustments(page) if page.pk else [],
    }
