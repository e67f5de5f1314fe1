"""``evaluate_cleanup``: precision/recall of the repealed-statute rule on the labelled dev set.

An evaluation, not a test: the shared data lives beside the checkout (``../shared/data``) and
may be absent, in which case the command says so and exits 0. It prints the issue's targets
(recall ≥ 0.99, precision ≥ 0.98, no hard negative flagged, the 民法典 not flagged) and each
miss with an excerpt, so a rule change can be judged by reading what it broke.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.cleanup.evaluation import Miss, Scores, evaluate
from search.cleanup.statutes import (
    CIVIL_CODE_REPEALED,
    library_from_file,
    statute_names_from_db,
)


def default_dataset() -> Path:
    return Path(settings.BASE_DIR).parent / "shared/data/laws_dev.jsonl.gz"


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


class Command(BaseCommand):
    help = (
        "清理规则评估：在标注开发集 laws_dev.jsonl.gz（默认 BASE_DIR 上级目录的 "
        "shared/data/laws_dev.jsonl.gz）上运行“引用已废止法律”检测，"
        "对照 labels.cites_repealed_loose 报告文档级与法规级的准确率（precision）和召回率"
        "（recall）、被误报的困难负例数（应为 0）、民法典废止条款是否被误报、处理速度（篇/秒），"
        "并逐条列出误报与漏报。按开发集说明，民法典本身的标注（其废止条款列举了九部法律）"
        "修正为不引用，原始标注下的结果一并列出。数据文件不存在时给出提示并正常退出。"
        "目标：召回率 ≥ 0.99，准确率 ≥ 0.98，困难负例误报 0，民法典不被标记。"
        "用法：python manage.py evaluate_cleanup [--path 文件] [--from-db] [--check]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", type=Path, default=None, help="开发集路径（.jsonl 或 .jsonl.gz）"
        )
        parser.add_argument(
            "--from-db",
            action="store_true",
            help="使用法律法规库中“已废止”的条目（默认使用民法典废止的九部法律，与标注一致）",
        )
        parser.add_argument(
            "--library",
            type=Path,
            default=None,
            help="以整个法规清单（import_statutes 的格式，如 bureau/demo/statutes.csv）检测："
            "其中现行有效的较长名称屏蔽所含的较短名称，已废止的都会报告",
        )
        parser.add_argument(
            "--check", action="store_true", help="未达到目标时以非零状态退出（用于持续集成）"
        )
        parser.add_argument("--limit", type=int, default=50, help="每类最多列出的条目数")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"] or default_dataset()
        if not path.is_file():
            self.stdout.write(
                f"未找到标注开发集 {path}，跳过清理规则评估（评估需要 ../shared/data；项目测试不依赖它）。"
            )
            return
        if options["library"]:
            library: Path = options["library"]
            statutes = library_from_file(library.name, library.read_bytes())
        elif options["from_db"]:
            statutes = statute_names_from_db()
        else:
            statutes = list(CIVIL_CODE_REPEALED)
        if not statutes:
            raise CommandError("法律法规库中没有“已废止”的条目；去掉 --from-db 使用内置清单。")
        try:
            scores = evaluate(read_records(path), statutes)
        except (OSError, EOFError, json.JSONDecodeError) as exc:
            raise CommandError(f"读取开发集 {path} 失败：{exc}") from exc
        self._report(path, scores, options["limit"])
        if options["check"] and not scores.meets_target():
            raise CommandError("未达到目标。")

    def _report(self, path: Path, s: Scores, limit: int) -> None:
        w = self.stdout.write
        w(f"数据集：{path}（{s.documents} 篇，{s.chars / 1e6:.1f} 百万字）")
        w(
            f"速度：{s.docs_per_second:,.0f} 篇/秒，{s.chars / s.seconds / 1e6 if s.seconds else 0:.1f} "
            f"百万字/秒（检测耗时 {s.seconds:.2f} 秒）"
        )
        w("文档级（labels.cites_repealed_loose 非空即为正例，民法典修正为负例）：")
        w(
            f"  准确率 precision = {s.precision:.4f}  召回率 recall = {s.recall:.4f}  "
            f"（TP {s.tp}，FP {s.fp}，FN {s.fn}）"
        )
        w(
            f"  原始标注：precision = {s.raw_precision:.4f}  recall = {s.raw_recall:.4f}  "
            f"（TP {s.raw_tp}，FP {s.raw_fp}，FN {s.raw_fn}）"
        )
        w(
            f"法规级（每篇引用的法规集合）：precision = {s.set_precision:.4f}  "
            f"recall = {s.set_recall:.4f}  （TP {s.set_tp}，FP {s.set_fp}，FN {s.set_fn}）"
        )
        w(
            f"困难负例：{s.hard_negatives} 篇，其中被误报近似名称的 {len(s.hard_negatives_flagged)} 篇"
        )
        code = "被标记（错误）" if s.civil_code_flagged else "未被标记"
        w(f"民法典（{s.civil_code_documents} 个版本）废止条款：{code}")
        if s.unlabelled_statutes:
            w(f"另有 {s.unlabelled_statutes} 处引用了标注范围以外的已废止法规（不计入得分）")
        verdict = "达到" if s.meets_target() else "未达到"
        w(f"目标（recall ≥ 0.99，precision ≥ 0.98，困难负例 0，民法典不标记）：{verdict}")
        for heading, misses in (
            ("误报（FP）", s.false_positives),
            ("漏报（FN）", s.false_negatives),
            ("被误报的困难负例", s.hard_negatives_flagged),
            ("民法典被标记", s.civil_code_flagged),
            ("文档命中但法规集合不同", s.set_differences),
        ):
            self._list(heading, misses, limit)

    def _list(self, heading: str, misses: list[Miss], limit: int) -> None:
        if not misses:
            return
        self.stdout.write(f"{heading}：{len(misses)} 条")
        for miss in misses[:limit]:
            self.stdout.write(
                f"  {miss.doc_id} 《{miss.title[:40]}》 {'、'.join(miss.statutes)}：…{miss.excerpt}…"
            )
        if len(misses) > limit:
            self.stdout.write(f"  ……其余 {len(misses) - limit} 条从略（--limit 调整）")
