"""documents/?q=: Chinese full text with highlights, filters, ordering, and hostile input."""

import pytest
from django.db import connection

from cms.models import NormativeDocumentPage
from tests.portal.api.conftest import ABOLISHED, DIBAO, LABOUR, PUBLICITY

pytestmark = pytest.mark.django_db
URL = "/api/v2/documents/"


def titles(response) -> set[str]:
    return {item["title"].split("（咨询")[0] for item in response.data["items"]}


def test_a_two_character_word_is_found_inside_sentences_with_highlights(portal, get):
    response = get(URL, q="低保")
    assert response.status_code == 200
    assert titles(response) == {DIBAO, ABOLISHED, PUBLICITY}
    assert response.data["total"] == 3
    assert response.data["ordering"] == "relevance"
    dibao = next(i for i in response.data["items"] if i["title"] == DIBAO)
    assert dibao["highlights"] == [
        "对城乡<mark>低保</mark>对象实行分类施保，特困人员按规定另行救助。"
    ]
    assert isinstance(dibao["score"], float)


def test_search_combines_with_the_filters_the_search_applies(portal, get):
    assert titles(get(URL, q="低保", status="已废止")) == {ABOLISHED}
    assert titles(get(URL, q="低保", year=2024)) == {DIBAO, PUBLICITY}
    assert titles(get(URL, q="劳动合同", doc_number="红民发[2023]3号")) == {LABOUR}
    assert titles(get(URL, q="低保", issuer="别的机关")) == set()


def test_search_combines_with_category_and_dates_and_oldest_first(portal, get):
    response = get(URL, q="低保", category="社会救助", published_after="2024-01-01")
    assert titles(response) == {DIBAO, PUBLICITY} and response.data["total"] == 2
    oldest = get(URL, q="低保", ordering="published_on")
    assert oldest.data["items"][0]["title"] == ABOLISHED
    newest = get(URL, q="低保", ordering="-published_on")
    assert newest.data["items"][0]["title"].startswith(PUBLICITY)


def test_search_pages_with_offset_and_total(portal, get):
    pages = [get(URL, q="低保", limit=2, page=n) for n in (1, 2)]
    assert [len(p.data["items"]) for p in pages] == [2, 1]
    assert all(p.data["total"] == 3 for p in pages)
    assert len(titles(pages[0]) | titles(pages[1])) == 3
    odd = get(URL, q="低保", limit=2, offset=1)
    assert len(odd.data["items"]) == 2


INJECTIONS = [
    "'; DROP TABLE wagtailcore_page; --",
    "低保' OR '1'='1",
    '低保" OR 1=1 --',
    "<script>alert('低保')</script>",
    "低保 AND (救助 OR",
    "NEAR(低保 救助)",
    "低保*",
    "低保 -",
    "１＝１",
]


def test_injection_in_q_gets_a_sensible_answer_never_a_500(portal, get):
    for q in INJECTIONS:
        for extra in ({}, {"category": "社会救助"}):
            response = get(URL, q=q, **extra)
            assert response.status_code in {200, 400}, (q, response.content)
            assert "<script>" not in response.content.decode()
    assert NormativeDocumentPage.objects.count() >= 5  # nothing dropped
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        assert cursor.fetchone()[0] > 5


def test_script_in_q_comes_back_escaped_in_highlights(portal, get):
    response = get(URL, q="<script>低保</script>")
    assert response.status_code == 200
    for item in response.data["items"]:
        assert all("<script" not in h for h in item["highlights"])


@pytest.mark.parametrize(
    ("q", "words"),
    [("   ", "检索词"), ('"', "检索"), ("NOT 低保", "排除"), ("OR", "运算符"), ("低" * 201, "q")],
)
def test_unsearchable_q_is_a_400_with_the_search_message(db, get, q, words):
    response = get(URL, q=q)
    assert response.status_code == 400
    assert response.data["parameter"] == "q"
    assert words in response.data["detail"]


def test_with_no_pending_revision_only_the_requested_window_is_searched(portal, get, monkeypatch):
    from tests import factories

    factories.issue_as_legacy(portal["pending"])  # its revision goes live: nothing pending now
    from search import indexing
    from search.backends import get_backend

    get_backend().rebuild(indexing.all_entries())
    calls = []
    from portal.api import fulltext
    from search.selectors import search_items

    spy = lambda **kw: calls.append(kw) or search_items(**kw)  # noqa: E731
    monkeypatch.setattr(fulltext, "search_items", spy)
    pages = [get(URL, q="低保", limit=2, page=n) for n in (1, 2)]
    assert [p.data["total"] for p in pages] == [4, 4]
    assert [len(p.data["items"]) for p in pages] == [2, 2]
    assert len(calls) == 2 and {c["per_page"] for c in calls} == {2}
    calls.clear()
    shifted = get(URL, q="低保", limit=2, offset=1)
    assert len(calls) == 2  # offset 1 of 2 spans the search's pages 1 and 2
    everything = [i["id"] for p in pages for i in p.data["items"]]
    assert [i["id"] for i in shifted.data["items"]] == everything[1:3]
