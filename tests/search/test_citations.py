"""The repealed-statute detector on small texts written here (no shared data, no database)."""

from __future__ import annotations

import time

import pytest

from search.cleanup import citations as detector
from search.cleanup.citations import (
    Citation,
    StatuteName,
    cited_statutes,
    find_repealed_citations,
)
from search.cleanup.repeal import repeal_spans
from search.cleanup.statutes import CIVIL_CODE_REPEALED

NINE = list(CIVIL_CODE_REPEALED)
CONTRACT = "中华人民共和国合同法"
MARRIAGE = "中华人民共和国婚姻法"

CIVIL_CODE_REPEAL_CLAUSE = (
    "第一千二百六十条　本法自2021年1月1日起施行。《中华人民共和国婚姻法》、《中华人民共和国继承法》、"
    "《中华人民共和国民法通则》、《中华人民共和国收养法》、《中华人民共和国担保法》、"
    "《中华人民共和国合同法》、《中华人民共和国物权法》、《中华人民共和国侵权责任法》、"
    "《中华人民共和国民法总则》同时废止。"
)


def scan(text: str) -> list[Citation]:
    return find_repealed_citations(text, NINE)


def one(text: str) -> Citation:
    found = scan(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "statute", "surface"),
    [
        (
            "为规范合同管理，根据《中华人民共和国合同法》，制定本办法。",
            CONTRACT,
            "《中华人民共和国合同法》",
        ),
        ("依照《合同法》第五十二条的规定处理。", CONTRACT, "《合同法》"),
        ("按照《物权法》办理登记。", "中华人民共和国物权法", "《物权法》"),
        (
            "依据《中华人民共和国婚姻法（2001修正）》第三十二条。",
            MARRIAGE,
            "《中华人民共和国婚姻法（2001修正）》",
        ),
        ("参照《合同法》（1999年）的规定。", CONTRACT, "《合同法》"),
        (
            "根据《 中华人民共和国 担保法 》制定。",
            "中华人民共和国担保法",
            "《 中华人民共和国 担保法 》",
        ),
    ],
)
def test_quoted_citations_with_or_without_prefix_and_suffix(text, statute, surface):
    citation = one(text)
    assert citation.statute == statute
    assert citation.form == "quoted"
    assert text[citation.start : citation.end] == surface
    assert surface.strip() in citation.excerpt or surface in text


def test_nested_citation_inside_an_interpretation_title():
    text = "本案适用《最高人民法院关于适用〈中华人民共和国婚姻法〉若干问题的解释（三）》第五条。"
    citation = one(text)
    assert (citation.statute, citation.form) == (MARRIAGE, "nested")
    assert text[citation.start : citation.end] == "〈中华人民共和国婚姻法〉"


def test_nested_citation_when_the_outer_title_wraps_to_the_next_line():
    text = "最高人民法院《关于适用〈婚姻法〉若干问题的解释（二）\n的补充规定》"
    assert one(text).form == "nested"


@pytest.mark.parametrize(
    ("text", "statute"),
    [
        ("实际施工人依照合同法第七十三条规定提起代位权诉讼。", CONTRACT),
        ("承包人应得的承包收益，根据婚姻法的规定分割。", MARRIAGE),
        ("期限的计算，适用民法通则关于计算期间的规定。", "中华人民共和国民法通则"),
        ("对符合收养法规定条件的，予以登记。", "中华人民共和国收养法"),
        ("如无合同法第五十二条规定的情形，合同有效。", CONTRACT),
        ("按照中华人民共和国担保法第五条第二款处理。", "中华人民共和国担保法"),
        ("政府采购合同适用合同法。", CONTRACT),
        ("合同法实施以后成立的合同发生纠纷的，适用本规定。", CONTRACT),
        ("我国继承法仅规定了五种遗嘱形式。", "中华人民共和国继承法"),
    ],
)
def test_bare_mentions_at_a_word_boundary_count(text, statute):
    citation = one(text)
    assert (citation.statute, citation.form) == (statute, "bare")
    assert text[citation.start : citation.end].endswith(statute.removeprefix("中华人民共和国"))


@pytest.mark.parametrize(
    "text",
    [
        "根据《中华人民共和国劳动合同法》，用人单位应当订立书面劳动合同。",
        "依照《劳动合同法》第八十五条的规定支付赔偿金。",
        "根据《中华人民共和国技术合同法》制定本条例。",
        "《中华人民共和国经济合同法》同时失效的情形另行规定。",
        "适用《中华人民共和国涉外经济合同法》的合同。",
        "依据香港法例第192章《婚姻法律程序与财产条例》作出判决。",
        "也可以依照有关合同法规规定，向人民法院起诉。",
        "加强合同法律制度建设，推进依法行政。",
        "物权法定原则要求物权的种类和内容由法律规定。",
        "劳动者依据劳动合同法第八十五条规定，可以请求赔偿。",
        "经审查符合技术合同法规定的，予以登记。",
        "持卡人基于借记卡合同法律关系请求发卡行赔偿。",
        "外国人收养子女，应当符合中国有关收养法律的规定。",
        "可以参照适用有关民事合同法律规范。",
        "甲方合同法定代表人签字后生效。",
        "相较于《婚姻法解释（三）》，新规定更加明确。",
        "宣传<中华人民共和国劳动合同法>的决定。",
    ],
)
def test_look_alikes_do_not_count(text):
    assert scan(text) == []


def test_civil_code_repeal_clause_is_not_a_citation():
    assert scan(CIVIL_CODE_REPEAL_CLAUSE) == []
    assert repeal_spans(CIVIL_CODE_REPEAL_CLAUSE)


@pytest.mark.parametrize(
    "text",
    [
        "本条例自公布之日起施行。1999年通过的《中华人民共和国合同法》同时废止。",
        "《合同法》、《担保法》自2021年1月1日起废止。",
        "全国人民代表大会常务委员会决定废止下列法律：\n一、《中华人民共和国收养法》；\n二、《中华人民共和国担保法》。",
        "关于废止《中华人民共和国婚姻法》的决定",
        "《中华人民共和国合同法》已于2021年1月1日废止，有关事项依照《中华人民共和国民法典》执行。",
    ],
)
def test_repeal_clauses_that_merely_list_laws(text):
    assert scan(text) == []


# A local document's repeal clause names each document with its 文号; the titles nest the
# repealed 合同法 (〈…〉, a citation form the detector reports everywhere else).
LOCAL_CONTRACT_RULES = "《红寺堡区民政局关于贯彻〈中华人民共和国合同法〉加强合同管理的通知》"
LOCAL_ROOM_RULES = "《红寺堡区民政局关于执行〈中华人民共和国合同法〉有关问题的意见》"


@pytest.mark.parametrize(
    "clause",
    [
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）同时废止。",
        f"{LOCAL_CONTRACT_RULES}(红民发〔2019〕8号)同时废止。",
        f"{LOCAL_CONTRACT_RULES}（红民发[2019]8号）同时废止。",
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）、{LOCAL_ROOM_RULES}（红民发〔2020〕3号）同时废止。",
        f"{LOCAL_CONTRACT_RULES} (红民发〔2019〕8号) 和{LOCAL_ROOM_RULES}（红民发〔2020〕3号文件）一并废止。",
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）自2024年1月1日起废止。",
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）自本办法施行之日起废止。",
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）予以废止。",
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）同时停止执行。",
        f"{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）停止执行。",
        f"决定废止下列文件：\n一、{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）；\n二、{LOCAL_ROOM_RULES}（红民发〔2020〕3号）。",
        "《中华人民共和国合同法》（中华人民共和国主席令第15号）同时废止。",
    ],
    ids=[
        "full-width",
        "half-width",
        "square-brackets",
        "two-listed",
        "spaced-and-文件",
        "自日期起废止",
        "自施行之日起废止",
        "予以废止",
        "同时停止执行",
        "停止执行",
        "废止下列文件",
        "statute-with-主席令",
    ],
)
def test_repeal_clauses_with_document_numbers_are_not_citations(clause):
    text = f"第十条 本办法自2024年1月1日起施行。{clause}"
    assert repeal_spans(text)
    assert scan(text) == []


def test_a_contract_law_citation_outside_a_repeal_clause_with_numbers_is_still_flagged():
    for title in (LOCAL_CONTRACT_RULES, LOCAL_ROOM_RULES):  # the listed titles do cite it
        assert cited_statutes(scan(f"依照{title}（红民发〔2019〕8号）执行。")) == [CONTRACT]
    text = (
        "第二条 合同订立、履行依照《中华人民共和国合同法》的规定。\n"
        f"第十条 本办法自印发之日起施行，{LOCAL_CONTRACT_RULES}（红民发〔2019〕8号）、"
        f"{LOCAL_ROOM_RULES}（红民发〔2020〕3号）同时废止。"
    )
    [found] = scan(text)
    assert (found.statute, found.form) == (CONTRACT, "quoted")
    assert found.start == text.index("《中华人民共和国合同法》")


@pytest.mark.parametrize(
    "text",
    [
        # 失效 is a state, not an act: a text relying on a law it calls 已失效 still cites it.
        "依照《中华人民共和国合同法》（已失效）第五十二条的规定处理。",
        # A bracket that is not a 文号 does not join a citation to a later repeal.
        "依照《中华人民共和国合同法》（第五十二条）处理，原细则停止执行。",
        # A single article that stops applying leaves the law cited.
        "《中华人民共和国合同法》第五十二条停止执行的说法不成立。",
    ],
)
def test_near_misses_of_a_repeal_clause_stay_citations(text):
    assert cited_statutes(scan(text)) == [CONTRACT]


def test_document_listing_in_a_repeal_clause_and_citing_elsewhere():
    text = (
        "第一条 为调处婚姻家庭纠纷，依照婚姻法第三十二条的规定，制定本办法。\n"
        "第二条 债务清偿参照《中华人民共和国合同法》有关规定。\n"
        "第九条 本办法自发布之日起施行。《中华人民共和国婚姻法》、《中华人民共和国继承法》同时废止。"
    )
    found = scan(text)
    assert cited_statutes(found) == [MARRIAGE, CONTRACT]
    assert [c.form for c in found] == ["bare", "quoted"]
    clause_start = text.index("第九条")
    assert all(c.start < clause_start for c in found)


def test_a_citing_verb_before_a_title_keeps_it_out_of_the_repeal_list():
    text = "根据《中华人民共和国合同法》，《某县合同管理暂行办法》同时废止。"
    assert cited_statutes(scan(text)) == [CONTRACT]
    text = "依照《合同法》、《担保法》予以废止的合同条款，不再执行。"
    assert cited_statutes(scan(text)) == [CONTRACT, "中华人民共和国担保法"]


def test_citations_are_reported_in_order_with_offsets_and_excerpts():
    text = "根据《物权法》和担保法第四十一条，参照《关于适用〈合同法〉若干问题的解释》。"
    found = scan(text)
    assert [c.form for c in found] == ["quoted", "bare", "nested"]
    assert [text[c.start : c.end] for c in found] == ["《物权法》", "担保法", "〈合同法〉"]
    assert all(text[c.start : c.end] in c.excerpt for c in found)
    assert "\n" not in scan("第一条\n依照合同法\n第七十三条")[0].excerpt


def test_repeated_citations_give_one_statute_each_in_first_seen_order():
    found = scan("依照合同法第七十三条、物权法第一百零六条和合同法第七十四条。")
    assert len(found) == 3
    assert cited_statutes(found) == [CONTRACT, "中华人民共和国物权法"]


def test_empty_text_and_empty_statute_list():
    assert scan("") == []
    assert find_repealed_citations("依照《合同法》", []) == []
    assert find_repealed_citations("依照《合同法》", [StatuteName("X", ("",))]) == []


def test_longest_name_wins_when_a_look_alike_is_itself_listed():
    statutes = [*NINE, StatuteName("中华人民共和国经济合同法", ("经济合同法",))]
    found = find_repealed_citations("依照《中华人民共和国经济合同法》和《合同法》。", statutes)
    assert cited_statutes(found) == ["中华人民共和国经济合同法", CONTRACT]


def test_aliases_and_custom_statutes_are_matched():
    statutes = [StatuteName("某省城市房屋拆迁管理条例", ("某省城市房屋拆迁管理条例", "拆迁条例"))]
    found = find_repealed_citations("根据《拆迁条例》第十条。", statutes)
    assert [(c.statute, c.form) for c in found] == [("某省城市房屋拆迁管理条例", "quoted")]


def test_a_trailing_bracket_in_the_reference_name_is_optional_in_citations():
    name = "最低生活保障审核审批办法（试行）"
    statutes = [StatuteName(name, (name, "低保审核审批办法"))]
    text = "依照《最低生活保障审核审批办法（试行）》和《最低生活保障审核审批办法》，参照低保审核审批办法。"
    found = find_repealed_citations(text, statutes)
    assert [c.form for c in found] == ["quoted", "quoted", "bare"]
    assert {c.statute for c in found} == {name}
    # Another province's own rules of the same name are a different document.
    assert find_repealed_citations("执行某省最低生活保障审核审批办法。", statutes) == []


def test_the_pattern_is_compiled_once_per_statute_list():
    detector._matcher.cache_clear()
    for _ in range(3):
        scan("依照合同法第七十三条。")
    info = detector._matcher.cache_info()
    assert (info.misses, info.hits) == (1, 2)


@pytest.mark.parametrize(
    "text",
    [
        "《合同法》" + "于" * 50_000 + "废止",
        "废止" + "《合同法》于" * 5_000,
        "《合同法》、" * 5_000 + "另行废止",
    ],
)
def test_adversarial_input_does_not_make_the_patterns_backtrack(text):
    started = time.perf_counter()
    scan(text)
    assert time.perf_counter() - started < 2.0
