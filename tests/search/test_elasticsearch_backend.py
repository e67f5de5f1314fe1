"""The Elasticsearch backend.

Unit tests (no server): the mapping and request bodies it builds, and how it drives the
client (alias switch, writes through the alias, reading responses) against a recording
fake. Integration tests run against a real server only when ``ELASTICSEARCH_URL`` is set.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from elastic_transport import ApiResponseMeta, HttpHeaders
from elasticsearch import NotFoundError

from search.backends import elasticsearch as es_backend
from search.backends.base import FACET_FIELDS, EntryData, SearchRequest, Visibility
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    build_mapping,
    build_search_body,
    compile_query,
)
from search.query import Not, QueryError, Term, parse
from search.selectors import visibility_for

PUBLIC = ("decision", "normative")
ANONYMOUS = Visibility(False, (), PUBLIC)
EVERYTHING = Visibility(True, (), PUBLIC)


def body_for(raw: str, visibility: Visibility = EVERYTHING, analyzer: str = "cjk", **kw) -> dict:
    return build_search_body(SearchRequest(parse(raw), visibility, **kw), analyzer)


def find(node: Any, key: str) -> list:
    """Every value stored under ``key`` anywhere in a nested body."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                found.append(v)
            found.extend(find(v, key))
    elif isinstance(node, list):
        for item in node:
            found.extend(find(item, key))
    return found


def phrases(node: Any) -> set[tuple[str, str]]:
    """(field, text) of every match_phrase below ``node``."""
    return {
        (field, spec["query"])
        for clause in find(node, "match_phrase")
        for field, spec in clause.items()
    }


def not_found() -> NotFoundError:
    meta = ApiResponseMeta(404, "1.1", HttpHeaders(), 0.0, None)
    return NotFoundError("index_not_found_exception", meta=meta, body={})


# ---------------------------------------------------------------- mapping


def test_mapping_uses_the_cjk_analyzer_by_default():
    properties = build_mapping()["properties"]
    for field in ("title", "text"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "cjk"
        assert "cjk" not in properties[field].get("fields", {})  # no redundant subfield
    assert properties["title"]["fields"]["keyword"]["type"] == "keyword"


def test_mapping_field_types_and_original_text_kept():
    mapping = build_mapping()
    properties = mapping["properties"]
    for field in ("kind", "status", "issuer", "doc_number", "key"):
        assert properties[field]["type"] == "keyword"
    assert properties["department_id"]["type"] == properties["year"]["type"] == "integer"
    assert properties["published_on"]["type"] == "date"
    assert properties["live"]["type"] == "boolean"
    assert properties["url"] == {"type": "keyword", "index": False, "doc_values": False}
    assert properties["doc_number"]["fields"]["text"]["analyzer"] == "cjk"
    assert mapping["_source"] == {"enabled": True}  # highlights come from the original text
    assert mapping["dynamic"] == "strict"


@pytest.mark.parametrize("analyzer", ["smartcn", "ik_max_word"])
def test_mapping_word_analyzer_by_setting_keeps_a_cjk_subfield(settings, analyzer):
    settings.ELASTICSEARCH_ANALYZER = analyzer
    backend = ElasticsearchBackend("http://unused:9200", index="fazhi-unit", client=FakeClient())
    assert backend.analyzer == analyzer
    properties = build_mapping(backend.analyzer)["properties"]
    for field in ("title", "text"):
        assert properties[field]["analyzer"] == analyzer
        assert properties[field]["fields"]["cjk"]["analyzer"] == "cjk"
    fields = {field for field, _ in phrases(body_for("合同", analyzer=analyzer))}
    assert {"title", "text", "title.cjk", "text.cjk"} <= fields


def test_backend_defaults_come_from_settings(settings):
    settings.ELASTICSEARCH_INDEX = "fazhi-from-settings"
    settings.ELASTICSEARCH_ANALYZER = "cjk"
    backend = ElasticsearchBackend("http://unused:9200", client=FakeClient())
    assert (backend.alias, backend.analyzer) == ("fazhi-from-settings", "cjk")


# ---------------------------------------------------------------- queries


def test_and_not_and_field_filter():
    body = body_for("低保 NOT 特困 有效性:现行有效")
    query = body["query"]["bool"]
    (compiled,) = query["must"]
    assert ("title", "低保") in phrases(compiled["bool"]["must"])
    assert ("text", "低保") in phrases(compiled["bool"]["must"])
    assert phrases(compiled["bool"]["must_not"]) >= {("title", "特困"), ("text", "特困")}
    assert ("text", "特困") not in phrases(compiled["bool"]["must"])
    assert {"terms": {"status": ["现行有效"]}} in query["filter"]
    title = find(compiled, "title")
    assert {"query": "低保", "boost": 3.0} in title


def test_term_is_title_or_text_with_minimum_should_match():
    (compiled,) = body_for("合同")["query"]["bool"]["must"]
    assert compiled["bool"]["minimum_should_match"] == 1
    fields = {next(iter(c["match_phrase"])) for c in compiled["bool"]["should"]}
    assert {"title", "text"} <= fields


def test_or_becomes_should_with_minimum_should_match():
    (compiled,) = body_for("低保 OR 临时救助")["query"]["bool"]["must"]
    assert compiled["bool"]["minimum_should_match"] == 1
    first, second = compiled["bool"]["should"]
    assert ("text", "低保") in phrases(first)
    assert ("text", "临时救助") in phrases(second)


def test_each_run_of_a_term_is_its_own_phrase_like_the_embedded_backend():
    (compiled,) = body_for('"社会救助 暂行办法" 低保2024')["query"]["bool"]["must"]
    texts = {text for _, text in phrases(compiled)}
    assert texts == {"社会救助", "暂行办法", "低保", "2024"}


def test_lone_not_is_refused_like_the_embedded_backend():
    with pytest.raises(QueryError):
        compile_query(Not(Term("特困")))


def test_field_filters_are_typed_and_in_bool_filter():
    body = body_for("合同 类型:合同 年份:2023 科室:7 发文机关:县民政局 文号:县民发〔2023〕5号")
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"kind": ["contract"]}} in filters
    assert {"terms": {"year": [2023]}} in filters
    assert {"terms": {"department_id": [7]}} in filters
    assert {"terms": {"issuer": ["县民政局"]}} in filters
    assert {"terms": {"doc_number": ["县民发〔2023〕5号"]}} in filters
    with pytest.raises(QueryError, match="须为数字"):
        body_for("合同 年份:去年")


def test_filters_only_query_matches_all_and_sorts_by_date():
    body = body_for("有效性:现行有效")
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert next(iter(body["sort"][0])) == "published_on"
    assert "highlight" not in body


# ---------------------------------------------------------------- permissions


def visibility_clause(body: dict) -> dict:
    (clause,) = [
        f for f in body["query"]["bool"]["filter"] if "bool" in f and "should" in f["bool"]
    ]
    return clause["bool"]


def test_anonymous_sees_only_live_public_kinds_inside_the_query():
    body = body_for("低保", visibility_for(None))
    clause = visibility_clause(body)
    assert clause["minimum_should_match"] == 1
    (public,) = clause["should"]
    assert public == {
        "bool": {"filter": [{"term": {"live": True}}, {"terms": {"kind": list(PUBLIC)}}]}
    }
    assert "post_filter" not in body
    assert "department_id" not in str(body["query"])


def test_drafter_also_sees_their_departments_items():
    clause = visibility_clause(body_for("低保", Visibility(False, (3, 8), PUBLIC)))
    assert clause["minimum_should_match"] == 1
    assert {"terms": {"department_id": [3, 8]}} in clause["should"]
    assert any("live" in str(option) for option in clause["should"])


NOT_A_TOMBSTONE = {"bool": {"must_not": [{"term": {"deleted": True}}]}}


def test_bureau_wide_roles_have_no_permission_clause_and_nobody_sees_nothing():
    assert body_for("低保", EVERYTHING)["query"]["bool"]["filter"] == [NOT_A_TOMBSTONE]
    body = body_for("低保", Visibility(False, (), ()))
    assert {"match_none": {}} in body["query"]["bool"]["filter"]


# ---------------------------------------------------------------- highlight, facets, pages


def test_highlight_uses_mark_tags_and_only_positive_terms():
    highlight = body_for("低保 NOT 特困")["highlight"]
    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert highlight["fragment_size"] == 60
    assert highlight["number_of_fragments"] == 3
    assert {"text", "title"} <= set(highlight["fields"])
    texts = {text for _, text in phrases(highlight["highlight_query"])}
    assert texts == {"低保"}
    assert body_for("低保")["_source"] == {"excludes": ["text"]}


def test_aggregations_for_the_five_facets():
    aggs = body_for("合同")["aggs"]
    assert list(aggs) == list(FACET_FIELDS)
    assert {name: agg["terms"]["field"] for name, agg in aggs.items()} == {
        "kind": "kind",
        "status": "status",
        "year": "year",
        "issuer": "issuer",
        "department": "department_id",
    }
    assert {agg["terms"]["size"] for agg in aggs.values()} == {20}


def test_order_by_date_or_relevance():
    by_date = body_for("合同", order="date")
    assert by_date["sort"][0] == {"published_on": {"order": "desc", "missing": "_last"}}
    assert by_date["track_scores"] is True
    by_score = body_for("合同")
    assert by_score["sort"][0] == "_score"
    assert by_score["track_total_hits"] is True


def test_pagination_and_the_result_window():
    body = body_for("合同", page=3, per_page=20)
    assert (body["from"], body["size"]) == (40, 20)
    far = body_for("合同", page=10_000, per_page=20)
    assert far["size"] == 0  # Elasticsearch would refuse; total and facets still come back


# ---------------------------------------------------------------- client driving (fake)


class FakeIndices:
    def __init__(self, aliases: dict[str, str] | None = None):
        self.aliases = dict(aliases or {})  # concrete index → alias
        self.calls: list[tuple[str, dict]] = []

    def _call(self, name: str, **kwargs: Any) -> dict:
        self.calls.append((name, kwargs))
        return {"acknowledged": True}

    def create(self, **kwargs: Any) -> dict:
        for alias in kwargs.get("aliases") or {}:
            self.aliases[kwargs["index"]] = alias
        return self._call("create", **kwargs)

    def exists(self, index: str) -> bool:
        return index in self.aliases or index in self.aliases.values()

    def exists_alias(self, name: str) -> bool:
        return name in self.aliases.values()

    def get_alias(self, name: str) -> dict:
        found = {index: {"aliases": {name: {}}} for index, a in self.aliases.items() if a == name}
        if not found:
            raise not_found()
        return found

    def put_settings(self, **kwargs: Any) -> dict:
        return self._call("put_settings", **kwargs)

    def refresh(self, **kwargs: Any) -> dict:
        return self._call("refresh", **kwargs)

    def update_aliases(self, **kwargs: Any) -> dict:
        return self._call("update_aliases", **kwargs)

    def delete(self, **kwargs: Any) -> dict:
        for name in kwargs["index"].split(","):  # as in Elasticsearch: its aliases go with it
            self.aliases.pop(name, None)
        return self._call("delete", **kwargs)


class FakeClient:
    def __init__(self, aliases: dict[str, str] | None = None, response: dict | None = None):
        self.indices = FakeIndices(aliases)
        self.response = response
        self.searches: list[dict] = []
        self.mgets: list[dict] = []
        self.texts: dict[str, str] = {}

    def search(self, **kwargs: Any) -> dict:
        self.searches.append(kwargs)
        if self.response is None:
            raise not_found()
        return self.response

    def delete_by_query(self, **kwargs: Any) -> dict:
        return self.indices._call("delete_by_query", **kwargs)

    def mget(self, **kwargs: Any) -> dict:
        self.mgets.append(kwargs)
        docs = [
            {"_id": i, "found": True, "_source": {"text": self.texts[i]}} for i in kwargs["ids"]
        ]
        return {"docs": docs}


@pytest.fixture
def bulk_calls(monkeypatch):
    calls: list[dict] = []

    def fake_bulk(client, actions, **kwargs):
        items = list(actions)  # the generator is consumed, as the real helper does
        calls.append({"actions": items, **kwargs})
        return len(items), []

    monkeypatch.setattr(es_backend, "bulk", fake_bulk)
    return calls


ENTRY = EntryData(
    key="normative:1",
    kind="normative",
    object_id="1",
    title="关于做好城乡低保对象认定工作的通知",
    text="为规范城乡低保对象认定工作，现通知如下。",
    doc_number="县民发〔2023〕5号",
    department_id=1,
    status="现行有效",
    year=2023,
    published_on=date(2023, 5, 1),
    live=True,
)


def test_rebuild_builds_new_index_switches_alias_atomically_and_drops_old(bulk_calls):
    client = FakeClient(aliases={"fazhi-unit-20240101000000000000": "fazhi-unit"})
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    draft = ENTRY._replace(key="contract:2", kind="contract", status="", live=False)
    assert backend.rebuild(iter([ENTRY, draft])) == 2
    names = [name for name, _ in client.indices.calls]
    assert names == [
        "create",
        "put_settings",
        "refresh",
        "update_aliases",
        "delete",
        "delete_by_query",
    ]
    create = client.indices.calls[0][1]
    new = create["index"]
    assert re.fullmatch(r"fazhi-unit-\d{20}", new)
    assert create["mappings"] == build_mapping("cjk")
    assert create["settings"] == {"index": {"refresh_interval": "-1"}}
    assert create["aliases"] == {"fazhi-unit-rebuilding": {}}  # where writes meanwhile go too
    (call,) = bulk_calls
    assert {a["_index"] for a in call["actions"]} == {new}
    assert {a["_op_type"] for a in call["actions"]} == {"create"}  # a newer write wins
    assert call["ignore_status"] == 409
    assert [a["_id"] for a in call["actions"]] == ["normative:1", "contract:2"]
    source = call["actions"][0]["_source"]
    assert source["published_on"] == "2023-05-01"
    assert call["actions"][1]["_source"]["status"] is None  # no "" facet bucket
    assert client.indices.calls[3][1]["actions"] == [
        {"remove": {"index": "fazhi-unit-20240101000000000000", "alias": "fazhi-unit"}},
        {"add": {"index": new, "alias": "fazhi-unit"}},
        {"remove": {"index": new, "alias": "fazhi-unit-rebuilding"}},
    ]
    assert client.indices.calls[4][1]["index"] == "fazhi-unit-20240101000000000000"
    sweep = client.indices.calls[5][1]  # after the switch: no tombstone can arrive any more
    assert sweep["index"] == new and sweep["query"] == {"term": {"deleted": True}}


def test_writes_during_a_rebuild_reach_the_new_index_too(bulk_calls):
    client = FakeClient(
        aliases={"fazhi-unit-old": "fazhi-unit", "fazhi-unit-new": "fazhi-unit-rebuilding"}
    )
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    backend.index([ENTRY])
    to_new, to_live = bulk_calls
    assert [(a["_op_type"], a["_index"]) for a in to_new["actions"]] == [
        ("index", "fazhi-unit-rebuilding")
    ]
    # after the switch the alias is gone: the write is dropped, no index of that name made
    assert to_new["require_alias"] is True and to_new["ignore_status"] == 404
    assert [(a["_op_type"], a["_index"]) for a in to_live["actions"]] == [("index", "fazhi-unit")]
    assert "require_alias" not in to_live


def test_a_delete_during_a_rebuild_leaves_a_tombstone_the_rebuild_gives_way_to(bulk_calls):
    client = FakeClient(
        aliases={"fazhi-unit-old": "fazhi-unit", "fazhi-unit-new": "fazhi-unit-rebuilding"}
    )
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    backend.delete([ENTRY.key])
    to_new, to_live = bulk_calls
    (tombstone,) = to_new["actions"]
    assert tombstone == {
        "_index": "fazhi-unit-rebuilding",
        "_id": ENTRY.key,
        "_source": {"key": ENTRY.key, "deleted": True},
    }
    assert to_new["require_alias"] is True
    assert to_live["actions"] == [{"_op_type": "delete", "_index": "fazhi-unit", "_id": ENTRY.key}]
    # the mapping takes the tombstone (it is strict) and searches never match one
    assert build_mapping("cjk")["properties"]["deleted"] == {"type": "boolean"}
    assert NOT_A_TOMBSTONE in body_for("低保", EVERYTHING)["query"]["bool"]["filter"]


def test_a_second_rebuild_while_one_runs_is_refused_in_chinese(bulk_calls):
    client = FakeClient(
        aliases={"fazhi-unit-old": "fazhi-unit", "fazhi-unit-new": "fazhi-unit-rebuilding"}
    )
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    with pytest.raises(
        es_backend.RebuildInProgress, match=r"另一次索引重建正在进行.*fazhi-unit-new"
    ):
        backend.rebuild([ENTRY])
    assert client.indices.calls == [] and bulk_calls == []


def test_failed_rebuild_removes_its_index_and_leaves_the_alias(monkeypatch):
    def broken_bulk(client, actions, **kwargs):
        raise RuntimeError("bulk failed")

    monkeypatch.setattr(es_backend, "bulk", broken_bulk)
    client = FakeClient(aliases={"fazhi-unit-old": "fazhi-unit"})
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    with pytest.raises(RuntimeError):
        backend.rebuild([ENTRY])
    names = [name for name, _ in client.indices.calls]
    assert names == ["create", "delete"]
    assert client.indices.calls[1][1]["index"] == client.indices.calls[0][1]["index"]
    assert client.indices.aliases == {"fazhi-unit-old": "fazhi-unit"}


def test_index_creates_index_and_alias_on_first_use_then_writes_through_alias(bulk_calls):
    client = FakeClient()
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    backend.index([ENTRY])
    backend.index([ENTRY])
    creates = [kw for name, kw in client.indices.calls if name == "create"]
    assert len(creates) == 1
    assert creates[0]["aliases"] == {"fazhi-unit": {}}
    assert all(a["_index"] == "fazhi-unit" for call in bulk_calls for a in call["actions"])
    assert all(a["_op_type"] == "index" for call in bulk_calls for a in call["actions"])
    assert bulk_calls[0]["refresh"] == "wait_for"
    backend.delete(["normative:1"])
    assert bulk_calls[-1]["actions"] == [
        {"_op_type": "delete", "_index": "fazhi-unit", "_id": "normative:1"}
    ]
    assert bulk_calls[-1]["ignore_status"] == 404


def test_search_reads_hits_highlights_and_facets():
    response = {
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [
                {
                    "_id": "normative:1",
                    "_score": 3.5,
                    "_source": {"kind": "normative", "object_id": "1", "title": "通知"},
                    "highlight": {"text": ["城乡<mark>低保</mark>对象\n认定"]},
                },
                {
                    "_id": "normative:2",
                    "_score": 1.25,
                    "_source": {
                        "kind": "normative",
                        "object_id": "2",
                        "title": "办法",
                        "published_on": "2024-02-03",
                        "status": "现行有效",
                    },
                },
            ],
        },
        "aggregations": {
            "kind": {"buckets": [{"key": "normative", "doc_count": 2}]},
            "year": {"buckets": [{"key": 2024, "doc_count": 1}, {"key": 2023, "doc_count": 1}]},
            "department": {"buckets": [{"key": 7, "doc_count": 2}]},
            "issuer": {"buckets": [{"key": "", "doc_count": 1}]},
        },
    }
    client = FakeClient(response=response)
    client.texts["normative:2"] = "家庭优先纳入城乡低保。"
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=client)
    results = backend.search(SearchRequest(parse("低保"), ANONYMOUS))
    assert results.total == 2
    first, second = results.hits
    assert first.highlights == ["城乡<mark>低保</mark>对象 认定"]
    assert first.score == 3.5
    # no ES highlight: cut from the stored original text, fetched only for that hit
    assert client.mgets == [
        {"index": "fazhi-unit", "ids": ["normative:2"], "source_includes": ["text"]}
    ]
    assert "<mark>低保</mark>" in second.highlights[0]
    assert second.published_on == date(2024, 2, 3)
    assert second.status == "现行有效"
    assert results.facets["year"] == [("2024", 1), ("2023", 1)]
    assert results.facets["department"] == [("7", 2)]
    assert results.facets["issuer"] == []
    assert set(results.facets) == set(FACET_FIELDS)
    (sent,) = client.searches
    assert sent["index"] == "fazhi-unit"
    assert visibility_clause(sent["body"])  # the permission filter went with the query


def test_search_before_anything_is_indexed_is_empty():
    backend = ElasticsearchBackend(index="fazhi-unit", analyzer="cjk", client=FakeClient())
    results = backend.search(SearchRequest(parse("合同"), ANONYMOUS))
    assert (results.hits, results.total) == ([], 0)
    assert set(results.facets) == set(FACET_FIELDS)


# ---------------------------------------------------------------- integration (live server)

needs_server = pytest.mark.skipif(
    not getattr(settings, "ELASTICSEARCH_URL", ""),
    reason="未设置 ELASTICSEARCH_URL：Elasticsearch 集成测试需要一个可用的 Elasticsearch 服务",
)

DOCS = [
    ENTRY._replace(
        issuer="县民政局",
        text="各乡镇人民政府：为规范城乡低保对象认定工作，现就有关事项通知如下。"
        "特困人员救助供养按有关规定执行。",
    ),
    EntryData(
        key="normative:2",
        kind="normative",
        object_id="2",
        title="临时救助实施办法",
        text="对遭遇突发事件、意外伤害的家庭给予临时救助，城乡低保家庭优先。",
        issuer="县民政局",
        department_id=2,
        status="现行有效",
        year=2024,
        published_on=date(2024, 3, 1),
        live=True,
    ),
    EntryData(
        key="contract:1",
        kind="contract",
        object_id="1",
        title="物业服务委托书",
        text="甲方委托乙方提供物业服务，双方经协商一致，订立本劳动合同书以资信守。",
        department_id=1,
        status="履行中",
        year=2024,
    ),
    EntryData(
        key="contract:2",
        kind="contract",
        object_id="2",
        title="办公设备采购",
        text="乙方按照本合同约定的时间交付办公设备。",
        department_id=2,
        status="履行中",
        year=2024,
    ),
    EntryData(
        key="normative:3",
        kind="normative",
        object_id="3",
        title="关于调整保障标准的通知（征求意见稿）",
        text="拟将城乡低保标准提高到每人每月八百元。",
        department_id=2,
        year=2025,
    ),
]


@pytest.fixture
def live_backend():
    alias = f"{settings.ELASTICSEARCH_INDEX}-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchBackend(settings.ELASTICSEARCH_URL, index=alias)
    yield backend
    indices = backend.client.indices
    names = list(indices.get(index=f"{alias}-*", allow_no_indices=True, ignore_unavailable=True))
    for name in names:  # explicit names: wildcard deletes are refused by default
        indices.delete(index=name, ignore_unavailable=True)


def keys(backend: ElasticsearchBackend, raw: str, visibility: Visibility = EVERYTHING) -> set:
    return {hit.key for hit in backend.search(SearchRequest(parse(raw), visibility)).hits}


def concrete(backend: ElasticsearchBackend) -> list[str]:
    pattern = f"{backend.alias}-*"
    return sorted(backend.client.indices.get(index=pattern, allow_no_indices=True))


@needs_server
def test_live_two_character_words_match_inside_sentences(live_backend):
    assert live_backend.rebuild(iter(DOCS)) == len(DOCS)
    assert keys(live_backend, "合同") == {"contract:1", "contract:2"}  # inside 劳动合同书
    assert keys(live_backend, "低保") == {"normative:1", "normative:2", "normative:3"}
    assert keys(live_backend, "低保 NOT 特困") == {"normative:2", "normative:3"}
    assert keys(live_backend, "特困 OR 临时救助") == {"normative:1", "normative:2"}
    assert keys(live_backend, '"救助供养"') == {"normative:1"}
    assert keys(live_backend, "低保 有效性:现行有效 年份:2024") == {"normative:2"}


@needs_server
def test_live_highlights_and_facets(live_backend):
    live_backend.rebuild(DOCS)
    results = live_backend.search(SearchRequest(parse("低保"), EVERYTHING))
    assert results.total == 3
    for hit in results.hits:
        assert any("<mark>低保</mark>" in snippet for snippet in hit.highlights), hit
    assert dict(results.facets["kind"]) == {"normative": 3}
    assert dict(results.facets["year"]) == {"2023": 1, "2024": 1, "2025": 1}
    assert dict(results.facets["department"]) == {"1": 1, "2": 2}
    assert dict(results.facets["issuer"]) == {"县民政局": 2}


@needs_server
def test_live_permission_filter_hides_other_departments_drafts(live_backend):
    live_backend.rebuild(DOCS)
    drafter_1 = Visibility(False, (1,), PUBLIC)
    assert keys(live_backend, "合同", drafter_1) == {"contract:1"}
    assert keys(live_backend, "低保", drafter_1) == {"normative:1", "normative:2"}
    assert keys(live_backend, "合同", ANONYMOUS) == set()
    results = live_backend.search(SearchRequest(parse("低保"), ANONYMOUS))
    assert results.total == 2  # the draft is not even counted
    assert dict(results.facets["department"]) == {"1": 1, "2": 1}


@needs_server
def test_live_alias_switch_keeps_search_working_and_leaves_one_index(live_backend):
    live_backend.rebuild(DOCS)
    (first,) = concrete(live_backend)
    seen_during_rebuild = []

    def entries():
        for number, entry in enumerate(DOCS):
            if number == 2:  # halfway through the new index: the old one still answers
                seen_during_rebuild.append(keys(live_backend, "合同"))
            yield entry

    assert live_backend.rebuild(entries()) == len(DOCS)
    assert seen_during_rebuild == [{"contract:1", "contract:2"}]
    (second,) = concrete(live_backend)
    assert second != first
    assert list(live_backend.client.indices.get_alias(name=live_backend.alias)) == [second]
    assert keys(live_backend, "合同") == {"contract:1", "contract:2"}
    assert not live_backend.client.indices.exists_alias(name=live_backend.rebuilding_alias)


@needs_server
def test_live_writes_made_during_a_rebuild_survive_the_switch(live_backend):
    live_backend.rebuild(DOCS)
    edited = DOCS[0]._replace(text="本通知自印发之日起施行，殡葬改革事项另行通知。")
    added = DOCS[0]._replace(key="normative:99", object_id="99", text="新增殡葬服务规范。")

    def entries():
        for number, entry in enumerate(DOCS):
            if number == 2:  # an editor saves while the rebuild is half done
                live_backend.index([edited, added])
            yield entry

    live_backend.rebuild(entries())
    assert keys(live_backend, "殡葬") == {"normative:1", "normative:99"}


@needs_server
def test_live_an_item_deleted_during_a_rebuild_does_not_come_back(live_backend):
    live_backend.rebuild(DOCS)
    gone = DOCS[0]

    def entries():
        for number, entry in enumerate(DOCS):
            if number == 2:  # read before the delete, still waiting in the bulk chunk
                live_backend.delete([gone.key])
            yield entry

    live_backend.rebuild(entries())
    assert gone.key not in keys(live_backend, "低保")
    assert keys(live_backend, "低保") == {"normative:2", "normative:3"}
    client, alias = live_backend.client, live_backend.alias
    assert client.count(index=alias)["count"] == len(DOCS) - 1  # the tombstone swept out
    assert not client.indices.exists(index=live_backend.rebuilding_alias)


@needs_server
def test_live_index_and_delete_write_through_the_alias(live_backend):
    entry = DOCS[2]
    live_backend.index([entry])  # first use: creates the index and the alias
    assert keys(live_backend, "合同") == {"contract:1"}
    assert len(concrete(live_backend)) == 1
    live_backend.index([entry._replace(text="本协议一式两份。")])
    assert keys(live_backend, "合同") == set()
    live_backend.delete([entry.key, "missing:1"])
    assert keys(live_backend, "协议") == set()
