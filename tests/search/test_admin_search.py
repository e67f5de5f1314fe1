"""Search through the admin over HTTP: the 全文检索 page (highlights, bad input answered in
Chinese, never a 500) and Wagtail's own search boxes (pages, contract register) finding
two-character Chinese words inside sentences, within the user's departments."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.models import NormativeDocumentPage
from search import indexing
from search.backends import facets, get_backend
from tests import factories

pytestmark = pytest.mark.django_db

FULLTEXT = "/admin/fulltext/"
PAGE_SEARCH = "/admin/pages/search/"
CONTRACTS = "/admin/snippets/cms/contract/"

LIVE_TITLE = "关于规范劳动用工管理的通知"
LIVE_BODY = "<p>各单位应当与聘用人员签订劳动合同书，城乡低保对象优先安置。</p>"
OWN_DRAFT = "救助站购买服务管理规定（草稿）"
OTHER_DRAFT = "殡葬服务管理办法（征求意见稿）"
CONTRACT_TITLE = "殡仪服务中心委托运营管理协议"
COUNTERPARTY = "宁夏安宁殡葬服务有限公司"


@pytest.fixture(autouse=True)
def fresh_facet_cache(monkeypatch):
    """Rolled-back tests reuse index generation numbers: start each with an empty cache."""
    monkeypatch.setattr(facets, "_cache", {})


@pytest.fixture
def bureau(site_tree, groups, jiuzhu, shiwu):
    """A live document and a draft per department; one contract of 事务站; all indexed
    (Wagtail's own index is written by its signals as the pages are saved)."""
    factories.make_document(
        jiuzhu, live=True, title=LIVE_TITLE, body=LIVE_BODY, published_on=date(2023, 3, 1)
    )
    factories.make_document(
        jiuzhu, title=OWN_DRAFT, body="<p>购买服务须签订书面合同后方可拨付资金。</p>"
    )
    factories.make_document(
        shiwu, title=OTHER_DRAFT, body="<p>殡仪服务机构应当与家属签订服务合同。</p>"
    )
    factories.ContractFactory(
        department=shiwu,
        title=CONTRACT_TITLE,
        counterparty=COUNTERPARTY,
        text="甲乙双方经协商一致签订本合同，乙方负责殡仪服务中心的日常运营。",
    )
    get_backend().rebuild(indexing.all_entries())


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_fulltext_page_shows_hits_with_the_word_marked_in_the_original_sentence(
    login, office_user, bureau
):
    html = html_of(login(office_user).get(FULLTEXT, {"q": "合同"}))
    assert "共找到 4 条结果" in html
    assert "签订劳动<mark>合同</mark>书，城乡低保对象优先安置。" in html
    assert LIVE_TITLE in html and CONTRACT_TITLE in html
    assert "分面筛选" in html


def test_fulltext_page_for_a_drafter_leaves_out_other_departments_drafts(
    login, jiuzhu_drafter, bureau
):
    html = html_of(login(jiuzhu_drafter).get(FULLTEXT, {"q": "合同"}))
    assert "共找到 2 条结果" in html
    assert OWN_DRAFT in html and LIVE_TITLE in html
    assert OTHER_DRAFT not in html and CONTRACT_TITLE not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入检索词"),
        ("   ", "请输入检索词"),
        ("，。！", "仅有标点符号"),
        ("低保" * 2500, "检索词过长（5000个字符）"),
        ("NOT", "只有运算符"),
        ("OR AND", "只有运算符"),
        ("-低保", "不能只包含排除条件"),
        ("年份:abc", "须为数字"),
    ],
)
def test_bad_queries_get_a_chinese_message_never_a_500(login, office_user, bureau, query, message):
    html = html_of(login(office_user).get(FULLTEXT, {"q": query}))
    assert 'role="alert"' in html
    assert message in html
    assert "共找到" not in html


@pytest.mark.parametrize("query", ['"低保', "\x00\x07低保", "低保\t\u200b", "“低保”"])
def test_unbalanced_quotes_and_control_characters_still_search(login, office_user, bureau, query):
    html = html_of(login(office_user).get(FULLTEXT, {"q": query}))
    assert 'role="alert"' not in html
    assert "共找到 1 条结果" in html
    assert "城乡<mark>低保</mark>对象" in html


def test_a_first_visit_shows_only_the_form(login, office_user, bureau):
    html = html_of(login(office_user).get(FULLTEXT))
    assert 'role="search"' in html
    assert 'role="alert"' not in html and "共找到" not in html


@pytest.mark.parametrize("page", ["abc", "-3", "99999"])
def test_a_nonsense_page_number_is_not_an_error(login, office_user, bureau, page):
    html = html_of(login(office_user).get(FULLTEXT, {"q": "合同", "page": page}))
    assert "共找到 4 条结果" in html


def test_wagtail_page_search_finds_a_two_character_word_inside_the_body(login, office_user, bureau):
    html = html_of(login(office_user).get(PAGE_SEARCH, {"q": "合同"}))
    assert LIVE_TITLE in html  # 合同 only inside 签订劳动合同书 in the body
    assert OWN_DRAFT in html and OTHER_DRAFT in html
    low = html_of(login(office_user).get(PAGE_SEARCH, {"q": "低保"}))
    assert LIVE_TITLE in low and OWN_DRAFT not in low


def test_wagtail_page_search_of_a_drafter_hides_other_departments_drafts(
    login, jiuzhu_drafter, bureau
):
    html = html_of(login(jiuzhu_drafter).get(PAGE_SEARCH, {"q": "合同"}))
    assert OWN_DRAFT in html
    assert OTHER_DRAFT not in html


def test_update_index_rebuilds_wagtails_index_with_bigrams(login, office_user, bureau):
    NormativeDocumentPage.objects.filter(title=LIVE_TITLE).update(
        body="<p>各村应当为特困供养人员建立档案。</p>"  # written past the signals
    )
    assert LIVE_TITLE not in html_of(login(office_user).get(PAGE_SEARCH, {"q": "供养"}))
    call_command("update_index", verbosity=0)
    html = html_of(login(office_user).get(PAGE_SEARCH, {"q": "供养"}))
    assert LIVE_TITLE in html and OWN_DRAFT not in html


def test_deleting_a_draft_through_the_admin_drops_it_from_fulltext_search(login, bureau):
    root = factories.UserFactory(username="root", is_superuser=True, role="admin")
    client = login(root)
    draft = NormativeDocumentPage.objects.get(title=OWN_DRAFT)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not NormativeDocumentPage.objects.filter(pk=draft.pk).exists()
    html = html_of(client.get(FULLTEXT, {"q": "书面合同"}))
    assert "共找到 0 条结果" in html and "<mark>" not in html


@pytest.mark.parametrize("word", ["合同", "殡仪", "殡葬"])
def test_contract_register_search_finds_words_in_text_and_counterparty(
    login, office_user, bureau, word
):
    html = html_of(login(office_user).get(CONTRACTS, {"q": word}))
    assert CONTRACT_TITLE in html


def test_contract_register_search_without_a_match_lists_nothing(login, office_user, bureau):
    html = html_of(login(office_user).get(CONTRACTS, {"q": "低保"}))
    assert CONTRACT_TITLE not in html


def test_contract_register_search_of_another_department_finds_nothing(
    login, jiuzhu_drafter, bureau
):
    html = html_of(login(jiuzhu_drafter).get(CONTRACTS, {"q": "殡仪"}))
    assert CONTRACT_TITLE not in html


def test_fulltext_url_is_the_named_admin_view():
    assert reverse("fulltext_search") == FULLTEXT
