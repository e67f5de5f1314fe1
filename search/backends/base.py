"""The one small interface every search backend implements (embedded, Elasticsearch)."""

from datetime import date
from typing import NamedTuple, Protocol

from search.query import ParsedQuery

FACET_FIELDS = ("kind", "status", "year", "issuer", "department")


class EntryData(NamedTuple):
    """What is indexed for one item; ``text`` is the original text highlights come from."""

    key: str
    kind: str
    object_id: str
    title: str
    text: str
    doc_number: str = ""
    issuer: str = ""
    department_id: int | None = None
    status: str = ""
    year: int | None = None
    published_on: date | None = None
    live: bool = False
    url: str = ""


class Visibility(NamedTuple):
    """Permission filter applied inside the query: what this user may find.

    ``all_items``: bureau-wide roles; otherwise live public items plus the user's
    departments' items (drafts and contracts included).
    """

    all_items: bool
    department_ids: tuple[int, ...]
    public_kinds: tuple[str, ...]


class SearchRequest(NamedTuple):
    query: ParsedQuery
    visibility: Visibility
    page: int = 1
    per_page: int = 20
    order: str = "relevance"  # or "date"


class Hit(NamedTuple):
    key: str
    kind: str
    object_id: str
    title: str
    doc_number: str
    status: str
    published_on: date | None
    url: str
    score: float
    highlights: list


class SearchResults(NamedTuple):
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]


class SearchBackend(Protocol):
    def index(self, entries: list[EntryData]) -> None: ...

    def delete(self, keys: list[str]) -> None: ...

    def search(self, request: SearchRequest) -> SearchResults: ...

    def rebuild(self, entries) -> int: ...
