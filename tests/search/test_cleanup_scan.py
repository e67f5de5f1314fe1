"""``cleanup_scan`` end to end, the statute list from the database, and the evaluation command."""

from __future__ import annotations

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cms.models import Statute, StatuteStatus
from search.cleanup.evaluation import evaluate
from search.cleanup.statutes import (
    CIVIL_CODE_REPEALED,
    amended_statute_names_from_db,
    repealed_statutes_or_builtin,
    statute_names_from_db,
)

NINE = {statute.canonical for statute in CIVIL_CODE_REPEALED}
LINES = [
    json.dumps(
        {"id": "a", "title": "合同管理办法", "text": "根据《中华人民共和国合同法》，制定本办法。"},
        ensure_ascii=False,
    ),
    json.dumps(
        {"id": "b", "title": "劳动用工办法", "text": "依照《劳动合同法》第十条订立劳动合同。"},
        ensure_ascii=False,
    ),
    '{"id": "c", "text": 未加引号}',
    "",
    json.dumps({"id": "d", "title": "没有正文"}, ensure_ascii=False),
    "[1, 2]",
    json.dumps(
        {
            "id": "e",
            "text": "依照婚姻法第三十二条处理。本办法自发布之日起施行，《继承法》同时废止。",
        },
        ensure_ascii=False,
    ),
]


def write_input(path: Path) -> Path:
    content = "\n".join(LINES) + "\n"
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(content.encode("utf-8")))
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run_scan(source: Path, out: Path, *extra: str) -> tuple[list[dict], str]:
    stderr = StringIO()
    call_command("cleanup_scan", "--jsonl", str(source), "--out", str(out), *extra, stderr=stderr)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, stderr.getvalue()


def check_rows(rows: list[dict]) -> None:
    assert [row["id"] for row in rows] == ["a", "b", None, "d", None, "e"]  # blank line skipped
    a, b, bad_json, no_text, not_object, e = rows
    assert a["repealed"] == ["中华人民共和国合同法"]
    [finding] = a["findings"]
    assert finding["rule"] == "repealed_statute"
    assert finding["statute"] == "中华人民共和国合同法"
    text = json.loads(LINES[0])["text"]
    assert text[finding["start"] : finding["end"]] == "《中华人民共和国合同法》"
    assert "合同法" in finding["excerpt"]
    assert b == {"id": "b", "repealed": [], "findings": []}
    assert "第 3 行不是有效的 JSON" in bad_json["error"]
    assert "缺少 text 字段" in no_text["error"]
    assert "JSON 对象" in not_object["error"]
    assert all(row["repealed"] == [] for row in (bad_json, no_text, not_object))
    assert e["repealed"] == ["中华人民共和国婚姻法"]  # 继承法 only sits in the repeal clause


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["docs.jsonl", "docs.jsonl.gz"])
def test_cleanup_scan_plain_and_gzip_with_bad_lines(tmp_path, name):
    rows, summary = run_scan(write_input(tmp_path / name), tmp_path / "out.jsonl")
    check_rows(rows)
    assert "共检查 6 行" in summary and "3 行有错误" in summary


def test_cleanup_scan_builtin_list_needs_no_database(tmp_path):
    # No ``db`` fixture: pytest-django would raise on any query.
    rows, _ = run_scan(write_input(tmp_path / "docs.jsonl"), tmp_path / "out.jsonl", "--builtin")
    check_rows(rows)


@pytest.mark.django_db
def test_cleanup_scan_to_stdout_and_with_statutes_added_in_the_reference_list(tmp_path):
    Statute.objects.create(
        name="某县城市房屋拆迁管理办法",
        short_name="拆迁办法",
        status=StatuteStatus.REPEALED,
    )
    source = tmp_path / "one.jsonl"
    source.write_text(
        json.dumps({"id": 7, "text": "依据《某县城市房屋拆迁管理办法》和物权法第四十二条。"}),
        encoding="utf-8",
    )
    stdout = StringIO()
    call_command("cleanup_scan", "--jsonl", str(source), "--out", "-", stdout=stdout)
    [row] = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert row["id"] == 7
    assert row["repealed"] == ["某县城市房屋拆迁管理办法", "中华人民共和国物权法"]


@pytest.mark.django_db
def test_cleanup_scan_falls_back_to_the_nine_when_the_list_is_empty(tmp_path):
    Statute.objects.filter(status=StatuteStatus.REPEALED).delete()
    rows, summary = run_scan(write_input(tmp_path / "docs.jsonl"), tmp_path / "out.jsonl")
    check_rows(rows)
    assert "改用民法典废止的九部法律" in summary


def test_cleanup_scan_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="找不到输入文件"):
        call_command("cleanup_scan", "--jsonl", str(tmp_path / "nope.jsonl"), "--out", "-")


def test_cleanup_scan_invalid_utf8_line_is_reported(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_bytes(b'{"id": "x", "text": "\xff\xfe"}\n')
    rows, _ = run_scan(source, tmp_path / "out.jsonl", "--builtin")
    assert "不是 UTF-8 编码" in rows[0]["error"]


@pytest.mark.django_db
def test_statute_list_from_db_has_the_nine_preloaded_repealed_laws():
    statutes = statute_names_from_db()
    by_name = {statute.canonical: statute for statute in statutes}
    assert set(by_name) >= NINE
    assert "中华人民共和国民法典" not in by_name
    assert {"中华人民共和国合同法", "合同法"} <= set(by_name["中华人民共和国合同法"].names)
    library, origin = repealed_statutes_or_builtin()
    assert origin == "database"
    # The whole library: the repealed nine, and the 民法典 in force that shadows nothing here.
    assert [s for s in library if s.status == "已废止"] == statutes
    assert "中华人民共和国民法典" in {s.canonical for s in library}
    assert amended_statute_names_from_db() == []


@pytest.mark.django_db
def test_amended_variant_reads_statutes_marked_amended():
    Statute.objects.create(
        name="中华人民共和国某某法", short_name="某某法", status=StatuteStatus.AMENDED
    )
    [amended] = amended_statute_names_from_db()
    assert amended.canonical == "中华人民共和国某某法"
    assert "某某法" in amended.names


def test_evaluation_scores_small_labelled_records():
    def record(doc_id, title, text, loose, hard=False):
        labels = {"cites_repealed_loose": loose, "hard_negative": hard}
        return {"id": doc_id, "title": title, "text": text, "labels": labels}

    records = [
        record("1", "某办法", "依照合同法第七十三条。", ["合同法"]),
        record("2", "某条例", "根据《劳动合同法》制定。", [], hard=True),
        record("3", "中华人民共和国民法典", "《中华人民共和国合同法》同时废止。", ["合同法"]),
        record("4", "某规定", "根据《中华人民共和国物权法》制定。", ["物权法", "担保法"]),
        record("5", "某通知", "没有引用。", ["婚姻法"]),
    ]
    scores = evaluate(records, list(CIVIL_CODE_REPEALED))
    assert (scores.tp, scores.fp, scores.fn) == (2, 0, 1)
    assert (scores.raw_tp, scores.raw_fn) == (2, 2)  # raw labels count the 民法典 clause
    assert (scores.set_tp, scores.set_fp, scores.set_fn) == (2, 0, 2)
    assert scores.hard_negatives == 1 and not scores.hard_negatives_flagged
    assert scores.civil_code_documents == 1 and not scores.civil_code_flagged
    assert [miss.doc_id for miss in scores.false_negatives] == ["5"]
    assert not scores.meets_target()


def test_evaluate_cleanup_without_the_dataset_says_so_and_exits_zero(tmp_path):
    stdout = StringIO()
    call_command("evaluate_cleanup", "--path", str(tmp_path / "absent.jsonl.gz"), stdout=stdout)
    assert "未找到标注开发集" in stdout.getvalue()


def test_evaluate_cleanup_on_a_small_file(tmp_path):
    path = tmp_path / "dev.jsonl.gz"
    record = {
        "id": "x1",
        "title": "某办法",
        "text": "依照《合同法》第五十二条。",
        "labels": {"cites_repealed_loose": ["合同法"], "hard_negative": False},
    }
    path.write_bytes(gzip.compress((json.dumps(record, ensure_ascii=False) + "\n").encode()))
    stdout = StringIO()
    call_command("evaluate_cleanup", "--path", str(path), "--check", stdout=stdout)
    output = stdout.getvalue()
    assert "precision = 1.0000" in output and "recall = 1.0000" in output
    assert "达到" in output
