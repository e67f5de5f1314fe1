"""python manage.py restore ARCHIVE [--force] [--check] (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.errors import OpsError
from ops.restore import archive_verify, restore_archive


class Command(BaseCommand):
    help = "从备份归档恢复数据库和上传文件（须先停止网站服务），并逐项核对。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="backup 命令生成的 fazhi-backup-*.tar.gz")
        parser.add_argument(
            "--force", action="store_true", help="目标安装已有数据时仍然覆盖（先备份现有数据）"
        )
        parser.add_argument(
            "--check", action="store_true", help="只校验备份文件是否完整，不作任何改动"
        )

    def handle(self, *args, archive, force=False, check=False, **options):
        try:
            if check:
                manifest = archive_verify(archive=Path(archive))
                self.stdout.write(
                    f"备份文件完整：{len(manifest.files)} 个文件的 SHA-256 均与清单一致"
                    f"（{manifest.vendor}，{manifest.created_at}）。"
                )
                return
            report = restore_archive(archive=Path(archive), force=force)
        except OpsError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已恢复 {report.manifest.created_at} 的备份：{report.tables} 张数据表共 "
            f"{report.rows} 行，{report.media_files} 个上传文件，核对审核意见书 "
            f"{report.opinions} 份。"
        )
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(f"恢复后核对发现 {len(report.problems)} 处不一致（见上）。")
        if report.pending_migrations:
            self.stdout.write(
                "核对通过：各表行数、各文件 SHA-256 与备份清单一致。备份来自较早的程序版本，"
                "审核意见书未核对：请接着运行 python manage.py migrate。"
            )
            return
        self.stdout.write(
            "核对通过：各表行数、各文件 SHA-256 与备份清单一致，审核意见书均与所审核版本一致。"
        )
