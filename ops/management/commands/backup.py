"""python manage.py backup --out DIR [--keep N] | --scheduled (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import backup_create, scheduled_settings
from ops.errors import OpsError


class Command(BaseCommand):
    help = "备份数据库和全部上传文件为一个带校验清单的归档（.tar.gz）。"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="备份文件写入的目录")
        parser.add_argument("--keep", type=int, help="只保留最新的 N 份备份，删除更早的")
        parser.add_argument(
            "--scheduled",
            action="store_true",
            help="定时备份：写入 BACKUP_DIR，保留 BACKUP_KEEP 份（--out、--keep 可覆盖）",
        )

    def handle(self, *args, out=None, keep=None, scheduled=False, **options):
        if scheduled:
            default_dir, default_keep = scheduled_settings()
            out = out or default_dir
            keep = keep if keep is not None else default_keep
        if not out:
            raise CommandError("请用 --out 指定备份目录（或用 --scheduled 写入 BACKUP_DIR）。")
        try:
            result = backup_create(out_dir=Path(out), keep=keep)
        except OpsError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        size_mb = result.archive.stat().st_size / 1024 / 1024
        self.stdout.write(
            f"已备份：{len(manifest.tables)} 张数据表共 {sum(manifest.tables.values())} 行，"
            f"{len(manifest.files) - 1} 个上传文件，归档 {size_mb:.1f} MB。"
        )
        for path in result.removed:
            self.stdout.write(f"按保留份数删除旧备份：{path.name}")
        self.stdout.write(str(result.archive))
