"""Audit finding 4: search never confirms a pending draft's words to anyone who may not
see the draft.

A live document of 救助站 (jiuzhu) has a pending revision (new title, a new clause, a new
attachment, one live phrase removed). On every public path — our API's ``q``, the
portal's ``q``, Wagtail's stock ``pages/`` and ``files/`` ``search=`` — no AND, NOT,
phrase, OR or filter trick tells the draft's words apart from words that are nowhere;
the live text, including the phrase the draft removes, is what is searched. In the
admin, 事务站's drafter finds no draft passage of 救助站, while 救助站's own drafter and
the adviser do."""

import importlib
import json
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.db import connection
from wagtail.models import Page

from cms.models import Contract, DocumentAttachment, NormativeDocumentPage
from search import indexing
from search.backends import facets, get_backend
from search.models import SearchEntry
from tests import factories

pytestmark = pytest.mark.django_db

LIVE_TITLE = "城乡最低生活保障审核确认实施细则"
DRAFT_TITLE = "城乡最低生活保障审核确认实施细则（修订征求稿）"
LIVE_WORD = "分类施保"
REMOVED_WORD = "按月足额发放"  # in the live text; the draft deletes it
DRAFT_WORD = "补贴标准翻倍"  # only in the pending revision's body
LIVE_FILE = "低保申请审批表"
DRAFT_FILE = "翻倍测算明细表"  # attached only in the pending revision
DRAFT_FILE_WORD = "测算口径说明"  # only inside the draft's attachment
NOWHERE = "并不存在词语"
CONTRACT_TITLE = "低保家庭入户核查服务合同（草签稿）"  # 救助站's draft contract
OTHER_DRAFT = "殡葬服务管理办法（内部讨论稿）"  # a never-published draft of 救助站
OTHER_DRAFT_WORD = "殡仪车辆调度"

API = "/api/v2/documents/"
PORTAL = "/documents/"


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch):
    cache.clear()
    monkeypatch.setattr(facets, "_cache", {})
    yield
    cache.clear()


@pytest.fixture
def get(client):
    """GET a path anonymously; ``.data`` is the parsed JSON (or {})."""

    def _get(path, **params):
        response = client.get(path, params)
        is_json = response.get("Content-Type", "").startswith("application/json")
        response.data = response.json() if is_json else {}
        return response

    return _get


@pytest.fixture
def pending(site_tree, groups, jiuzhu, shiwu, jiuzhu_drafter):
    page = factories.make_document(
        jiuzhu,
        live=True,
        title=LIVE_TITLE,
        body=f"<p>对城乡低保对象实行{LIVE_WORD}，低保金{REMOVED_WORD}。</p>",
        doc_number="红民规〔2024〕2号",
        topic="社会救助",
        written_on=date(2024, 5, 1),
        published_on=date(2024, 5, 10),
    )
    live_file = factories.make_attachment(LIVE_FILE)
    DocumentAttachment.objects.create(page=page, file=live_file, label="附件1")
    page = NormativeDocumentPage.objects.get(pk=page.pk)
    draft_file = factories.make_attachment(
        DRAFT_FILE, factories.chinese_pdf_bytes(f"附件：{DRAFT_FILE_WORD}"), name="draft.pdf"
    )
    page.title = DRAFT_TITLE
    page.body = f"<p>对城乡低保对象实行{LIVE_WORD}，{DRAFT_WORD}。</p>"
    page.attachments.add(DocumentAttachment(file=draft_file, label="附件2"))
    page.save_revision(user=jiuzhu_drafter)
    factories.make_document(
        jiuzhu, title=OTHER_DRAFT, body=f"<p>{OTHER_DRAFT_WORD}由站内统一安排。</p>"
    )
    factories.ContractFactory(department=jiuzhu, title=CONTRACT_TITLE, text="入户核查。")
    get_backend().rebuild(indexing.all_entries())
    return page


def api_ids(get, q, **params) -> set[int]:
    response = get(API, q=q, **params)
    assert response.status_code in {200, 400}, response.status_code
    return {item["id"] for item in response.data.get("items", [])}


def portal_ids(client, q, **params) -> set[int]:
    response = client.get(PORTAL, {"q": q, **params})
    assert response.status_code == 200
    return {row.document.pk for row in response.context["rows"]}


# (query, whether the live document must be found): a draft word behaves like NOWHERE.
TRICKS = [
    (LIVE_WORD, True),
    (REMOVED_WORD, True),
    (DRAFT_WORD, False),
    (f"{LIVE_WORD} {DRAFT_WORD}", False),
    (f"{LIVE_WORD} AND {DRAFT_WORD}", False),
    (f'"{DRAFT_WORD}"', False),
    (f"{DRAFT_WORD} OR {NOWHERE}", False),
    (f"{LIVE_WORD} -{DRAFT_WORD}", True),
    (f"{LIVE_WORD} NOT {DRAFT_WORD}", True),
    (f"{LIVE_WORD} NOT ({DRAFT_WORD} OR {NOWHERE})", True),
    (f"{LIVE_WORD} -{REMOVED_WORD}", False),
    (f"{DRAFT_WORD} 有效性:现行有效", False),
    (f"{DRAFT_WORD} 年份:2024", False),
    ("修订征求稿", False),
    (DRAFT_TITLE, False),
    (DRAFT_FILE_WORD, False),
    (f"{LIVE_WORD} {DRAFT_FILE_WORD}", False),
    (f"{LIVE_WORD} -{DRAFT_FILE_WORD}", True),
    (OTHER_DRAFT_WORD, False),
]


@pytest.mark.parametrize(("q", "found"), TRICKS)
def test_api_q_matches_live_text_only_whatever_the_trick(pending, get, q, found):
    assert (pending.pk in api_ids(get, q)) is found


@pytest.mark.parametrize(
    "params", [{"status": "现行有效"}, {"year": "2024"}, {"category": "社会救助"}]
)
def test_api_filters_do_not_reveal_a_draft_word(pending, get, params):
    assert api_ids(get, DRAFT_WORD, **params) == set()
    assert api_ids(get, f"{LIVE_WORD} -{DRAFT_WORD}", **params) == {pending.pk}
    response = get(API, q=LIVE_WORD, **params)
    assert DRAFT_WORD not in response.content.decode()


@pytest.mark.parametrize(("q", "found"), TRICKS)
def test_portal_q_matches_live_text_only_whatever_the_trick(pending, client, q, found):
    assert (pending.pk in portal_ids(client, q)) is found


def test_portal_highlights_come_from_the_live_text(pending, client):
    response = client.get(PORTAL, {"q": f"{LIVE_WORD} OR {DRAFT_WORD}"})
    shown = " ".join(str(h) for row in response.context["rows"] for h in row.highlights)
    assert f"<mark>{LIVE_WORD}</mark>" in shown
    assert DRAFT_WORD not in shown
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize(
    ("search", "found"),
    [
        (LIVE_WORD, True),
        (REMOVED_WORD, True),
        (DRAFT_WORD, False),
        (f"{LIVE_WORD} {DRAFT_WORD}", False),
        (f'"{DRAFT_WORD}"', False),
        (f"-{DRAFT_WORD}", False),
        (DRAFT_TITLE, False),
        (OTHER_DRAFT_WORD, False),
    ],
)
def test_stock_pages_search_matches_live_text_only(pending, get, search, found):
    response = get("/api/v2/pages/", search=search, search_operator="and")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert (pending.pk in ids) is found
    assert DRAFT_TITLE not in response.content.decode()


def test_stock_files_search_finds_the_published_attachment_not_the_drafts(pending, get):
    def titles(search):
        response = get("/api/v2/files/", search=search)
        assert response.status_code == 200
        return {item["title"] for item in response.json()["items"]}

    assert titles(LIVE_FILE) == {LIVE_FILE}
    assert titles(DRAFT_FILE) == set()
    assert titles("测算明细") == set()


def test_the_public_index_holds_the_live_text_and_a_separate_draft_entry(pending):
    rows = {row.key: row for row in SearchEntry.objects.filter(object_id=str(pending.pk))}
    live, draft = (rows[key] for key in indexing.document_keys(pending))
    assert live.live and live.title == LIVE_TITLE
    assert REMOVED_WORD in live.text and DRAFT_WORD not in live.text
    assert DRAFT_FILE_WORD not in live.text
    assert not draft.live and draft.title == DRAFT_TITLE and draft.status == "待发布修改稿"
    assert DRAFT_WORD in draft.text and DRAFT_FILE_WORD in draft.text


def test_saving_and_publishing_keep_the_two_entries_apart(
    pending, get, jiuzhu_drafter, django_capture_on_commit_callbacks
):
    page = NormativeDocumentPage.objects.get(pk=pending.pk)
    page.body = f"<p>{LIVE_WORD}，{DRAFT_WORD}，再次修改后的条款。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=jiuzhu_drafter)
    assert api_ids(get, "再次修改") == set()
    assert api_ids(get, REMOVED_WORD) == {pending.pk}
    with django_capture_on_commit_callbacks(execute=True):
        factories.issue_as_legacy(page.get_latest_revision().as_object())
    assert api_ids(get, "再次修改") == {pending.pk}
    assert api_ids(get, REMOVED_WORD) == set()
    keys = set(SearchEntry.objects.filter(object_id=str(pending.pk)).values_list("key", flat=True))
    assert keys == {indexing.document_keys(pending)[0]}  # no draft entry once published


FULLTEXT = "/admin/fulltext/"


def test_another_departments_drafter_finds_no_draft_passage_in_fulltext(
    pending, login, shiwu_drafter
):
    client = login(shiwu_drafter)
    html = client.get(FULLTEXT, {"q": DRAFT_WORD}).content.decode()
    assert "共找到 0 条结果" in html
    for q in (LIVE_WORD, f"{LIVE_WORD} OR {DRAFT_WORD}", f"{LIVE_WORD} -{DRAFT_WORD}"):
        html = client.get(FULLTEXT, {"q": q}).content.decode()
        assert "共找到 1 条结果" in html, q
        assert DRAFT_WORD not in html.replace(f'value="{q}"', "")
        assert DRAFT_TITLE not in html
    for q in (DRAFT_FILE_WORD, "修订征求稿"):
        assert "共找到 0 条结果" in client.get(FULLTEXT, {"q": q}).content.decode()


def test_the_own_department_and_the_adviser_find_the_pending_draft(
    pending, login, jiuzhu_drafter, adviser
):
    for user in (jiuzhu_drafter, adviser):
        html = login(user).get(FULLTEXT, {"q": DRAFT_WORD}).content.decode()
        assert "共找到 1 条结果" in html
        assert DRAFT_TITLE in html and "待发布修改稿" in html
        assert f"<mark>{DRAFT_WORD}</mark>" in html


@pytest.mark.parametrize(
    "path",
    ["/admin/pages/search/", "/admin/choose-page/search/"],
)
def test_wagtail_page_search_and_chooser_show_no_other_departments_draft(
    pending, login, shiwu_drafter, path
):
    client = login(shiwu_drafter)
    for q in (DRAFT_WORD, OTHER_DRAFT_WORD, "最低生活保障", "殡葬服务"):
        response = client.get(path, {"q": q})
        assert response.status_code == 200
        html = response.content.decode()
        assert DRAFT_TITLE not in html and OTHER_DRAFT not in html, (path, q)


def test_the_page_chooser_does_not_browse_into_another_departments_drafts(
    pending, login, shiwu_drafter
):
    client = login(shiwu_drafter)
    folder = Page.objects.get(pk=pending.get_parent().pk)
    html = client.get(f"/admin/choose-page/{folder.pk}/").content.decode()
    assert DRAFT_TITLE not in html


CONTRACT_CHOOSER = "/admin/snippets/choose/cms/contract/"


def test_the_contract_chooser_lists_and_returns_only_the_users_departments_contracts(
    pending, login, shiwu_drafter, jiuzhu_drafter
):
    contract = Contract.objects.get(title=CONTRACT_TITLE)
    other = login(shiwu_drafter)
    for path, params in [
        (CONTRACT_CHOOSER, {}),
        (f"{CONTRACT_CHOOSER}results/", {"q": "入户核查"}),
        (f"{CONTRACT_CHOOSER}results/", {"q": "服务合同"}),
    ]:
        response = other.get(path, params)
        assert response.status_code == 200
        assert CONTRACT_TITLE not in response.content.decode()
    assert other.get(f"{CONTRACT_CHOOSER}chosen/{contract.pk}/").status_code == 404
    own = login(jiuzhu_drafter).get(f"{CONTRACT_CHOOSER}results/", {"q": "入户核查"})
    assert CONTRACT_TITLE in own.content.decode()


def test_elasticsearch_gets_the_same_two_documents_and_filters_anonymous_to_live(pending):
    from search.backends.base import SearchRequest
    from search.backends.elasticsearch import _document, build_search_body
    from search.query import parse
    from search.selectors import visibility_for

    docs = {doc["key"]: doc for doc in map(_document, indexing.document_entries(pending))}
    live_key, draft_key = indexing.document_keys(pending)
    assert docs[live_key]["live"] is True and DRAFT_WORD not in docs[live_key]["text"]
    assert docs[draft_key]["live"] is False and DRAFT_WORD in docs[draft_key]["text"]
    body = build_search_body(SearchRequest(parse(DRAFT_WORD), visibility_for(None)))
    permission = json.dumps(body["query"]["bool"]["filter"])
    assert '{"term": {"live": true}}' in permission


def test_the_upgrade_migration_splits_an_old_draft_holding_entry(pending, get):
    """Before, the one entry of a live document held its pending draft's text."""
    live_key, draft_key = indexing.document_keys(pending)
    backend = get_backend()
    draft_entry = next(e for e in indexing.document_entries(pending) if e.key == draft_key)
    backend.delete([draft_key])
    backend.index([draft_entry._replace(key=live_key, live=True, status="现行有效")])
    assert api_ids(get, DRAFT_WORD) == {pending.pk}  # the leak the audit found
    migration = importlib.import_module("search.migrations.0007_live_and_draft_entries")
    migration.reindex_drafts(django_apps, SimpleNamespace(connection=connection))
    cache.clear()  # the API's answer cache keys on content changes, not index writes
    assert api_ids(get, DRAFT_WORD) == set()
    assert api_ids(get, REMOVED_WORD) == {pending.pk}
    assert set(
        SearchEntry.objects.filter(object_id=str(pending.pk)).values_list("key", flat=True)
    ) == {
        live_key,
        draft_key,
    }


def test_the_public_score_does_not_move_when_drafts_add_the_word(pending, get, jiuzhu):
    """SQLite's bm25 counts every index entry holding a word, drafts included: the API
    gives the rank instead, so a draft full of the word changes nothing public."""
    before = get(API, q=LIVE_WORD).data["items"]
    for number in range(5):
        factories.make_document(
            jiuzhu, title=f"内部草稿{number}", body=f"<p>{LIVE_WORD}{LIVE_WORD}{LIVE_WORD}</p>"
        )
    get_backend().rebuild(indexing.all_entries())
    cache.clear()
    after = get(API, q=LIVE_WORD).data["items"]
    assert [(i["id"], i["score"]) for i in after] == [(i["id"], i["score"]) for i in before]
    assert before[0]["score"] == 1.0
