"""Live pages as the API's plain data: only the fields the portal discloses.

Never here: the drafting department, owners or any user, opinions, revisions. A page row
holds its live content (Wagtail keeps pending drafts in revisions), so reading rows of
``live_documents()`` serves what was published, never a draft or a revision in review.
"""

from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.http import http_date
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from cms.models import DocumentAttachment, NormativeDocumentPage


def private_sections() -> Q:
    """Pages under a view restriction and their descendants: one query, so a request that
    reads live documents several times (rows, total, replacing documents) asks it once."""
    return Page.objects.all().private_q()


def live_documents(private: Q | None = None):
    """Published normative documents the public may see (no view restriction)."""
    if private is None:
        private = private_sections()
    return NormativeDocumentPage.objects.live().exclude(private)


# What a list row (``document`` without body, ``document_ref``, ``page_url``) reads: loading
# only these builds each page from 18 columns instead of 50, the body never among them.
LIST_FIELDS = (
    "title",
    "url_path",
    "last_published_at",
    "index_number",
    "issuer",
    "doc_number",
    "registration_number",
    "written_on",
    "published_on",
    "effective_on",
    "valid_until",
    "validity_status",
    "status_changed_on",
    "topic",
    "replaced_by_id",
)


def list_rows(ids: list[int]) -> list[NormativeDocumentPage]:
    """The live documents of ``ids``, in that order, with the list's fields only."""
    found = NormativeDocumentPage.objects.live().only(*LIST_FIELDS).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def live_document_count(private: Q | None = None) -> int:
    """How many documents are public, counted on Wagtail's narrow page table through its
    content-type index (a normative document is exactly a page of that type): at 10,000
    documents about four times faster than scanning the documents table, whose rows carry
    their bodies."""
    content_type = ContentType.objects.get_for_model(NormativeDocumentPage)
    if private is None:
        private = private_sections()
    return Page.objects.live().exclude(private).filter(content_type=content_type).count()


def load_relations(pages: list, private: Q | None = None) -> list:
    """Attachments (with their files) and live replacing documents: two queries, not 2×N."""
    by_page: dict[int, list] = {page.pk: [] for page in pages}
    rows = DocumentAttachment.objects.filter(page_id__in=by_page).select_related("file")
    for row in rows.order_by("sort_order", "pk"):
        by_page[row.page_id].append(row)
    replacing = {page.replaced_by_id for page in pages if page.replaced_by_id}
    found = live_documents(private).only(*LIST_FIELDS).in_bulk(replacing) if replacing else {}
    for page in pages:
        page.api_attachments = by_page[page.pk]
        page.api_replaced_by = found.get(page.replaced_by_id)
    return pages


@lru_cache(maxsize=1)
def _api_prefix() -> str:
    return reverse("portal-api:document", kwargs={"document_id": 0}).removesuffix("0/")


def api_url(page_id: int) -> str:
    return f"{_api_prefix()}{page_id}/"


def page_url(page, request) -> str | None:
    """``page.get_url(request)`` for the usual single-site tree, without a ``reverse`` and a
    site match per page (a list of twenty spent more time here than in its queries)."""
    if type(page).get_url_parts is not Page.get_url_parts or request is None:
        return page.get_url(request)
    roots = getattr(request, "_api_page_roots", None)
    if roots is None:
        paths = Site.get_site_root_paths()  # public, cached by Wagtail
        single = len({root.site_id for root in paths}) == 1  # then every link is relative
        site_id = (
            paths[0].site_id if single else getattr(Site.find_for_request(request), "pk", None)
        )
        serve = reverse("wagtail_serve", args=("",))
        roots = request._api_page_roots = (paths, site_id, serve)
    paths, site_id, serve = roots
    matching = [root for root in paths if page.url_path.startswith(root.root_path)]
    if len(matching) != 1:
        return page.get_url(request)
    root = matching[0]
    path = serve + page.url_path[len(root.root_path) :]
    if not settings.WAGTAIL_APPEND_SLASH and path != "/":
        path = path.rstrip("/")
    return path if site_id == root.site_id else root.root_url + path


def document_ref(page: NormativeDocumentPage, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "doc_number": page.doc_number,
        "api_url": api_url(page.pk),
        "html_url": page_url(page, request),
    }


def attachment(item: DocumentAttachment) -> dict:
    file = item.file
    return {
        "title": item.label or file.title,
        "url": file.url,
        "size": file.file_size,
        "type": file.file_extension,
        "content_type": file.content_type,
    }


def document(page: NormativeDocumentPage, request, *, body: bool = False, **extra) -> dict:
    """One document's portal fields; ``load_relations`` must have run on it."""
    replaced_by = page.api_replaced_by
    data = {
        "id": page.pk,
        "title": page.title,
        "index_number": page.index_number,
        "issuer": page.issuer,
        "doc_number": page.doc_number,
        "registration_number": page.registration_number,
        "written_on": page.written_on,
        "published_on": page.published_on,
        "effective_on": page.effective_on,
        "valid_until": page.valid_until,
        "validity_status": page.validity_status,
        "status_changed_on": page.status_changed_on,
        "topic": page.topic,
        "replaced_by": document_ref(replaced_by, request) if replaced_by is not None else None,
        "attachments": [attachment(item) for item in page.api_attachments],
        "api_url": api_url(page.pk),
        "html_url": page_url(page, request),
        "last_published_at": page.last_published_at,
        **extra,
    }
    if body:  # links and embeds as the portal page renders them, not Wagtail's storage format
        data["body"] = expand_db_html(page.body)
    return data


def set_last_modified(response, when: datetime | None) -> None:
    if when is not None:
        response["Last-Modified"] = http_date(when.timestamp())
