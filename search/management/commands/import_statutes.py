"""``import_statutes FILE [--dry-run] [--campaign]``: bring a statute list into the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.statute_import.services import CHANGE_KINDS, StatuteImportError, statutes_import
from search.cleanup.services import CleanupError, campaign_for_statute_changes

SHOWN_PER_KIND = 30


class Command(BaseCommand):
    help = (
        "导入法律法规库：CSV、XLSX、JSON 或 JSONL，列为 标题、制定机关、公布日期、施行日期、"
        "时效性（有效/已修改/已废止/尚未生效）、废止日期、被替代为、别名/简称、效力层级；"
        "也接受国家法律法规数据库（flk.npc.gov.cn）导出的 title、office、publish、expiry、status "
        "字段。按标题更新已有条目，全部成功才写入，任何一行有误都不导入并逐行说明。"
        "导入后给出变更报告（新增、新废止、新修改、其他更新、未变）。"
        "用法：python manage.py import_statutes 文件 [--dry-run] [--campaign]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="法规清单文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查并给出变更报告，不写入")
        parser.add_argument(
            "--campaign",
            action="store_true",
            help="导入后对引用新废止、新修改法规的现行有效文件发起一次清理活动",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
        try:
            plan, record = statutes_import(
                file_name=path.name, data=data, dry_run=options["dry_run"]
            )
        except StatuteImportError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"法规清单有 {len(exc.messages)} 处错误，未导入任何条目。") from exc
        self._report(plan, options["dry_run"])
        if options["campaign"] and not options["dry_run"]:
            self._campaign(record)

    def _report(self, plan, dry_run: bool) -> None:
        write = self.stdout.write
        heading = "试导入（未写入）" if dry_run else "已导入"
        write(f"{heading}：共 {len(plan.rows)} 行；{plan.summary()}。")
        for kind, label in CHANGE_KINDS.items():
            names = plan.report[kind]
            if kind == "unchanged" or not names:
                continue
            more = f" 等 {len(names)} 部" if len(names) > SHOWN_PER_KIND else ""
            write(f"  {label}：{'、'.join(names[:SHOWN_PER_KIND])}{more}")
        for warning in plan.warnings[:SHOWN_PER_KIND]:
            write(f"  注意：{warning}")

    def _campaign(self, record) -> None:
        if record is None:
            self.stdout.write("法规库没有变化，不发起清理活动。")
            return
        try:
            campaign = campaign_for_statute_changes(statute_import=record, user=None)
        except CleanupError as exc:
            self.stdout.write(" ".join(exc.messages))
            return
        run = campaign.runs.first()
        self.stdout.write(
            f"已发起清理活动“{campaign.name}”：审查 {run.documents_examined} 件，"
            f"清理候选 {run.candidates} 件。"
        )
