"""The one entry point for searching: parse, apply the user's visibility, ask the backend."""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms import roles
from cms.kinds import PUBLIC_KINDS
from cms.models import Department, NormativeDocumentPage
from cms.models.openness import PUBLIC_ONLY
from search.backends import get_backend
from search.backends.base import SearchRequest, SearchResults, Visibility
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


def pages_visible_in_admin(user, pages):
    """``pages`` narrowed to those whose admin title (a draft's title) ``user`` may see.

    Bureau-wide roles see every page; anyone else the pages they may explore (their
    departments' folders and the way there) and live pages without a pending revision —
    a page with one would show its draft title. For the page chooser's browse and search.
    """
    if visibility_for(user).all_items:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user).values("pk")
    # A live document that is not 主动公开 is as private as a draft (公开属性).
    withheld = NormativeDocumentPage.objects.exclude(disclosure_attribute=PUBLIC_ONLY)
    visible = Page.objects.filter(
        Q(pk__in=explorable)
        | (Q(live=True, has_unpublished_changes=False) & ~Q(pk__in=withheld.values("pk")))
    ).values("pk")
    return pages.filter(pk__in=visible)  # on pk only: a search queryset filters index fields


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
