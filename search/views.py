"""The admin's 全文检索 page: Chinese full text with facets and highlights, permission-filtered."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from cms.kinds import ItemKind
from cms.models import Department
from search.backends.base import FACET_FIELDS
from search.query import QueryError
from search.selectors import search_items

FACET_LABELS = {
    "kind": "类型",
    "status": "状态",
    "year": "年份",
    "issuer": "发文机关/相对方",
    "department": "科室",
}


def admin_search(request):
    query = request.GET.get("q", "").strip()
    filters = {
        field: request.GET.getlist(field) for field in FACET_FIELDS if request.GET.getlist(field)
    }
    context = {"query": query, "filters": filters, "error": "", "results": None}
    if not query and ("q" in request.GET or filters):  # submitted empty: say so
        context["error"] = "请输入检索词。"
    if query or filters:
        try:
            page = int(request.GET.get("page", "1"))
        except ValueError:
            page = 1
        try:
            results = (
                search_items(
                    user=request.user,
                    query=query or "*",
                    filters=filters,
                    page=page,
                    order=request.GET.get("order", "relevance"),
                )
                if query
                else None
            )
        except QueryError as error:
            context["error"] = str(error)
        else:
            if results is not None:
                context["results"] = results
                context["facets"] = _facets(results.facets)
                context["page_obj"] = Paginator(range(results.total), 20).get_page(page)
    return TemplateResponse(request, "search/admin_search.html", context)


def _facets(facets: dict) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    kinds = dict(ItemKind.choices)
    departments = dict(Department.objects.values_list("pk", "name"))
    labelled = []
    for field, values in facets.items():
        rows = []
        for value, count in values[:12]:
            label = kinds.get(value) if field == "kind" else value
            if field == "department":
                label = departments.get(int(value), value)
            rows.append((value, label, count))
        labelled.append((field, FACET_LABELS[field], rows))
    return labelled
