"""Audit finding 10 (search part): raw search syntax never reaches SQLite FTS5 or
PostgreSQL unescaped, on any path that searches.

Each string below — FTS5 and tsquery operators, unbalanced quotes and parentheses, NUL,
very long input — is sent to every public search (our API's ``q``, the portal's ``q``,
Wagtail's stock ``pages/``, ``files/`` and ``images/`` ``search=``) and to the admin's
search boxes and choosers. The answer is results, an empty list or a Chinese 400, never
a 500."""

import re
from datetime import date

import pytest
from django.core.cache import cache

from cms.models import DocumentAttachment
from search import indexing
from search.backends import facets, get_backend
from tests import factories

pytestmark = pytest.mark.django_db

RAW = [
    '"',
    '""',
    '"""',
    '"低保',
    "'",
    "'低保",
    "*",
    "低保*",
    "*低保",
    "NEAR(",
    "NEAR(低保 救助)",
    "NEAR(低保 救助, 2)",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "低保 AND",
    "NOT 低保",
    "-",
    "--",
    "-低保",
    "低保 -",
    ":",
    "title:",
    "title:低保",
    'body:"低保"',
    "{title body}: 低保",
    "^",
    "^低保",
    "(",
    ")",
    "((低保",
    "低保))",
    ")(",
    "\x00",
    "低保\x00救助",
    "\\",
    "&",
    "|",
    "!",
    "<->",
    "低保 <-> 救助",
    "低保' OR '1'='1",
    "%",
    "_",
    "+低保",
    "~低保",
    "\u200b",
    "a" * 300,
    "低保" * 3000,
    "低保 " * 500,
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch, settings):
    """No rate limit while the same client sends every string; no stale facet table."""
    cache.clear()
    monkeypatch.setattr(facets, "_cache", {})
    yield
    cache.clear()


@pytest.fixture
def bureau(site_tree, groups, jiuzhu, shiwu):
    page = factories.make_document(
        jiuzhu,
        live=True,
        title="城乡最低生活保障实施细则",
        body="<p>对城乡低保对象实行分类施保，临时救助与低保相衔接。</p>",
        published_on=date(2024, 5, 10),
    )
    DocumentAttachment.objects.create(
        page=page, file=factories.make_attachment("低保申请表"), label="附件1"
    )
    factories.make_document(jiuzhu, title="低保救助草稿", body="<p>低保救助草稿正文。</p>")
    factories.ContractFactory(department=jiuzhu, title="低保家庭服务合同", text="低保服务。")
    get_backend().rebuild(indexing.all_entries())
    return page


def answers(client, path: str, param: str, **extra) -> list[str]:
    """Every raw string's problem on ``path`` (a 500, or a 400 without a Chinese message)."""
    problems = []
    for raw in RAW:
        cache.clear()  # the API's rate limit counts every request of this loop
        response = client.get(path, {param: raw, **extra})
        if response.status_code >= 500:
            problems.append(f"{raw[:20]!r}: {response.status_code}")
        elif response.status_code == 400:
            body = response.content.decode()
            if not CJK.search(body):
                problems.append(f"{raw[:20]!r}: 400 without a Chinese message: {body[:80]}")
        elif response.status_code != 200:
            problems.append(f"{raw[:20]!r}: {response.status_code}")
    return problems


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v2/documents/", "q"),
        ("/api/v2/pages/", "search"),
        ("/api/v2/files/", "search"),
        ("/api/v2/images/", "search"),
        ("/documents/", "q"),
    ],
)
def test_public_search_answers_raw_syntax_without_a_500(bureau, client, path, param):
    assert answers(client, path, param) == []


@pytest.mark.parametrize("operator", ["and", "or"])
def test_stock_search_operator_takes_raw_syntax_too(bureau, client, operator):
    extra = {"search_operator": operator}
    assert answers(client, "/api/v2/pages/", "search", **extra) == []


def test_an_unknown_search_operator_is_a_chinese_400(bureau, client):
    response = client.get("/api/v2/pages/", {"search": "低保", "search_operator": "xor"})
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]


def test_a_too_long_stock_search_is_a_chinese_400(bureau, client):
    response = client.get("/api/v2/files/", {"search": "低保" * 200})
    assert response.status_code == 400
    assert "检索词过长" in response.json()["message"]


def test_stock_search_still_finds_words_after_the_cleaning(bureau, client):
    found = client.get("/api/v2/pages/", {"search": '"低保" (( * :'}).json()["items"]
    assert [item["id"] for item in found] == [bureau.pk]
    assert client.get("/api/v2/pages/", {"search": '"" * :'}).json()["items"] == []


DRAFTER_PATHS = [
    "/admin/fulltext/",
    "/admin/pages/search/",
    "/admin/choose-page/search/",
    "/admin/snippets/cms/contract/",
    "/admin/snippets/choose/cms/contract/results/",
]
OFFICE_PATHS = [
    *DRAFTER_PATHS,
    "/admin/documents/",
    "/admin/documents/chooser/results/",
    "/admin/images/chooser/results/",
    "/admin/snippets/cms/statute/",
]


@pytest.mark.parametrize("path", DRAFTER_PATHS)
def test_a_drafters_admin_search_boxes_answer_raw_syntax_without_a_500(
    bureau, login, jiuzhu_drafter, path
):
    assert answers(login(jiuzhu_drafter), path, "q") == []


@pytest.mark.parametrize("path", OFFICE_PATHS)
def test_the_offices_admin_search_boxes_answer_raw_syntax_without_a_500(
    bureau, login, office_user, path
):
    assert answers(login(office_user), path, "q") == []


def test_the_page_explorer_search_answers_raw_syntax_without_a_500(bureau, login, jiuzhu_drafter):
    folder = bureau.get_parent()
    assert answers(login(jiuzhu_drafter), f"/admin/pages/{folder.pk}/", "q") == []
