"""Evaluate search.extraction on the real-world PDFs in ../shared/data/pdfs (an evaluation, not a test)."""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser, DjangoHelpFormatter

from search import scan_samples
from search.extraction import Extraction, extract

HELP = """对 ../shared/data/pdfs/manifest.json 中每个文件运行 extract()，按类别统计处理正确的数量。

判定规则（correct）：
  zh_text                        status=ok，且 expected_snippet 出现在文本中（两边空白都折叠为单个空格后比较）
  zh_text_dup                    同上，且片段不再重复出现（"片段片段"或"片段 片段"已被折叠）
  zh_text_pypdf_fails            同上（修复或 OCR 成功），或 status 为 ok/empty 且说明含"无法提取文字"
                                 或"已改用文字识别"——字体缺少正确 ToUnicode 映射的文字 pypdf 无法
                                 还原，此时改用 OCR 或如实告知文书人员，而不是把乱码当作正常文字
                                 （判定列写明片段是否由 OCR 识别出）
  encrypted_needs_password       status=needs_password；加 --use-passwords 时用清单中的密码，须 status=ok 且有文字
  encrypted_empty_user_password  status=ok 且有文字（空密码即可打开）
  malformed                      status 为 malformed 或 empty，未抛异常，且在时间上限内返回
任何类别中 extract() 抛出异常或超过时间上限（EXTRACTION_MAX_SECONDS + 1 秒；有 OCR 页时
每页另加 OCR_PAGE_SECONDS）都算错误。
pypdf 解密 AES 需要 cryptography 包；缺少时 AES 加密的文件得到 status=unsupported，计为错误。
数据目录不存在时给出提示（仍评测扫描件）。

扫描件（不需要数据目录）：把 search.scan_samples 中的正文段落用中文字体（fonts-wqy-microhei）
渲染为 300 dpi 的 A4 页面，存为只有图像、没有文字层的 PDF（12 磅与 16 磅即三号字各一份），
再加一份带乱码文字层（GBK 字节按 Latin-1 显示）的同样页面；逐份运行 extract()，报告
字符准确率（1 − CER，忽略空白，Levenshtein 距离除以原文字数）、OCR 平均置信度和每页秒数。
目标：清晰的 300 dpi 正文扫描件字符准确率 ≥ 95%。"""


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keep the rule table above as written."""


def _norm(text: str) -> str:
    return " ".join(text.split())


def judge(
    entry: dict[str, Any], result: Extraction, seconds: float, limit: float, use_passwords: bool
) -> tuple[bool, str]:
    """Apply the rule of the entry's category (see HELP); return (correct, why not)."""
    category, snippet = entry["category"], _norm(entry.get("expected_snippet") or "")
    text = _norm(result.text)
    if seconds > limit:
        return False, f"耗时 {seconds:.1f}s 超过上限 {limit:g}s"
    if category == "malformed":
        return result.status in {"malformed", "empty"}, f"status={result.status}"
    if category == "encrypted_needs_password":
        if use_passwords and entry.get("password"):
            return result.status == "ok" and bool(text), f"status={result.status} {result.note}"
        return result.status == "needs_password", f"status={result.status} {result.note}"
    found = result.status == "ok" and (snippet in text if snippet else bool(text))
    if (
        category == "zh_text_dup"
        and found
        and (f"{snippet}{snippet}" in text or f"{snippet} {snippet}" in text)
    ):
        return False, "重复文字未折叠"
    if category == "zh_text_pypdf_fails" and not found:
        if result.status == "ok" and "已改用文字识别" in result.note:
            return True, f"已标注文字层乱码并改用 OCR，但 OCR 未识别出片段：{text[:40]!r}"
        flagged = result.status in {"ok", "empty"} and "无法提取文字" in result.note
        return (
            flagged,
            "已如实标注无法提取文字" if flagged else f"未找到片段且未标注：{text[:40]!r}",
        )
    return found, "" if found else f"status={result.status}，未找到片段 {snippet!r}：{text[:60]!r}"


class Command(BaseCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared/data/pdfs",
            help="包含 manifest.json 的目录",
        )
        parser.add_argument(
            "--use-passwords", action="store_true", help="对需要密码的文件使用清单中给出的密码"
        )
        parser.add_argument("--no-scans", action="store_true", help="不评测生成的扫描件")
        parser.add_argument("--scans-only", action="store_true", help="只评测生成的扫描件")

    def handle(self, *args: Any, path: Path, use_passwords: bool, **options: Any) -> None:
        if not options["scans_only"]:
            self.real_files(path, use_passwords)
        if not options["no_scans"]:
            self.scans()

    def scans(self) -> None:
        """OCR of generated scans: character accuracy and seconds per page."""
        self.stdout.write("\n扫描件（生成，300 dpi，无文字层 / 乱码文字层）：")
        self.stdout.write(
            f"{'样本':<16} {'方式':<6} {'准确率':>8} {'置信度':>7} {'秒/页':>7}  说明"
        )
        rows = []
        for number, paragraph in enumerate(scan_samples.SAMPLES, 1):
            for label, points, make in (
                ("12 磅", 12, scan_samples.scanned_pdf),
                ("三号 16 磅", 16, scan_samples.scanned_pdf),
                ("乱码文字层", 12, scan_samples.garbled_layer_pdf),
            ):
                lines = scan_samples.wrap(paragraph, points=points)
                options = {"points": points} if make is scan_samples.scanned_pdf else {}
                data = make([lines], **options) if options else make(lines)
                started = time.perf_counter()
                result = extract(data, f"scan-{number}.pdf")
                seconds = time.perf_counter() - started
                accuracy = scan_samples.character_accuracy(paragraph, result.text)
                rows.append((len("".join(paragraph.split())), accuracy, seconds))
                confidence = "—" if result.confidence is None else f"{result.confidence:.1f}"
                self.stdout.write(
                    f"样本{number} {label:<12} {result.method or '无':<6} {accuracy:>8.2%} "
                    f"{confidence:>7} {seconds:>7.1f}  {result.note}"
                )
        characters = sum(n for n, _, _ in rows)
        accuracy = sum(n * a for n, a, _ in rows) / characters
        self.stdout.write(
            f"合计 {len(rows)} 页，{characters} 字：字符准确率 {accuracy:.2%}（目标 ≥ 95%），"
            f"平均每页 {sum(s for _, _, s in rows) / len(rows):.1f} 秒"
        )

    def real_files(self, path: Path, use_passwords: bool) -> None:
        manifest = path / "manifest.json"
        if not manifest.is_file():
            self.stdout.write(
                f"未找到评测数据 {manifest}（../shared/data/pdfs 不存在），跳过评测。"
            )
            return
        limit = float(settings.EXTRACTION_MAX_SECONDS)
        ocr_page = float(settings.OCR_PAGE_SECONDS)
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.stdout.write(
            f"{'文件':<44} {'类别':<30} {'状态':<15} {'页':>4} {'修复':<4} {'方式':<6} {'秒':>6}  判定"
        )
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            data = (path / entry["file"]).read_bytes()
            password = entry.get("password") if use_passwords else None
            started = time.perf_counter()
            try:
                result = extract(data, entry["file"], password=password or None)
                seconds = time.perf_counter() - started
                allowed = limit + 1 + ocr_page * result.ocr_pages
                correct, why = judge(entry, result, seconds, allowed, use_passwords)
            except Exception as exc:  # an exception is exactly what the evaluation must catch
                seconds, correct, why = (
                    time.perf_counter() - started,
                    False,
                    f"异常 {type(exc).__name__}: {exc}",
                )
                result = Extraction("", "exception", "", 0, False)
            totals[entry["category"]][0] += correct
            totals[entry["category"]][1] += 1
            mark = "✓" if correct else "✗"
            detail = (
                why
                if not correct or entry["category"] == "zh_text_pypdf_fails"
                else (result.note or "")
            )
            self.stdout.write(
                f"{entry['file']:<44} {entry['category']:<30} {result.status:<15} {result.pages:>4} "
                f"{'是' if result.repaired else '':<4} {result.method or '—':<6} {seconds:>6.3f}  "
                f"{mark} {detail}"
            )
        self.stdout.write("\n按类别统计（正确/总数）：")
        for category, (ok, total) in totals.items():
            self.stdout.write(f"  {category:<30} {ok}/{total}")
        ok = sum(v[0] for v in totals.values())
        total = sum(v[1] for v in totals.values())
        self.stdout.write(f"  {'合计':<30} {ok}/{total}")
