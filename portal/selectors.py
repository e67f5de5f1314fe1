"""Reads for the public portal: live, public content only.

Chinese full-text search is the search app's (``search.selectors.search_items``); when
the search fails unexpectedly the list falls back to substring matching. The search runs as
an anonymous user, so it matches the live entries only, inside the index query: a
revision in review is indexed apart and never matches, and highlights are cut from the
live text.
"""

import html
import logging
import re
from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from cms import rules
from cms.highlight import passages
from cms.kinds import ItemKind
from cms.models import NormativeDocumentPage, PowerCategory, PowerItem
from cms.privacy import find_personal_numbers, mask_personal_numbers
from cms.richtext import rich_text_to_line
from cms.selectors import public_documents
from search.models import CleanupDecision
from search.selectors import search_items

logger = logging.getLogger(__name__)

MAX_SEARCH_HITS = 500  # a county bureau publishes ~150 documents; more is a bad query
SEARCH_BATCH = 100
OPERATORS = {"AND", "OR", "NOT", "与", "或", "非", "|"}
_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


def newest_first(queryset):
    return queryset.order_by(F("published_on").desc(nulls_last=True), "-first_published_at", "-pk")


def latest_documents(limit: int = 8):
    return newest_first(public_documents())[:limit]


def filter_documents(queryset, data: dict):
    """Apply the list's filters (already validated by ``DocumentFilterForm``)."""
    if data.get("status"):
        queryset = queryset.filter(validity_status=data["status"])
    if data.get("year"):
        queryset = queryset.filter(published_on__year=data["year"])
    if data.get("topic"):
        queryset = queryset.filter(topic=data["topic"])
    if data.get("issuer"):
        queryset = queryset.filter(issuer=data["issuer"])
    if data.get("doc_number"):
        raw = data["doc_number"]
        exact = rules.normalise_doc_number(raw)
        queryset = (
            queryset.filter(doc_number=exact)
            if exact
            else queryset.filter(doc_number__icontains=raw)
        )
    if data.get("published_after"):
        queryset = queryset.filter(published_on__gte=data["published_after"])
    if data.get("published_before"):
        queryset = queryset.filter(published_on__lte=data["published_before"])
    return queryset


def filter_choices() -> dict[str, list]:
    """Years and issuing bodies that occur among the published documents."""
    documents = public_documents()
    years = sorted(
        {
            day.year
            for day in documents.exclude(published_on=None).values_list("published_on", flat=True)
        },
        reverse=True,
    )
    issuers = sorted(set(documents.exclude(issuer="").values_list("issuer", flat=True)))
    return {"years": years, "issuers": issuers}


class SearchOutcome(NamedTuple):
    ids: list[int]  # ranked
    highlights: dict[int, list[SafeString]]
    error: str  # a Chinese message for the reader, or ''


def query_terms(query: str) -> list[str]:
    """The positive words of a query (no operators, filters or excluded words)."""
    terms = []
    for quoted, word in _TOKEN.findall(query or ""):
        text = quoted or word
        if not quoted and (text in OPERATORS or text.startswith("-") or re.search("[:：]", text)):
            continue
        terms.extend(part for part in text.split() if part)
    return terms


def snippets(text: str, terms: list[str]) -> list[SafeString]:
    """Two passages of ``text`` around the terms, each match wrapped in <mark>; text escaped."""
    return passages(text, terms, limit=2)


def masked_passage(passage: str) -> SafeString:
    """A highlight with personal numbers masked, even where <mark> splits one.

    The page-wide mask cannot see a number cut in two by a tag, so a passage that holds
    one is shown as masked plain text, without its marks.
    """
    text = html.unescape(strip_tags(passage))
    if not find_personal_numbers(text):
        return mark_safe(passage)  # already escaped by the search app; marks only
    return mark_safe(escape(mask_personal_numbers(text)))


def live_text(page: NormativeDocumentPage) -> str:
    return rich_text_to_line(page.body)


def search_documents(query: str, *, order: str = "relevance") -> SearchOutcome:
    ids: list[int] = []
    highlights: dict[int, list[SafeString]] = {}
    batch = 1
    try:
        while len(ids) < MAX_SEARCH_HITS:
            results = search_items(
                user=AnonymousUser(),
                query=query,
                filters={"kind": [ItemKind.NORMATIVE_DOCUMENT]},
                page=batch,
                per_page=SEARCH_BATCH,
                order=order,
            )
            for hit in results.hits:
                if hit.kind == ItemKind.NORMATIVE_DOCUMENT and str(hit.object_id).isdigit():
                    ids.append(int(hit.object_id))
                    highlights[int(hit.object_id)] = list(hit.highlights)
            if not results.hits or batch * SEARCH_BATCH >= results.total:
                break
            batch += 1
    except ValueError as error:  # the search app's QueryError: a Chinese message
        return SearchOutcome([], {}, str(error) or "检索词无法识别，请修改后重试。")
    except Exception:
        logger.exception("portal search failed; falling back to substring matching")
        return _substring_search(query)
    return SearchOutcome(ids, highlights, "")


def _substring_search(query: str) -> SearchOutcome:
    terms = query_terms(query)
    if not terms:
        return SearchOutcome([], {}, "请输入要检索的词语。")
    queryset = public_documents()
    for term in terms:
        queryset = queryset.filter(
            Q(title__icontains=term) | Q(body__icontains=term) | Q(doc_number__icontains=term)
        )
    pages = list(newest_first(queryset)[:MAX_SEARCH_HITS])
    return SearchOutcome(
        [page.pk for page in pages],
        {page.pk: snippets(live_text(page), terms) for page in pages},
        "",
    )


class PowerGroup(NamedTuple):
    category: str
    items: list
    count: int


def power_list() -> list[PowerGroup]:
    """The 权力清单 by category, in the catalogue's order, empty categories left out."""
    items = PowerItem.objects.in_force().select_related("department").order_by("sort_order", "id")
    groups = []
    for value, label in PowerCategory.choices:
        members = [item for item in items if item.category == value]
        if members:
            groups.append(PowerGroup(label, members, len(members)))
    return groups


def cleanup_results():
    """Approved cleanup decisions (清理结果, the search app's records) on published
    documents, newest first."""
    return (
        CleanupDecision.objects.filter(approved_at__isnull=False)
        .filter(document__in=public_documents())
        .select_related("campaign", "document")
        .order_by("-approved_at", "-pk")
    )
