"""Citations: repealed and amended statutes (the cleanup detector), and our own documents."""

from datetime import date

import pytest

from cms.models import Statute
from tests import factories
from tests.prereview.helpers import document, findings, severities

pytestmark = pytest.mark.django_db


def test_citing_the_repealed_contract_law_blocks_and_names_the_civil_code_book(site_tree, jiuzhu):
    page = document(jiuzhu, "第一条 根据《中华人民共和国合同法》第五十二条，制定本办法。")
    [finding] = findings(page, "repealed_statute")
    assert finding.severity == "阻断"
    assert finding.location == "正文"
    assert "《中华人民共和国合同法》已废止" in finding.message
    assert "《中华人民共和国民法典》合同编" in finding.suggestion
    assert "【《中华人民共和国合同法》】" in finding.excerpt


def test_a_look_alike_law_is_not_a_repealed_citation(site_tree, jiuzhu):
    page = document(jiuzhu, "第一条 根据《中华人民共和国劳动合同法》，制定本办法。")
    assert findings(page, "repealed_statute") == []


def test_a_repealed_statute_in_a_pdf_attachment_is_found_with_its_page(site_tree, jiuzhu):
    pdf = factories.chinese_pdf_bytes("附件说明第一页", "依照《物权法》第三十九条办理")
    page = document(
        jiuzhu,
        "第一条 根据《社会救助暂行办法》，制定本办法。",
        attachments=[("附件1", pdf, "a.pdf")],
    )
    [finding] = findings(page, "repealed_statute")
    assert finding.location == "附件：附件1 第2页"
    assert "民法典》物权编" in finding.suggestion


def test_the_replacement_comes_from_the_statute_list_for_other_laws(site_tree, jiuzhu):
    new = Statute.objects.create(name="最低生活保障审核确认办法", level="部门规章")
    Statute.objects.create(
        name="最低生活保障审核审批办法（试行）",
        level="部门规章",
        status="已废止",
        repealed_on=date(2021, 7, 1),
        replaced_by=new,
    )
    page = document(jiuzhu, "第一条 依照《最低生活保障审核审批办法（试行）》制定本细则。")
    [finding] = findings(page, "repealed_statute")
    assert "改为引用《最低生活保障审核确认办法》" in finding.suggestion


def test_citing_an_amended_statute_is_a_notice_to_check_the_version(site_tree, jiuzhu):
    Statute.objects.create(name="中华人民共和国老年人权益保障法", status="已修改")
    page = document(jiuzhu, "第一条 根据《中华人民共和国老年人权益保障法》制定本办法。")
    assert severities(page, "amended_statute") == ["提示"]
    other = document(jiuzhu, "第一条 根据《社会救助暂行办法》制定本办法。", slug="other")
    assert findings(other, "amended_statute") == []


@pytest.fixture
def abolished(site_tree, jiuzhu):
    return factories.make_document(
        jiuzhu,
        title="红寺堡区农村最低生活保障审核审批实施办法",
        slug="old",
        doc_number="红民发〔2019〕8号",
        validity_status="已废止",
        status_changed_on=date(2023, 6, 1),
        live=True,
    )


def test_citing_our_abolished_document_by_number_or_title_blocks(abolished, jiuzhu):
    by_number = document(jiuzhu, "第二条 按照红民发〔2019〕8号文件的规定执行。", slug="a")
    by_title = document(
        jiuzhu, "第二条 按照《红寺堡区农村最低生活保障审核审批实施办法》执行。", slug="b"
    )
    for page in (by_number, by_title):
        [finding] = findings(page, "own_document")
        assert finding.severity == "阻断"
        assert "已废止" in finding.message


def test_citing_a_number_missing_from_our_register_warns(abolished, jiuzhu):
    page = document(jiuzhu, "第二条 按照红民发〔2020〕99号文件执行。", slug="a")
    [finding] = findings(page, "own_document")
    assert finding.severity == "警告"
    assert "查无此文号" in finding.message


def test_citing_our_document_in_force_or_repealing_it_is_fine(abolished, jiuzhu):
    factories.make_document(
        jiuzhu, title="现行办法", slug="now", doc_number="红民发〔2023〕12号", live=True
    )
    cites_current = document(jiuzhu, "第二条 按照红民发〔2023〕12号文件执行。", slug="a")
    repeals_old = document(
        jiuzhu,
        "第十条 本办法自印发之日起施行，《红寺堡区农村最低生活保障审核审批实施办法》（红民发〔2019〕8号）同时废止。",
        slug="b",
    )
    assert findings(cites_current, "own_document") == []
    assert findings(repeals_old, "own_document") == []


OLD_TITLE = "《红寺堡区农村最低生活保障审核审批实施办法》"


@pytest.mark.parametrize(
    "clause",
    [
        f"{OLD_TITLE}(红民发〔2019〕8号)同时废止。",
        f"{OLD_TITLE}（红民发〔2019〕8号）、《红寺堡区临时救助实施细则》（红民发〔2018〕6号）一并废止。",
        f"{OLD_TITLE}（红民发〔2019〕8号）自2024年1月1日起废止。",
        f"{OLD_TITLE}（红民发〔2019〕8号）予以废止。",
        f"{OLD_TITLE}（红民发〔2019〕8号）同时停止执行。",
    ],
)
def test_every_form_of_repealing_our_document_is_fine(abolished, jiuzhu, clause):
    page = document(jiuzhu, f"第十条 本办法自印发之日起施行，{clause}", slug="b")
    assert findings(page, "own_document") == []
    relying = document(jiuzhu, f"第二条 依照{OLD_TITLE}（红民发〔2019〕8号）执行。", slug="c")
    assert [f.severity for f in findings(relying, "own_document")] == ["阻断"]
