"""The public document list: filters, Chinese search with highlights, paging, bad input."""

import pytest

from tests.portal.conftest import CONTRACT, DIBAO, DRAFT, LINSHI, YANGLAO

pytestmark = pytest.mark.django_db

LIST = "/documents/"


def listed(response) -> set[str]:
    return {row.document.title for row in response.context["rows"]}


def test_the_list_shows_every_published_document_newest_first(client, library):
    response = client.get(LIST)
    assert response.status_code == 200
    assert [row.document.title for row in response.context["rows"]] == [YANGLAO, DIBAO, LINSHI]
    html = response.content.decode()
    assert DRAFT not in html and CONTRACT not in html
    assert '<html lang="zh-CN">' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "已废止"}, {LINSHI}),
        ({"status": "现行有效"}, {DIBAO, YANGLAO}),
        ({"year": "2023"}, {DIBAO}),
        ({"topic": "养老服务"}, {YANGLAO}),
        ({"issuer": "吴忠市红寺堡区民政局"}, {DIBAO, LINSHI, YANGLAO}),
        ({"doc_number": "红民规[2023]1号"}, {DIBAO}),  # brackets normalised
        ({"doc_number": "2024"}, {YANGLAO}),  # a fragment: substring match
        ({"published_after": "2023-01-01", "published_before": "2023-12-31"}, {DIBAO}),
        ({"published_after": "2023-04-01"}, {YANGLAO}),
        ({"year": "2023", "topic": "养老服务"}, set()),
    ],
)
def test_filters_select_documents(client, library, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert listed(response) == expected
    assert not response.context["form"].errors


def test_chinese_search_finds_a_two_character_word_and_highlights_it(client, library):
    response = client.get(LIST, {"q": "救助"})
    assert listed(response) == {DIBAO, LINSHI}
    html = response.content.decode()
    assert "<mark>救助</mark>" in html
    assert "“救助”的检索结果" in html


def test_search_combines_with_filters_and_never_finds_drafts_or_contracts(client, library):
    assert listed(client.get(LIST, {"q": "救助", "status": "已废止"})) == {LINSHI}
    assert listed(client.get(LIST, {"q": "专账管理"})) == set()  # only in the draft
    assert listed(client.get(LIST, {"q": "入户探访"})) == set()  # only in the contract


def test_search_does_not_show_a_revision_in_review(client, library):
    """A live document's newer, unpublished revision is indexed; the portal must not use it."""
    from tests.portal.conftest import reindex

    draft = library["yanglao"].get_latest_revision_as_object()
    draft.body = "<p>拟将高龄津贴标准提高至每月300元（送审稿）。</p>"
    draft.save_revision()
    reindex()
    response = client.get(LIST, {"q": "送审稿"})
    assert listed(response) == set()
    response = client.get(LIST, {"q": "高龄津贴"})
    assert listed(response) == {YANGLAO}
    assert "送审稿" not in response.content.decode()


def test_search_that_fails_unexpectedly_falls_back_to_substring_matching(
    client, library, monkeypatch
):
    from portal import selectors

    def broken(**kwargs):
        raise RuntimeError("the search backend is down")

    monkeypatch.setattr(selectors, "search_items", broken)
    response = client.get(LIST, {"q": "高龄"})
    assert listed(response) == {YANGLAO}
    assert "<mark>高龄</mark>" in response.content.decode()


def test_unknown_parameters_are_ignored(client, library):
    response = client.get(LIST, {"foo": "bar", "utm_source": "x", "status__in": "草稿"})
    assert response.status_code == 200
    assert listed(response) == {DIBAO, LINSHI, YANGLAO}
    assert not response.context["form"].errors


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"published_after": "2023-13-45"}, "日期格式应为"),
        ({"published_before": "昨天"}, "日期格式应为"),
        ({"published_after": "2024-01-01", "published_before": "2023-01-01"}, "不能早于"),
        ({"year": "二〇二三"}, "年份应为四位数字"),
        ({"year": "99999"}, "年份超出范围"),
        ({"status": "草稿"}, "取值无效"),
        ({"topic": "<script>"}, "取值无效"),
        ({"doc_number": "号" * 60}, "最多50个字"),
        ({"q": "低" * 300}, "最多200个字"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_the_other_filters_still_apply(
    client, library, params, message
):
    response = client.get(LIST, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1e9", "99999999999999999999"])
def test_a_bad_page_number_shows_the_first_page(client, library, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert "页码无效" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, library):
    response = client.get(LIST, {"page": "50"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_pagination_keeps_the_filters(client, library, monkeypatch):
    from portal import pages

    monkeypatch.setattr(pages, "PER_PAGE", 1)
    response = client.get(LIST, {"status": "现行有效"})
    html = response.content.decode()
    assert "status=%E7%8E%B0%E8%A1%8C%E6%9C%89%E6%95%88&amp;page=2" in html
    second = client.get(LIST, {"status": "现行有效", "page": "2"})
    assert listed(second) == {DIBAO}


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "救助'; DROP TABLE wagtailcore_page; --",
        "<script>alert(1)</script>",
        '"unbalanced',
        "NOT",
        "OR OR",
        "年份:abc",
        "\x00\x1f救助",
        "*",
        "%_%",
    ],
)
def test_injection_and_odd_queries_never_break_the_page(client, library, query):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert DRAFT not in html
    assert client.get(LIST).context["page_obj"].paginator.count == 3  # nothing was dropped
