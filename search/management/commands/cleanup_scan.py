"""``cleanup_scan``: check texts for citations of repealed statutes before they enter the system.

It also makes the detector testable from outside (issue 4, item 5): JSON lines in, JSON lines
out, nothing read from the database but the statute list. One output line per input line, in
order, so a bad line is reported where it is instead of aborting a batch of thousands.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.cleanup.citations import StatuteName, cited_statutes, find_repealed_citations
from search.cleanup.statutes import CIVIL_CODE_REPEALED, repealed_statutes_or_builtin

RULE = "repealed_statute"


def open_text_lines(path: Path) -> Iterator[bytes]:
    """Yield raw lines of ``path``, gunzipping when the file starts with the gzip magic bytes."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        yield from handle


def scan_record(raw: bytes, line_no: int, statutes: list[StatuteName]) -> dict[str, Any] | None:
    """The output object for one input line; None for a blank line (not an input)."""
    try:
        line = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError as exc:
        return _error(None, line_no, f"第 {line_no} 行不是 UTF-8 编码：{exc.reason}")
    if not line:
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(
            None, line_no, f"第 {line_no} 行不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）"
        )
    if not isinstance(record, dict):
        return _error(
            None, line_no, f"第 {line_no} 行应为 JSON 对象，实际为 {type(record).__name__}"
        )
    doc_id = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        reason = "缺少 text 字段" if text is None else "text 字段应为字符串"
        return _error(doc_id, line_no, f"第 {line_no} 行{reason}，未检查")
    citations = find_repealed_citations(text, statutes)
    return {
        "id": doc_id,
        "repealed": cited_statutes(citations),
        "findings": [
            {
                "rule": RULE,
                "statute": citation.statute,
                "start": citation.start,
                "end": citation.end,
                "excerpt": citation.excerpt,
                "form": citation.form,
            }
            for citation in citations
        ],
    }


def _error(doc_id: Any, line_no: int, message: str) -> dict[str, Any]:
    return {"id": doc_id, "line": line_no, "repealed": [], "findings": [], "error": message}


class Command(BaseCommand):
    help = (
        '清理预检：逐行读取 JSON Lines（每行 {"id", "title", "text"}，可为 .gz），'
        "检查是否引用已废止的法律法规（含《》、〈〉嵌套及不加书名号的引用，排除《劳动合同法》"
        '等近似名称及废止条款），每个输入行输出一行 {"id", "repealed", "findings"}。'
        '格式错误的行输出带 "error" 字段的一行，不中断处理。'
        "法规清单取自法律法规库中“已废止”的条目；库为空或未迁移时使用民法典废止的九部法律。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jsonl", required=True, help="输入文件（JSON Lines，可为 gzip 压缩）")
        parser.add_argument("--out", required=True, help="输出文件（JSON Lines）；“-”表示标准输出")
        parser.add_argument(
            "--builtin",
            action="store_true",
            help="不读数据库，直接使用民法典第一千二百六十条废止的九部法律",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["jsonl"])
        if not source.is_file():
            raise CommandError(f"找不到输入文件：{source}")
        if options["builtin"]:
            statutes, origin = list(CIVIL_CODE_REPEALED), "builtin"
        else:
            statutes, origin = repealed_statutes_or_builtin()
        if origin == "builtin" and not options["builtin"]:
            self.stderr.write("法律法规库中没有“已废止”的条目，改用民法典废止的九部法律。")
        counts = {"scanned": 0, "flagged": 0, "errors": 0}
        try:
            if options["out"] == "-":
                self._scan(source, statutes, self.stdout.write, counts)
            else:
                with Path(options["out"]).open("w", encoding="utf-8") as out:
                    self._scan(source, statutes, lambda line: out.write(line + "\n"), counts)
        except (OSError, EOFError) as exc:
            raise CommandError(f"读写失败：{exc}") from exc
        self.stderr.write(
            f"共检查 {counts['scanned']} 行（法规 {len(statutes)} 部），"
            f"{counts['flagged']} 份引用已废止法律，{counts['errors']} 行有错误。"
        )

    @staticmethod
    def _scan(
        source: Path,
        statutes: list[StatuteName],
        write: Callable[[str], object],
        counts: dict[str, int],
    ) -> None:
        """Write one JSON line per non-blank input line; ``counts`` feeds the summary."""
        for line_no, raw in enumerate(open_text_lines(source), start=1):
            result = scan_record(raw, line_no, statutes)
            if result is None:
                continue
            counts["scanned"] += 1
            counts["errors"] += "error" in result
            counts["flagged"] += bool(result["repealed"])
            write(json.dumps(result, ensure_ascii=False))
