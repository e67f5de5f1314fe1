"""Live pages as the API's plain data: only the fields the portal discloses.

Never here: the drafting department, owners or any user, opinions, revisions. A page row
holds its live content (Wagtail keeps pending drafts in revisions), so reading rows of
``live_documents()`` serves what was published, never a draft or a revision in review.
"""

from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import Col
from django.urls import reverse
from django.utils.http import http_date
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import expand_db_html

from cms.models import AttachmentFile, DocumentAttachment, NormativeDocumentPage
from cms.models.openness import PUBLIC_ONLY


class Private(NamedTuple):
    """The view-restricted sections: (path, depth) of each restricted page. Its descendants
    are private too; Wagtail's ``private_q``, read once per request in one query."""

    sections: tuple[tuple[str, int], ...]

    def q(self) -> Q:
        """The ORM condition for "in a private section" (Wagtail's ``descendant_of_q``)."""
        q = Q()
        for path, depth in self.sections:
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    def sql(self) -> tuple[str, list]:
        """The same condition negated, as SQL on the page table aliased ``p``."""
        clauses, params = [], []
        for path, depth in self.sections:
            clauses.append(r"NOT (p.path LIKE %s ESCAPE '\' AND p.depth >= %s)")
            params += [connection.ops.prep_for_like_query(path) + "%", depth]
        return "".join(f" AND {clause}" for clause in clauses), params


def private_sections() -> Private:
    sql = (
        f"SELECT rp.path, rp.depth FROM {PageViewRestriction._meta.db_table} r "
        f"INNER JOIN {PAGE} rp ON rp.id = r.page_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return Private(tuple(cursor.fetchall()))


def live_documents(private: Private | None = None):
    """Published normative documents the public may see (no view restriction)."""
    if private is None:
        private = private_sections()
    return (
        NormativeDocumentPage.objects.live()
        .filter(disclosure_attribute=PUBLIC_ONLY)
        .exclude(private.q())
    )


# What a list row (``document`` without body, ``document_ref``, ``html_url``) reads: the
# body never among them.
LIST_FIELDS = (
    "pk",
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
PAGE = Page._meta.db_table
DOCUMENTS = NormativeDocumentPage._meta.db_table
ORDER_SQL = {"-published_on": "d.published_on DESC, d.page_ptr_id DESC"}
ORDER_SQL["published_on"] = "d.published_on ASC, d.page_ptr_id ASC"


@lru_cache(maxsize=1)
def _columns() -> tuple[str, list[int], list[int]]:
    """The SELECT list of LIST_FIELDS, and which of them are dates and datetimes."""
    meta = NormativeDocumentPage._meta
    fields = [meta.pk if name == "pk" else meta.get_field(name) for name in LIST_FIELDS]
    select = ", ".join(f"{'p' if field.model is Page else 'd'}.{field.column}" for field in fields)
    kinds = [field.get_internal_type() for field in fields]
    dates = [i for i, kind in enumerate(kinds) if kind == "DateField"]
    return select, dates, [i for i, kind in enumerate(kinds) if kind == "DateTimeField"]


def document_rows(
    *, where: str, params: list, private: Private, ordering: str, offset: int, limit: int
) -> list[dict]:
    """One window of live public documents matching ``where`` (SQL on ``d``, the documents
    table, and ``p``, the page table): one query of the list's columns. The order walks the
    ``published_on`` index and stops after the window; no model is built."""
    select, dates, datetimes = _columns()
    private_sql, private_params = private.sql()
    sql = (
        f"SELECT {select} FROM {DOCUMENTS} d INNER JOIN {PAGE} p ON p.id = d.page_ptr_id "
        f"WHERE p.live = %s AND d.disclosure_attribute = %s{private_sql}{where} "
        f"ORDER BY {ORDER_SQL[ordering]} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, PUBLIC_ONLY, *private_params, *params, limit, offset])
        found = cursor.fetchall()
    field = Page._meta.get_field("last_published_at")
    column = Col(None, field)
    converters = connection.ops.get_db_converters(column)  # SQLite returns text
    rows = []
    for values in found:
        values = list(values)
        for i in dates:  # as the JSON encoder writes a date; SQLite already has that text
            if values[i] is not None and not isinstance(values[i], str):
                values[i] = values[i].isoformat()
        for i in datetimes:
            for converter in converters if values[i] is not None else ():
                values[i] = converter(values[i], column, connection)
        rows.append(dict(zip(LIST_FIELDS, values, strict=True)))
    return rows


def document_count(*, where: str, params: list, private: Private) -> int:
    """How many live public documents match ``where``. Unfiltered, counted on Wagtail's
    narrow page table (a normative document is exactly a live page of that type),
    index-only through cms/migrations/0009_live_page_type_index.py."""
    private_sql, private_params = private.sql()
    joined = f"FROM {DOCUMENTS} d INNER JOIN {PAGE} p ON p.id = d.page_ptr_id WHERE p.live = %s"
    if where:
        sql = f"SELECT COUNT(*) {joined} AND d.disclosure_attribute = %s{private_sql}{where}"
        params = [True, PUBLIC_ONLY, *private_params, *params]
    else:
        # All live documents (index-only) less the few live ones not 主动公开 (indexed).
        content_type = ContentType.objects.get_for_model(NormativeDocumentPage)
        sql = (
            f"SELECT (SELECT COUNT(*) FROM {PAGE} p WHERE p.content_type_id = %s AND p.live = %s"
            f"{private_sql}) - (SELECT COUNT(*) {joined} AND d.disclosure_attribute <> %s"
            f"{private_sql})"
        )
        params = [content_type.pk, True, *private_params, True, PUBLIC_ONLY, *private_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def row_of(page: NormativeDocumentPage) -> dict:
    """A page already loaded (search hits, the detail) as ``document_rows`` makes rows."""
    row = {name: getattr(page, name) for name in LIST_FIELDS}
    for i in _columns()[1]:
        value = row[LIST_FIELDS[i]]
        row[LIST_FIELDS[i]] = value.isoformat() if value is not None else None
    return row


def load_relations(rows: list[dict], private: Private) -> list[dict]:
    """Attachments (with their files) and live replacing documents: two queries, not 2×N
    (none for the replacements when no row is replaced)."""
    by_page = _attachments([row["pk"] for row in rows])
    replacing = sorted({row["replaced_by_id"] for row in rows if row["replaced_by_id"]})
    replacements = {}
    if replacing:
        where = f" AND d.page_ptr_id IN ({', '.join(['%s'] * len(replacing))})"
        found = document_rows(
            where=where,
            params=replacing,
            private=private,
            ordering="-published_on",
            offset=0,
            limit=len(replacing),
        )
        replacements = {row["pk"]: row for row in found}
    for row in rows:
        row["attachments"] = by_page.get(row["pk"], [])
        row["replaced_by"] = replacements.get(row["replaced_by_id"])
    return rows


_FILE_FIELDS = ("id", "title", "file", "file_size")


def _attachments(page_ids: list[int]) -> dict[int, list[tuple[str, AttachmentFile]]]:
    """Each page's (label, file) in the editor's order, in one query."""
    if not page_ids:
        return {}
    sql = (
        f"SELECT a.page_id, a.label, f.id, f.title, f.file, f.file_size "
        f"FROM {DocumentAttachment._meta.db_table} a "
        f"INNER JOIN {AttachmentFile._meta.db_table} f ON f.id = a.file_id "
        f"WHERE a.page_id IN ({', '.join(['%s'] * len(page_ids))}) "
        f"ORDER BY a.sort_order, a.id"
    )
    by_page: dict[int, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, page_ids)
        for page_id, label, *columns in cursor.fetchall():
            file = AttachmentFile.from_db(connection.alias, _FILE_FIELDS, columns)  # as .only()
            by_page.setdefault(page_id, []).append((label, file))
    return by_page


@lru_cache(maxsize=1)
def _api_prefix() -> str:
    return reverse("portal-api:document", kwargs={"document_id": 0}).removesuffix("0/")


@lru_cache(maxsize=1)
def _serve_prefix() -> str:
    return reverse("wagtail_serve", args=("",))


def api_url(page_id: int) -> str:
    return f"{_api_prefix()}{page_id}/"


def page_url(page, request) -> str | None:
    """``page.get_url(request)`` for the usual single-site tree, without a ``reverse`` and a
    site match per page (a list of twenty spent more time here than in its queries)."""
    if type(page).get_url_parts is not Page.get_url_parts or request is None:
        return page.get_url(request)
    path = _path_url(page.url_path, request)
    return page.get_url(request) if path is _UNRESOLVED else path


_UNRESOLVED = object()


def html_url(row: dict, request) -> str | None:
    """``page_url`` of a list row (a normative document) without loading its page."""
    if NormativeDocumentPage.get_url_parts is not Page.get_url_parts or request is None:
        return NormativeDocumentPage.objects.get(pk=row["pk"]).get_url(request)
    path = _path_url(row["url_path"], request)
    if path is _UNRESOLVED:
        return NormativeDocumentPage.objects.get(pk=row["pk"]).get_url(request)
    return path


def _path_url(url_path: str, request):
    """Wagtail's URL of the page at ``url_path`` (relative on its own site), or
    ``_UNRESOLVED`` when not exactly one site root holds it."""
    roots = getattr(request, "_api_page_roots", None)
    if roots is None:
        paths = Site.get_site_root_paths()  # public; Wagtail caches it
        single = len({root.site_id for root in paths}) == 1  # then every link is relative
        site_id = (
            paths[0].site_id if single else getattr(Site.find_for_request(request), "pk", None)
        )
        roots = request._api_page_roots = (paths, site_id, _serve_prefix())
    paths, site_id, serve = roots
    matching = [root for root in paths if url_path.startswith(root.root_path)]
    if len(matching) != 1:
        return _UNRESOLVED
    root = matching[0]
    path = serve + url_path[len(root.root_path) :]
    if not settings.WAGTAIL_APPEND_SLASH and path != "/":
        path = path.rstrip("/")
    return path if site_id == root.site_id else root.root_url + path


def document_ref(page, request) -> dict:
    """Id, title, 文号 and links of a live document (a page, or a list row)."""
    row = page if isinstance(page, dict) else row_of(page)
    return {
        "id": row["pk"],
        "title": row["title"],
        "doc_number": row["doc_number"],
        "api_url": api_url(row["pk"]),
        "html_url": html_url(row, request),
    }


def attachment(item: tuple[str, AttachmentFile]) -> dict:
    label, file = item
    return {
        "title": label or file.title,
        "url": file.url,
        "size": file.file_size,
        "type": file.file_extension,
        "content_type": file.content_type,
    }


def document(row: dict, request, *, body: str | None = None, **extra) -> dict:
    """One document's portal fields, keys in ``DocumentOut``'s order; ``load_relations``
    must have run on ``row``. ``body`` is the stored rich text (the detail only)."""
    replaced_by = row["replaced_by"]
    data = {
        "id": row["pk"],
        "title": row["title"],
        "index_number": row["index_number"],
        "issuer": row["issuer"],
        "doc_number": row["doc_number"],
        "registration_number": row["registration_number"],
        "written_on": row["written_on"],
        "published_on": row["published_on"],
        "effective_on": row["effective_on"],
        "valid_until": row["valid_until"],
        "validity_status": row["validity_status"],
        "status_changed_on": row["status_changed_on"],
        "topic": row["topic"],
        "replaced_by": document_ref(replaced_by, request) if replaced_by is not None else None,
        "attachments": [attachment(item) for item in row["attachments"]],
        "api_url": api_url(row["pk"]),
        "html_url": html_url(row, request),
        "last_published_at": row["last_published_at"],
        "highlights": None,
        "score": None,
        **extra,
    }
    if body is not None:  # links and embeds as the portal page renders them
        data["body"] = expand_db_html(body)
    return data


def set_last_modified(response, when: datetime | None) -> None:
    if when is not None:
        response["Last-Modified"] = http_date(when.timestamp())


def interpretations(page: NormativeDocumentPage) -> list[dict]:
    """The document's 政策解读, as the detail serves them."""
    return [
        {
            "title": item.title,
            "body": expand_db_html(item.body),
            "questions": [list(pair) for pair in item.qa_pairs()],
            "graphic_url": item.graphic.get_rendition("width-800").url if item.graphic else None,
        }
        for item in page.interpretations.select_related("graphic")
    ]
