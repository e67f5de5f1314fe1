"""What the system extracts from one file, through the same ``extract`` an upload's task runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.extraction import METHODS, extract


class Command(BaseCommand):
    help = (
        "提取一个文件的文字（与上传附件后的后台提取相同的代码与上限），"
        "输出状态、提取方式（文字层 / OCR / 混合）、页数、OCR 平均置信度、说明和文字。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="PDF、DOCX、TXT 或 PNG/JPEG/TIFF 图片")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="以 JSON 输出（便于脚本处理）"
        )
        parser.add_argument("--password", default=None, help="加密 PDF 的打开密码")

    def handle(self, *args: Any, file: Path, as_json: bool, password: str | None, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror or exc}") from exc
        result = extract(data, file.name, password=password)
        report = {
            "file": str(file),
            "status": result.status,
            "method": result.method,
            "method_label": METHODS[result.method],
            "pages": result.pages,
            "ocr_pages": result.ocr_pages,
            "confidence": result.confidence,
            "repaired": result.repaired,
            "note": result.note,
            "text": result.text,
        }
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        confidence = "" if result.confidence is None else f"{result.confidence:.1f}%"
        for label, value in (
            ("文件", file),
            ("状态", result.status),
            ("提取方式", METHODS[result.method]),
            ("页数", result.pages),
            ("OCR 识别页数", result.ocr_pages),
            ("OCR 平均置信度", confidence or "—"),
            ("说明", result.note or "—"),
        ):
            self.stdout.write(f"{label}：{value}")
        self.stdout.write("文字：")
        self.stdout.write(result.text.replace("\f", "\n\f\n"))
