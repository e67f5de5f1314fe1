"""The one entry point for searching: parse, apply the user's visibility, ask the backend."""

from cms import roles
from cms.models import Department
from search.backends import get_backend
from search.backends.base import SearchRequest, SearchResults, Visibility
from search.models import PUBLIC_KINDS
from search.query import parse

MAX_PER_PAGE = 100


def visibility_for(user) -> Visibility:
    public = tuple(sorted(PUBLIC_KINDS))
    if user is None or not user.is_authenticated or not user.is_active:
        return Visibility(False, (), public)
    if roles.sees_every_department(user):
        return Visibility(True, (), public)
    departments = tuple(Department.objects.for_user(user).values_list("pk", flat=True))
    return Visibility(False, departments, public)


def search_items(
    *,
    user,
    query: str,
    filters: dict[str, list[str]] | None = None,
    page: int = 1,
    per_page: int = 20,
    order: str = "relevance",
) -> SearchResults:
    """Search what ``user`` may see; raises search.query.QueryError (Chinese) on bad input.

    ``filters`` (facet clicks) are added to those typed in the query (有效性:现行有效 …).
    """
    parsed = parse(query)
    for field, values in (filters or {}).items():
        parsed.filters.setdefault(field, []).extend(v for v in values if v)
    request = SearchRequest(
        query=parsed,
        visibility=visibility_for(user),
        page=max(1, page),
        per_page=min(max(1, per_page), MAX_PER_PAGE),
        order=order if order in {"relevance", "date"} else "relevance",
    )
    return get_backend().search(request)
