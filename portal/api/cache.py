"""Whole answers cached on the server, keyed by the content version: exact, and cheap to check.

Everything the portal API serves changes only through Wagtail actions — a publish, an
unpublish, a move, a delete, a view restriction, an edited file or snippet — and each
leaves a revision or a log entry. So the largest ids of ``Revision``, ``PageLogEntry``,
``ModelLogEntry`` and ``Page`` (one query over four primary-key indexes, microseconds)
form a version: any change makes a new key, and an answer computed before it is never
served after it. Entries also expire after API_CACHE_MAX_AGE seconds, the staleness the
answers already allow clients (Cache-Control), which bounds any change made behind
Wagtail's back (a raw SQL fix, a search-index rebuild). A request with
``Cache-Control: no-cache`` skips the cache, as HTTP caches do.

Only the endpoints whose content is fully covered by that version are cached:
documents, decision lists (an item's progress is recorded on its own records, saved as
logged snippets, or is a decision draft's publication), relief disclosures and the schema. Consultations (which depend on today's date
and on comments), cleanup results and the power list are computed every time.
"""

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import Col
from django.http import HttpResponse
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

CACHED_PREFIXES = (
    "/api/v2/documents/",
    "/api/v2/decision-lists/",
    "/api/v2/relief-disclosures/",
    "/api/v2/schema/",
)
_VERSIONED = (Revision, PageLogEntry, ModelLogEntry, Page)


def content_version() -> str:
    tables = ", ".join(
        f"(SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)})"
        for model in _VERSIONED
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {tables}")
        return ".".join(str(value or 0) for value in cursor.fetchone())


def changed_at() -> datetime | None:
    """When anything was last published, withdrawn or edited (an upper bound, for
    Last-Modified): three maxima over indexed timestamp columns, in one query."""
    columns = (
        (Revision, "created_at"),
        (PageLogEntry, "timestamp"),
        (ModelLogEntry, "timestamp"),
    )
    quote = connection.ops.quote_name
    maxima = ", ".join(
        f"(SELECT MAX({quote(column)}) FROM {quote(model._meta.db_table)})"
        for model, column in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}")
        values = cursor.fetchone()
    column = Col(None, Revision._meta.get_field("created_at"))
    converters = connection.ops.get_db_converters(column)  # SQLite hands back text
    found = []
    for value in values:
        for converter in converters if value is not None else ():
            value = converter(value, column, connection)
        found.append(value)
    return max((when for when in found if when), default=None)


def cacheable(request) -> bool:
    return (
        settings.API_RESPONSE_CACHE
        and request.method in {"GET", "HEAD"}
        and request.path.startswith(CACHED_PREFIXES)
        and "no-cache" not in request.headers.get("Cache-Control", "")
    )


def key_for(request) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode("utf-8"), digest_size=16).hexdigest()
    return f"cms-api-answer:{content_version()}:{digest}"


def replay(key: str) -> HttpResponse | None:
    stored = cache.get(key)
    if stored is None:
        return None
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Api-Cache"] = "hit"
    return response


def store(key: str, response) -> None:
    if response.status_code == 200 and not response.streaming:
        cache.set(key, (response.content, list(response.items())), settings.API_CACHE_MAX_AGE)
    response["X-Api-Cache"] = "miss"
