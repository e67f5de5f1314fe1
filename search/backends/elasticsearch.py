"""The Elasticsearch backend: the embedded backend's semantics, for a province-wide index.

- The built-in ``cjk`` analyzer makes the bigrams of ``search.analysis``, so 2+ Chinese
  characters match exactly where they occur (合同 inside 劳动合同书). ``smartcn`` /
  ``ik_max_word`` (plugins, ``ELASTICSEARCH_ANALYZER``) rank by words but may cut a 2-character
  word apart, so with them each text field has a ``cjk`` subfield that is queried too.
- One ``match_phrase`` per run of a query term, like the embedded backend's phrase per run.
- Permission and field filters are in ``bool.filter``: totals, facets and pages never count an
  item the user may not see.
- A rebuild fills a fresh ``<alias>-<timestamp>`` index and switches the alias atomically, so
  search never stops; ``index``/``delete`` write through the alias. While a rebuild runs, its
  index also carries the alias ``<alias>-rebuilding`` and every write goes there too; the
  rebuild only *creates* documents, so an item saved meanwhile keeps its newer version, and
  the switch loses nothing. An item deleted meanwhile leaves a tombstone (``deleted: true``)
  in the new index instead, so the rebuild's ``create`` of it — read from the database just
  before the delete — gives way too; searches never match tombstones, and the rebuild sweeps
  them out once the alias has switched. Writes to ``<alias>-rebuilding`` require the alias:
  one that arrives after the switch is dropped, never auto-creating an index of that name.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.dsl import Boolean, Date, Integer, Keyword, Mapping, Q, Query, Search, Text
from elasticsearch.helpers import bulk

from search import query as q
from search.analysis import runs
from search.backends.base import (
    FACET_FIELDS,
    EntryData,
    Hit,
    SearchRequest,
    SearchResults,
    Visibility,
)
from search.highlight import snippets

BIGRAM = "cjk"
FACET_SIZE = 20
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
# attachment texts can be long: keep each bulk request far below http.max_content_length
_BULK: dict[str, Any] = {"chunk_size": 500, "max_chunk_bytes": 10 * 1024 * 1024}
HIGHLIGHT = {"fragment_size": 60, "number_of_fragments": 3}
# facet name (FACET_FIELDS) → indexed field; filters accept the same names plus 文号
_SOURCES = ("kind", "status", "year", "issuer", "department_id")
FACET_SOURCES = dict(zip(FACET_FIELDS, _SOURCES, strict=True))
FILTER_SOURCES = {**FACET_SOURCES, "doc_number": "doc_number"}
_SUBFIELDS = [f"text.{BIGRAM}", f"title.{BIGRAM}"]  # queried when the main analyzer is not cjk
_OPTIONAL_KEYWORDS = ("doc_number", "issuer", "status")  # "" is stored as absent: no "" facet
_HIT_TEXT_FIELDS = ("kind", "object_id", "title", "doc_number", "status", "url")
TOMBSTONE = "deleted"
_NOT_A_TOMBSTONE = Q("bool", must_not=[Q("term", **{TOMBSTONE: True})])


def _text(analyzer: str, **subfields: Any) -> Text:
    """A full-text field with offsets in the postings (fast highlighting of long texts)."""
    if analyzer != BIGRAM:
        subfields[BIGRAM] = Text(analyzer=BIGRAM, index_options="offsets")
    return Text(analyzer=analyzer, index_options="offsets", fields=subfields)


def build_mapping(analyzer: str = BIGRAM) -> dict[str, Any]:
    """The index mapping; ``_source`` keeps the original text that highlights are cut from."""
    mapping = Mapping()
    mapping.meta("dynamic", "strict")  # a misspelt field fails loudly instead of being guessed
    mapping.meta("_source", enabled=True)
    for name in ("key", "kind", "issuer", "status"):  # key is also _id, sortable unlike _id
        mapping.field(name, Keyword())
    mapping.field("object_id", Keyword(index=False))
    mapping.field("title", _text(analyzer, keyword=Keyword(ignore_above=256)))
    mapping.field("text", _text(analyzer))
    mapping.field("doc_number", Keyword(fields={"text": Text(analyzer=BIGRAM)}))
    for name in ("department_id", "year"):
        mapping.field(name, Integer())
    mapping.field("published_on", Date())
    mapping.field("live", Boolean())
    mapping.field(TOMBSTONE, Boolean())  # an item deleted while a rebuild filled this index
    mapping.field("url", Keyword(index=False, doc_values=False))
    return mapping.to_dict()


def _run_query(run: str, analyzer: str) -> Query:
    """One run as a contiguous phrase in the title (boosted), the text or the 文号."""
    fields = [("title", 3.0), ("text", 1.0), ("doc_number.text", 1.0)]
    if analyzer != BIGRAM:
        fields += [(_SUBFIELDS[0], 1.0), (_SUBFIELDS[1], 3.0)]
    phrases = [Q("match_phrase", **{f: {"query": run, "boost": boost}}) for f, boost in fields]
    return Q("bool", should=phrases, minimum_should_match=1)


def _term_query(text: str, analyzer: str) -> Query:
    parts = [_run_query(run, analyzer) for run in runs(text)]
    if not parts:
        return Q("match_none")
    return parts[0] if len(parts) == 1 else Q("bool", must=parts)


def compile_query(node: Any, analyzer: str = BIGRAM) -> Query:
    """The ParsedQuery tree as a bool query (same cases and errors as the embedded backend)."""
    if isinstance(node, q.Term):
        return _term_query(node.text, analyzer)
    if isinstance(node, q.Or):
        parts = [compile_query(part, analyzer) for part in node.parts]
        return Q("bool", should=parts, minimum_should_match=1)
    if isinstance(node, q.And):
        must = [compile_query(p, analyzer) for p in node.parts if not isinstance(p, q.Not)]
        must_not = [compile_query(p.part, analyzer) for p in node.parts if isinstance(p, q.Not)]
        return Q("bool", must=must, must_not=must_not)
    raise q.QueryError("检索式不能只包含排除条件（NOT）。")


def visibility_filter(visibility: Visibility) -> Query | None:
    """What the user may find: live public items, plus their departments' items (drafts too)."""
    if visibility.all_items:
        return None
    options = []
    if visibility.public_kinds:
        kinds = [str(kind) for kind in visibility.public_kinds]
        options.append(Q("bool", filter=[Q("term", live=True), Q("terms", kind=kinds)]))
    if visibility.department_ids:
        options.append(Q("terms", department_id=list(visibility.department_ids)))
    if not options:
        return Q("match_none")
    return Q("bool", should=options, minimum_should_match=1)


def _filters(visibility: Visibility, filters: dict[str, list[str]]) -> list[Query]:
    clauses = [_NOT_A_TOMBSTONE]
    clauses += [clause for clause in [visibility_filter(visibility)] if clause is not None]
    for name, values in filters.items():
        field = FILTER_SOURCES.get(name)
        if field is None or not values:
            continue
        if field in ("year", "department_id"):
            try:
                values = [int(value) for value in values]
            except ValueError:
                raise q.QueryError(f"筛选条件“{name}”须为数字。") from None
        clauses.append(Q("terms", **{field: list(values)}))
    return clauses


def build_search_body(request: SearchRequest, analyzer: str = BIGRAM) -> dict[str, Any]:
    """The whole request body: query + permission filter, page, order, highlight, facets."""
    tree = request.query.tree
    must = [compile_query(tree, analyzer)] if tree is not None else [Q("match_all")]
    query = Q("bool", must=must, filter=_filters(request.visibility, request.query.filters))
    search = Search().query(query).extra(track_total_hits=True)
    offset = (max(request.page, 1) - 1) * request.per_page
    if offset + request.per_page <= MAX_RESULT_WINDOW:
        search = search[offset : offset + request.per_page]
    else:  # past the result window: no rows (Elasticsearch would refuse), still total + facets
        search = search[0:0]
    by_date = request.order == "date" or tree is None
    newest = {"published_on": {"order": "desc", "missing": "_last"}}
    search = search.sort(*([] if by_date else ["_score"]), newest, {"key": "desc"})
    if by_date and tree is not None:
        search = search.extra(track_scores=True)  # scores are still reported
    search = search.source(excludes=["text"])  # long texts are fetched only when needed
    if request.query.terms:
        positive = [_term_query(term, analyzer) for term in request.query.terms]
        fields = ["text", "title"] + ([] if analyzer == BIGRAM else _SUBFIELDS)
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",  # the text is escaped, so the fragments are safe HTML
            highlight_query=Q("bool", should=positive, minimum_should_match=1).to_dict(),
            **HIGHLIGHT,
        ).highlight(*fields)
    for name, field in FACET_SOURCES.items():
        search.aggs.bucket(name, "terms", field=field, size=FACET_SIZE)
    return search.to_dict()


def _tombstone(key: str) -> dict[str, Any]:
    return {"key": key, TOMBSTONE: True}


def _document(entry: EntryData) -> dict[str, Any]:
    doc = entry._asdict()
    doc["published_on"] = entry.published_on.isoformat() if entry.published_on else None
    for field in _OPTIONAL_KEYWORDS:
        doc[field] = doc[field] or None
    return doc


def _es_highlights(raw: dict[str, Any]) -> list[SafeString]:
    """Fragments from the text first, then the title (as the embedded backend prefers)."""
    found = raw.get("highlight") or {}
    for field in ("text", f"text.{BIGRAM}", "title", f"title.{BIGRAM}"):
        if found.get(field):
            return [mark_safe(" ".join(fragment.split())) for fragment in found[field]]
    return []


def _buckets(aggregation: dict[str, Any]) -> list[tuple[str, int]]:
    """Terms buckets as (value as text, count), most frequent first, like the embedded facets."""
    buckets = aggregation.get("buckets", [])
    return [(str(b["key"]), int(b["doc_count"])) for b in buckets if b["key"] not in ("", None)]


class RebuildInProgress(RuntimeError):
    """A second rebuild while one is filling its index (two would split the writes)."""


class ElasticsearchBackend:
    """The SearchBackend protocol on Elasticsearch; ``index`` is the alias name."""

    def __init__(
        self,
        url: str = "",
        *,
        index: str | None = None,
        analyzer: str | None = None,
        client: Elasticsearch | None = None,
    ) -> None:
        self.alias = index or settings.ELASTICSEARCH_INDEX
        self.analyzer = analyzer or settings.ELASTICSEARCH_ANALYZER
        self.client = client if client is not None else Elasticsearch(url, request_timeout=30)
        self._alias_ready = False

    def _new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def _create_index(self, name: str, **options: Any) -> None:
        self.client.indices.create(index=name, mappings=build_mapping(self.analyzer), **options)

    @property
    def rebuilding_alias(self) -> str:
        return f"{self.alias}-rebuilding"

    def _actions(
        self, entries: Iterable[EntryData], index: str, op_type: str = "index"
    ) -> Iterator[dict[str, Any]]:
        for entry in entries:
            yield {
                "_op_type": op_type,
                "_index": index,
                "_id": entry.key,
                "_source": _document(entry),
            }

    def _rebuilding(self) -> bool:
        return bool(self.client.indices.exists_alias(name=self.rebuilding_alias))

    def _write_to_rebuild(self, actions: list[dict[str, Any]]) -> None:
        """Write the same change into the index a rebuild is filling, so the alias switch
        does not lose it. ``require_alias``: if the switch came first, the write is dropped
        (404) rather than auto-creating an index named like the alias."""
        bulk(self.client, actions, require_alias=True, ignore_status=404, **_BULK)

    def index(self, entries: list[EntryData]) -> None:
        if not entries:
            return
        if not self._alias_ready and not self.client.indices.exists(index=self.alias):
            # first write ever: a concrete index created together with the alias
            self._create_index(self._new_index_name(), aliases={self.alias: {}})
        self._alias_ready = True
        if self._rebuilding():
            self._write_to_rebuild(list(self._actions(entries, self.rebuilding_alias)))
        # refresh=wait_for: the editor sees their change in their next search
        bulk(self.client, self._actions(entries, self.alias), refresh="wait_for", **_BULK)

    def delete(self, keys: list[str]) -> None:
        if not keys or not self.client.indices.exists(index=self.alias):
            return
        if self._rebuilding():  # a tombstone, so the rebuild's create of it gives way
            tombstones = [
                {"_index": self.rebuilding_alias, "_id": key, "_source": _tombstone(key)}
                for key in keys
            ]
            self._write_to_rebuild(tombstones)
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys]
        bulk(self.client, actions, ignore_status=404, refresh="wait_for")

    def _aliased_indices(self) -> tuple[list[str], bool]:
        """Concrete indices behind the alias, and whether a plain index squats on its name."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias)), False
        except NotFoundError:
            return [], bool(self.client.indices.exists(index=self.alias))

    def rebuild(self, entries: Iterable[EntryData]) -> int:
        """Build a new index, switch the alias in one atomic call, then drop the old ones.

        The new index is reachable as ``rebuilding_alias`` while it fills, so writes made
        meanwhile land in it too; the rebuild's own documents are ``create`` actions, which
        give way (409, ignored) to a newer version or a tombstone such a write already put
        there. The tombstones are deleted once the alias has switched.
        """
        new, indices = self._new_index_name(), self.client.indices
        if indices.exists_alias(name=self.rebuilding_alias):
            running = ", ".join(sorted(indices.get_alias(name=self.rebuilding_alias)))
            raise RebuildInProgress(
                f"另一次索引重建正在进行（索引 {running}）。"
                "请等待其完成；如确认它已中断，删除该索引后再重建。"
            )
        self._create_index(
            new,
            aliases={self.rebuilding_alias: {}},
            settings={"index": {"refresh_interval": "-1"}},  # faster bulk
        )
        try:
            created, given_way = bulk(
                self.client,
                self._actions(entries, new, op_type="create"),
                ignore_status=409,
                **_BULK,
            )
            count = created + len(given_way)
            indices.put_settings(index=new, settings={"index": {"refresh_interval": None}})
            indices.refresh(index=new)
            old, squatter = self._aliased_indices()
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            if squatter:  # an index auto-created under the alias name: replace it atomically
                actions.append({"remove_index": {"index": self.alias}})
            actions.append({"add": {"index": new, "alias": self.alias}})
            actions.append({"remove": {"index": new, "alias": self.rebuilding_alias}})
            indices.update_aliases(actions=actions)
        except BaseException:  # a failed build leaves no orphan index and the alias untouched
            indices.delete(index=new, ignore_unavailable=True)
            raise
        if old:
            indices.delete(index=",".join(old), ignore_unavailable=True)
        # No write reaches the rebuilding alias any more: the tombstones can go.
        self.client.delete_by_query(
            index=new, query={"term": {TOMBSTONE: True}}, conflicts="proceed", refresh=True
        )
        self._alias_ready = True
        return count

    def _texts(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        docs = self.client.mget(index=self.alias, ids=ids, source_includes=["text"])["docs"]
        return {doc["_id"]: doc["_source"].get("text", "") for doc in docs if doc.get("found")}

    def search(self, request: SearchRequest) -> SearchResults:
        body = build_search_body(request, self.analyzer)
        try:
            response = self.client.search(index=self.alias, body=body)
        except NotFoundError:  # nothing indexed yet
            return SearchResults([], 0, {field: [] for field in FACET_FIELDS})
        raw_hits = response["hits"]["hits"]
        terms = request.query.terms
        bare = [raw["_id"] for raw in raw_hits if terms and not _es_highlights(raw)]
        texts = self._texts(bare)
        hits = [self._hit(raw, terms, texts.get(raw["_id"], "")) for raw in raw_hits]
        aggs = response.get("aggregations") or {}
        facets = {name: _buckets(aggs.get(name) or {}) for name in FACET_FIELDS}
        return SearchResults(hits, int(response["hits"]["total"]["value"]), facets)

    @staticmethod
    def _hit(raw: dict[str, Any], terms: list[str], text: str) -> Hit:
        source = raw["_source"]
        fields = {f: str(source.get(f) or "") for f in _HIT_TEXT_FIELDS}
        published = source.get("published_on")
        highlights = (
            _es_highlights(raw) or snippets(text, terms) or snippets(fields["title"], terms)
        )
        return Hit(
            key=raw["_id"],
            **fields,
            published_on=date.fromisoformat(published[:10]) if published else None,
            score=float(raw.get("_score") or 0.0),  # None when sorted by date without a query
            highlights=highlights,
        )
