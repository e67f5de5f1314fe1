"""Exact matching of words and phrases of every length on the embedded index (SQLite FTS5
bigram phrases; PostgreSQL 2- to 4-character grams and chains of 4-grams): a hit only
where the characters stand together in that order, never where the same bigrams or
4-grams occur apart. Runs on whichever database the test settings use."""

import pytest

from search.backends import facets
from search.backends.base import EntryData, SearchRequest, Visibility
from search.backends.embedded import EmbeddedBackend
from search.query import parse

pytestmark = pytest.mark.django_db

TEXTS = {
    "court": "本案由人民法院依法审理。",
    "court_apart": "人民群众学习民法典，法院依法审判。",  # 人民 民法 法院, never 人民法院
    "committee": "人民调解委员会负责调解民间纠纷。",
    "committee_apart": "各委员出席了动员会。",  # 委员 员会, never 委员会
    "committee_chain_apart": "人民调解工作由调解委员会负责。",  # 人民调解, 解委员会 apart
    "liability": "构成犯罪的，依法追究刑事责任。",
    "liability_apart": "依法追究其行政责任和刑事责任。",  # both 4-grams, not adjacent
    "liability_reversed": "刑事责任依法追究。",
    "dibao": "城乡最低生活保障对象按月领取保障金。",
    "dibao_apart": "最低生活标准与生活保障制度相衔接。",  # 最低生活 and 生活保障 apart
    "long": "本办法自公布之日起施行，有效期五年。",
}


@pytest.fixture(autouse=True)
def fresh_facet_cache(monkeypatch):
    monkeypatch.setattr(facets, "_cache", {})


@pytest.fixture
def backend():
    backend = EmbeddedBackend()
    backend.rebuild(
        EntryData(key=f"t:{name}", kind="normative", object_id=name, title=f"文件{i}", text=text)
        for i, (name, text) in enumerate(TEXTS.items())
    )
    return backend


def found(backend, query: str) -> set[str]:
    request = SearchRequest(parse(query), Visibility(True, (), ()), per_page=50)
    results = backend.search(request)
    names = {hit.object_id for hit in results.hits}
    assert results.total == len(names)
    return names


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("民法典", {"court_apart"}),
        ("民法院", {"court"}),
        ("委员会", {"committee", "committee_chain_apart"}),
        ("动员会", {"committee_apart"}),
        ("人民法院", {"court"}),
        ("调解委员", {"committee", "committee_chain_apart"}),
        ("依法追究", {"liability", "liability_apart", "liability_reversed"}),
    ],
)
def test_three_and_four_character_words_match_only_where_they_stand(backend, query, expected):
    assert found(backend, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("最低生活保障", {"dibao"}),
        ('"最低生活保障"', {"dibao"}),
        ("人民调解委员会", {"committee"}),
        ("依法追究刑事责任", {"liability"}),
        ('"犯罪的，依法追究刑事责任"', {"liability"}),
        ("本办法自公布之日起施行", {"long"}),
        ("追究刑事责任 依法", {"liability"}),
    ],
)
def test_five_and_more_characters_match_only_the_adjacent_phrase(backend, query, expected):
    assert found(backend, query) == expected


def test_a_longer_phrase_with_the_same_grams_apart_matches_nothing(backend):
    assert found(backend, "人民法院依法审判") == set()
    assert found(backend, "调解委员会负责调解") == {"committee"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("刑事责任 -依法追究刑事责任", {"liability_apart", "liability_reversed"}),
        ("最低生活保障 OR 人民调解委员会", {"dibao", "committee"}),
        ("(依法追究刑事责任 OR 民法典) 犯罪", {"liability"}),
        ("保障 NOT 最低生活保障", {"dibao_apart"}),
    ],
)
def test_long_phrases_under_or_and_not_stay_exact(backend, query, expected):
    assert found(backend, query) == expected


def test_long_phrases_are_found_in_titles_and_follow_updates_and_deletes(backend):
    entry = EntryData(
        key="t:notice",
        kind="normative",
        object_id="notice",
        title="关于提高城乡居民最低生活保障标准的通知",
        text="自下月起执行。",
    )
    backend.index([entry])
    assert found(backend, "居民最低生活保障") == {"notice"}
    backend.index([entry._replace(title="通知", text="提高城乡居民临时救助标准。")])
    assert found(backend, "居民最低生活保障") == set()
    assert found(backend, "城乡居民临时救助") == {"notice"}
    backend.delete(["t:notice"])
    assert found(backend, "城乡居民临时救助") == set()


def test_a_phrase_longer_than_a_chunk_is_found_across_its_whole_run(backend):
    """A run is never split between chunks, however long, so a phrase inside it is found."""
    run = "甲乙丙丁戊己庚辛壬癸" * 30  # one Chinese run of 300 characters
    backend.index(
        [EntryData(key="t:run", kind="normative", object_id="run", title="长句", text=run)]
    )
    assert found(backend, "癸甲乙丙丁戊") == {"run"}
    assert found(backend, "癸乙丙丁戊") == set()
