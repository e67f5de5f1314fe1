"""Citation detection over the whole statute library, and cleanup after a library update.

The detector sees every statute, whatever its status: a repealed one is found, an amended one
warned, and a longer title in force shadows a shorter repealed name inside it.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.models import Statute, StatuteImport
from cms.statute_import.services import statutes_import
from search.cleanup.citations import (
    StatuteName,
    find_amended_citations,
    find_citations,
    find_repealed_citations,
)
from search.cleanup.statutes import CIVIL_CODE_REPEALED, library_from_file
from search.models import CleanupFinding
from search.models.cleanup import FindingRule
from tests import factories
from tests.prereview.helpers import document, findings

DEMO_LIBRARY = Path(__file__).resolve().parents[2] / "bureau/demo/statutes.csv"
LIBRARY = [
    *CIVIL_CODE_REPEALED,
    StatuteName("中华人民共和国劳动合同法", ("劳动合同法",), "现行有效"),
    StatuteName("中华人民共和国技术合同法", ("技术合同法",), "已废止"),
    StatuteName("中华人民共和国监察法", ("监察法",), "现行有效"),
    StatuteName("中华人民共和国行政监察法", ("行政监察法",), "已废止"),
    StatuteName("信访条例", (), "已废止"),
    StatuteName("信访工作条例", (), "现行有效"),
    StatuteName("中华人民共和国行政复议法", ("行政复议法",), "已修改"),
    StatuteName("中华人民共和国民事诉讼法", ("民事诉讼法",), "现行有效"),
    StatuteName("中华人民共和国民事诉讼法（试行）", (), "已废止"),
    StatuteName("婚姻登记管理条例", (), "已废止"),
]


def cited(text: str) -> list[str]:
    return [c.statute for c in find_repealed_citations(text, LIBRARY)]


def test_any_repealed_statute_of_the_library_is_found_in_every_form():
    assert cited("依照《信访条例》第十条办理。") == ["信访条例"]
    assert cited("根据《中华人民共和国行政监察法》的规定") == ["中华人民共和国行政监察法"]
    assert cited("依照 行政监察法 第二条") == ["中华人民共和国行政监察法"]
    assert cited("按《婚姻登记管理条例（1994年）》执行") == ["婚姻登记管理条例"]
    assert cited("《最高人民法院关于适用〈中华人民共和国技术合同法〉若干问题的解释》") == [
        "中华人民共和国技术合同法"
    ]


def test_longest_title_wins_over_a_shorter_one_inside_it():
    assert cited("根据《信访工作条例》和《监察法》，依照劳动合同法第十条。") == []
    # 技术合同法 is itself repealed, but it is not the 合同法.
    assert cited("依照技术合同法第五条") == ["中华人民共和国技术合同法"]
    # A title written in full beats the 民事诉讼法（试行） read without its suffix.
    assert cited("依照《中华人民共和国民事诉讼法》第一百条") == []
    assert cited("依照《民事诉讼法（试行）》第五条") == ["中华人民共和国民事诉讼法（试行）"]


def test_amended_statutes_are_warned_and_repeal_clauses_are_not_citations():
    text = "依照《中华人民共和国行政复议法》第九条。"
    assert [c.statute for c in find_amended_citations(text, LIBRARY)] == [
        "中华人民共和国行政复议法"
    ]
    assert find_repealed_citations(text, LIBRARY) == []
    clause = "第一千二百六十条 本法自2021年1月1日起施行。《中华人民共和国婚姻法》、《中华人民共和国合同法》同时废止。"
    assert find_repealed_citations(clause, LIBRARY) == []
    statuses = {c.status for c in find_citations("依照《信访工作条例》和《信访条例》", LIBRARY)}
    assert statuses == {"现行有效", "已废止"}


def test_the_whole_library_scan_agrees_with_the_nine_on_the_nine():
    """The automaton (hundreds of names) and the regex (the nine) give the same hits."""
    library = library_from_file(DEMO_LIBRARY.name, DEMO_LIBRARY.read_bytes())
    assert len(library) > 200
    text = (
        "依照《中华人民共和国合同法》第五十二条和《劳动合同法》，参照婚姻法第三条，"
        "根据《社会救助暂行办法》《城市流浪乞讨人员收容遣送办法》办理。"
    )
    nine = [(c.statute, c.start) for c in find_repealed_citations(text, list(CIVIL_CODE_REPEALED))]
    whole = find_repealed_citations(text, library)
    assert nine == [(c.statute, c.start) for c in whole if c.statute in dict(nine)]
    assert [c.statute for c in whole] == [
        "中华人民共和国合同法",
        "中华人民共和国婚姻法",
        "城市流浪乞讨人员收容遣送办法",
    ]


@pytest.mark.django_db
def test_the_demo_library_imports_cleanly_and_twice_is_a_no_op():
    plan, record = statutes_import(file_name=DEMO_LIBRARY.name, data=DEMO_LIBRARY.read_bytes())
    assert len(plan.rows) >= 200 and record is not None
    assert Statute.objects.get(name="信访条例").replaced_by.name == "信访工作条例"
    again, none = statutes_import(file_name=DEMO_LIBRARY.name, data=DEMO_LIBRARY.read_bytes())
    assert none is None and not again.changed


LIBRARY_CSV = "标题,制定机关,公布日期,时效性,废止日期,别名/简称\n" + "\n".join(
    [
        "殡葬管理条例,国务院,2012-11-09,{burial},{burial_repealed},殡葬条例",
        "中华人民共和国行政复议法,全国人民代表大会常务委员会,2017-09-01,{review},,行政复议法",
        "志愿服务条例,国务院,2017-08-22,有效,,",
    ]
)


def library_csv(burial="有效", burial_repealed="", review="有效") -> bytes:
    return LIBRARY_CSV.format(
        burial=burial, burial_repealed=burial_repealed, review=review
    ).encode()


@pytest.mark.django_db
def test_after_an_update_cleanup_and_prereview_find_the_newly_repealed_and_amended(
    site_tree, jiuzhu, login
):
    statutes_import(file_name="v1.csv", data=library_csv())
    burial = factories.make_document(
        jiuzhu, live=True, title="关于殡葬服务的实施办法", body="<p>根据《殡葬管理条例》制定。</p>"
    )
    review = factories.make_document(
        jiuzhu,
        live=True,
        title="关于行政复议告知的规定",
        slug="review",
        body="<p>依照行政复议法第九条告知。</p>",
    )
    factories.make_document(
        jiuzhu,
        live=True,
        title="志愿服务办法",
        slug="volunteer",
        body="<p>根据《志愿服务条例》制定。</p>",
    )
    _plan, record = statutes_import(
        file_name="v2.csv",
        data=library_csv(burial="已废止", burial_repealed="2026-06-01", review="已修改"),
    )
    assert record.changed_names == ["殡葬管理条例", "中华人民共和国行政复议法"]

    admin = factories.user_with_role("admin", username="statute-admin", is_superuser=True)
    client = login(admin)
    report = client.get(reverse("statute_import_report", args=[record.pk])).content.decode()
    start_url = reverse("cleanup_from_statute_import", args=[record.pk])
    assert start_url in report and "新废止（1 部）" in report
    response = client.post(start_url)
    assert response.status_code == 302
    campaign = record.campaigns.get()
    run = campaign.runs.get()
    found = {(f.document_id, f.rule, f.subject) for f in CleanupFinding.objects.filter(run=run)}
    assert found == {
        (burial.pk, FindingRule.REPEALED_STATUTE, "殡葬管理条例"),
        (review.pk, FindingRule.AMENDED_STATUTE, "中华人民共和国行政复议法"),
    }
    assert run.candidates == 2 and run.documents_examined == 3
    # A second click opens the same campaign instead of making another.
    client.post(start_url)
    assert record.campaigns.count() == 1

    draft = document(
        jiuzhu, "第一条 根据《殡葬管理条例》和《中华人民共和国行政复议法》制定本办法。", slug="d"
    )
    [repealed] = findings(draft, "repealed_statute")
    assert "《殡葬管理条例》已废止" in repealed.message
    [amended] = findings(draft, "amended_statute")
    assert amended.severity == "提示"


@pytest.mark.django_db
def test_command_reports_changes_and_starts_the_campaign(tmp_path, capsys, site_tree):
    first = tmp_path / "v1.csv"
    first.write_bytes(library_csv())
    call_command("import_statutes", str(first))
    second = tmp_path / "v2.csv"
    second.write_bytes(library_csv(burial="已废止", burial_repealed="2026年6月1日"))
    call_command("import_statutes", str(second), "--dry-run")
    assert Statute.objects.get(name="殡葬管理条例").status == "现行有效"
    call_command("import_statutes", str(second), "--campaign")
    out = capsys.readouterr().out
    assert "试导入（未写入）" in out
    assert "新废止：殡葬管理条例" in out
    assert "已发起清理活动" in out
    record = StatuteImport.objects.latest("pk")
    assert record.campaigns.get().statutes == ["殡葬管理条例"]
    assert Statute.objects.get(name="殡葬管理条例").repealed_on == dt.date(2026, 6, 1)
