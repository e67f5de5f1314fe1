"""The embedded full-text backend (SQLite FTS5 / PostgreSQL tsvector) over documents,
contracts and decision items made here: two-character Chinese words inside sentences,
the query language, highlights, facets, ordering, paging and the permission filter."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.models import DocumentAttachment
from search import indexing
from search.backends import embedded, facets, get_backend
from search.models import SearchEntry
from search.query import QueryError
from search.selectors import search_items
from tests import factories

pytestmark = pytest.mark.django_db

LABOUR = "关于规范劳动用工管理的通知"
DIBAO = "城乡最低生活保障实施细则"
ABOLISHED = "临时救助暂行办法"
OTHER_DRAFT = "殡葬服务管理办法（征求意见稿）"
OWN_DRAFT = "救助站购买服务管理规定（草稿）"
OTHER_CONTRACT = "殡仪服务中心委托运营管理合同"
OWN_CONTRACT = "救助站社会工作服务项目合同"
DECISION = "城乡最低生活保障标准调整"


@pytest.fixture(autouse=True)
def fresh_facet_cache(monkeypatch):
    """Each test's rolled-back transaction reuses the same index generation number, so the
    per-process facet table must not survive from one test to the next."""
    monkeypatch.setattr(facets, "_cache", {})


def document(dept, title, body, *, live=True, day=None, **fields):
    return factories.make_document(
        dept, live=live, title=title, body=body, published_on=day, written_on=day, **fields
    )


@pytest.fixture
def library(site_tree, groups, jiuzhu, shiwu):
    """救助站 (jiuzhu) and 事务站 (shiwu): live documents, drafts, contracts, a decision list."""
    items = {
        "labour": document(
            jiuzhu,
            LABOUR,
            "<p>各单位应当与聘用人员签订劳动合同书，明确双方权利义务。</p>",
            day=date(2023, 3, 1),
            doc_number="红民发〔2023〕3号",
        ),
        "dibao": document(
            jiuzhu,
            DIBAO,
            "<p>对城乡低保对象实行分类施保，特困人员按规定另行救助。</p>",
            day=date(2024, 5, 10),
        ),
        "abolished": document(
            shiwu,
            ABOLISHED,
            "<p>临时救助与低保制度相衔接，规范性文件清理后本办法废止。</p>",
            day=date(2021, 6, 1),
            validity_status="已废止",
            status_changed_on=date(2025, 1, 1),
        ),
        "other_draft": document(
            shiwu, OTHER_DRAFT, "<p>殡仪服务机构应当与家属签订服务合同。</p>", live=False
        ),
        "own_draft": document(
            jiuzhu, OWN_DRAFT, "<p>购买服务须签订书面合同，并按低保政策执行。</p>", live=False
        ),
        "other_contract": factories.ContractFactory(
            department=shiwu,
            title=OTHER_CONTRACT,
            counterparty="宁夏安宁殡葬服务有限公司",
            text="甲方委托乙方运营管理殡仪服务中心。",
            signed_on=date(2023, 9, 1),
        ),
        "own_contract": factories.ContractFactory(
            department=jiuzhu, title=OWN_CONTRACT, text="乙方为低保家庭提供入户探访服务。"
        ),
    }
    decisions = factories.make_decision_list(2023)
    factories.make_decision_item(
        decisions,
        jiuzhu,
        name=DECISION,
        legal_basis="《社会救助暂行办法》第十条：城乡低保标准按年度调整",
    )
    factories.issue_as_legacy(decisions)
    get_backend().rebuild(indexing.all_entries())
    return items


def titles(results) -> set[str]:
    return {hit.title for hit in results.hits}


def find(user, query, **kwargs):
    return search_items(user=user, query=query, per_page=50, **kwargs)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("合同", {LABOUR, OTHER_DRAFT, OWN_DRAFT, OTHER_CONTRACT, OWN_CONTRACT}),
        ("低保", {DIBAO, ABOLISHED, OWN_DRAFT, OWN_CONTRACT, DECISION}),
        ("规范性文件", {ABOLISHED}),
        ("劳动合同", {LABOUR}),
    ],
)
def test_two_and_four_character_words_match_inside_sentences(library, office_user, word, expected):
    results = find(office_user, word)
    assert titles(results) == expected
    assert results.total == len(expected)


def test_a_clerk_combines_phrases_and_or_not(library, office_user):
    assert titles(find(office_user, '"签订劳动合同书"')) == {LABOUR}
    assert titles(find(office_user, '"签订合同"')) == set()  # never adjacent in any text
    assert titles(find(office_user, "签订 合同")) == {LABOUR, OTHER_DRAFT, OWN_DRAFT}
    assert titles(find(office_user, "低保 特困")) == {DIBAO}
    assert titles(find(office_user, "劳动 OR 殡仪")) == {LABOUR, OTHER_DRAFT, OTHER_CONTRACT}
    assert titles(find(office_user, "低保 NOT 特困")) == titles(find(office_user, "低保 -特困"))
    assert DIBAO not in titles(find(office_user, "低保 -特困"))
    assert ABOLISHED in titles(find(office_user, "低保 -特困"))


def test_field_filters_for_validity_year_and_kind(library, office_user):
    assert titles(find(office_user, "低保 有效性:现行有效")) == {DIBAO}
    assert titles(find(office_user, "合同 年份:2023")) == {LABOUR, OTHER_CONTRACT}
    assert titles(find(office_user, "合同 类型:合同")) == {OTHER_CONTRACT, OWN_CONTRACT}
    assert titles(find(office_user, "低保", filters={"year": ["2023"]})) == {DECISION}
    with pytest.raises(QueryError, match="数字"):
        find(office_user, "低保 年份:abc")


def test_highlights_mark_the_hit_in_the_original_sentence(library, office_user):
    (hit,) = find(office_user, "劳动合同").hits
    assert hit.highlights == ["各单位应当与聘用人员签订<mark>劳动合同</mark>书，明确双方权利义务。"]
    (hit,) = [h for h in find(office_user, "低保").hits if h.title == DIBAO]
    assert "对城乡<mark>低保</mark>对象实行分类施保" in hit.highlights[0]


def test_html_in_a_body_is_escaped_in_highlights_not_injected(library, office_user, jiuzhu):
    body = "<p>低保金&lt;script&gt;alert(1)&lt;/script&gt;按月发放&amp;公示</p>"
    indexing.index_object(document(jiuzhu, "低保金发放公示办法", body, day=date(2024, 1, 2)))
    (hit,) = [h for h in find(office_user, "低保金").hits if h.title == "低保金发放公示办法"]
    (passage,) = hit.highlights
    assert passage.startswith(
        "<mark>低保金</mark>&lt;script&gt;alert(1)&lt;/script&gt;按月发放&amp;"
    )
    assert "<script>" not in passage and "<p>" not in passage


def test_facets_count_hits_by_kind_status_and_year(library, office_user):
    result = find(office_user, "低保")
    assert dict(result.facets["kind"]) == {"normative": 3, "contract": 1, "decision": 1}
    assert dict(result.facets["status"])["现行有效"] == 1
    assert dict(result.facets["status"])["已废止"] == 1
    assert dict(result.facets["status"])["草稿"] == 2  # own draft and unsigned contract
    assert dict(result.facets["year"]) == {"2024": 1, "2021": 1, "2026": 1, "2023": 1}


def test_date_order_puts_the_newest_first_and_pages_follow(library, office_user):
    by_date = search_items(user=office_user, query="救助 OR 劳动", order="date", per_page=50)
    days = [hit.published_on for hit in by_date.hits if hit.published_on]
    assert days and all(isinstance(day, date) for day in days)  # dates, on SQLite too
    assert days == sorted(days, reverse=True)
    assert [h.title for h in by_date.hits][:3] == [DIBAO, LABOUR, ABOLISHED]
    first = search_items(user=office_user, query="救助 OR 劳动", order="date", per_page=1)
    second = search_items(user=office_user, query="救助 OR 劳动", order="date", per_page=1, page=2)
    assert first.total == second.total == by_date.total
    assert [h.title for h in first.hits] == [DIBAO]
    assert [h.title for h in second.hits] == [LABOUR]
    beyond = search_items(user=office_user, query="劳动", per_page=1, page=9)
    assert beyond.hits == [] and beyond.total == 1


def test_drafter_finds_own_draft_but_not_another_departments_draft_or_contract(
    library, jiuzhu_drafter, jiuzhu
):
    result = find(jiuzhu_drafter, "合同")
    assert titles(result) == {LABOUR, OWN_DRAFT, OWN_CONTRACT}
    assert result.total == 3
    assert dict(result.facets["kind"]) == {"normative": 2, "contract": 1}
    assert dict(result.facets["department"]) == {str(jiuzhu.pk): 3}
    assert dict(result.facets["status"])["草稿"] == 2  # own draft + own unsigned contract
    assert find(jiuzhu_drafter, "殡仪").total == 0


def test_public_finds_only_live_documents_and_decision_items_never_contracts(library):
    public = find(AnonymousUser(), "合同")
    assert titles(public) == {LABOUR}
    assert dict(public.facets["kind"]) == {"normative": 1}
    low = find(AnonymousUser(), "低保")
    assert titles(low) == {DIBAO, ABOLISHED, DECISION}
    assert find(AnonymousUser(), "类型:合同 服务").total == 0


def test_text_of_a_docx_attached_to_a_document_is_searchable(library, office_user, jiuzhu):
    content = factories.docx_bytes("附件：红寺堡区特困供养人员花名册及供养标准")
    attachment = factories.make_attachment("供养标准", content, name="花名册.docx")
    page = document(
        jiuzhu,
        "特困人员供养工作规程",
        "<p>详见附件。</p>",
        day=date(2024, 8, 8),
        attachments=[DocumentAttachment(file=attachment, label="附件1")],
    )
    indexing.index_object(page)
    (hit,) = find(office_user, "花名册").hits
    assert hit.title == "特困人员供养工作规程"
    assert "特困供养人员<mark>花名册</mark>" in hit.highlights[0]
    assert attachment.extraction.status == "ok"


def test_unpublishing_hides_from_the_public_and_deleting_removes(
    library, jiuzhu_drafter, django_capture_on_commit_callbacks
):
    page = library["dibao"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert DIBAO not in titles(find(AnonymousUser(), "低保"))
    assert DIBAO in titles(find(jiuzhu_drafter, "低保"))  # still the department's draft
    entry = SearchEntry.objects.get(title=DIBAO)
    assert (entry.live, entry.status) == (False, "草稿")

    draft = library["own_draft"]  # a published page is protected by its 存量导入 record
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert not SearchEntry.objects.filter(title=OWN_DRAFT).exists()
    assert OWN_DRAFT not in titles(find(jiuzhu_drafter, "低保"))


def test_a_new_revision_replaces_the_indexed_text(
    library, office_user, django_capture_on_commit_callbacks
):
    draft = library["own_draft"]
    draft.body = "<p>购买服务须经集体研究，并公开择优确定承接主体。</p>"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()
    assert OWN_DRAFT not in titles(find(office_user, "合同"))
    assert titles(find(office_user, "承接主体")) == {OWN_DRAFT}


def test_deleting_a_decision_list_removes_its_items_entries(library, office_user):
    decisions = factories.make_decision_list(2022, live=False)
    factories.make_decision_item(decisions, factories.DepartmentFactory(code="x"), name="殡葬改革")
    indexing.index_object(decisions)
    assert titles(find(office_user, "殡葬改革")) == {"殡葬改革"}
    decisions.delete()
    assert find(office_user, "殡葬改革").total == 0
    assert not SearchEntry.objects.filter(kind="decision", title="殡葬改革").exists()


def test_a_broad_query_lists_title_matches_first_then_newest(library, office_user, monkeypatch):
    """Above RANK_LIMIT hits there is no bm25: title hits first, then newest first."""
    monkeypatch.setattr(embedded, "RANK_LIMIT", 0)
    hits = find(office_user, "合同").hits
    in_title = [hit.title for hit in hits if "合同" in hit.title]
    assert {hit.title for hit in hits[: len(in_title)]} == {OTHER_CONTRACT, OWN_CONTRACT}
    rest = [hit.published_on for hit in hits[len(in_title) :] if hit.published_on]
    assert rest == sorted(rest, reverse=True)


def test_filters_narrow_inside_the_index_and_facet_tokens_are_never_matched_as_words(
    library, office_user, jiuzhu_drafter
):
    """Field and permission filters are pushed into the token index as facet tokens; a
    user who types such a token's text finds nothing through it."""
    assert titles(find(jiuzhu_drafter, "合同 有效性:草稿")) == {OWN_DRAFT, OWN_CONTRACT}
    drafts = {OWN_DRAFT, OTHER_DRAFT, OWN_CONTRACT, OTHER_CONTRACT}
    assert titles(find(office_user, "合同 有效性:草稿")) == drafts
    for word in (facets.token("year", 2023), facets.token("kind", "contract"), facets.LIVE_TOKEN):
        assert find(office_user, word).total == 0
        assert find(office_user, f"合同 OR {word}").total == find(office_user, "合同").total
