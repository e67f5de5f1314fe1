"""python manage.py import_power_list FILE [--dry-run] [--department CODE] [--user NAME]

Imports the 权责清单 (XLSX or CSV, UTF-8 or GBK) through the same service as the admin
upload (``cms.power_import``): upsert by 编码, missing items marked 已取消, all or nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.models import Department
from cms.power_import import power_list_import, report_lines
from cms.power_sheet import LIMITS
from cms.spreadsheets import ImportRefused


class Command(BaseCommand):
    help = "导入权责清单（.xlsx 或 .csv）：按编码新增或变更，文件中没有的事项标为已取消。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="权责清单文件（.xlsx 或 .csv）")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
        parser.add_argument(
            "--department",
            metavar="CODE",
            help="只导入该科室（代码、名称或简称）的事项；只取消该科室的事项",
        )
        parser.add_argument("--user", metavar="NAME", help="记为导入人的用户名（默认不记）")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        if path.stat().st_size > LIMITS.bytes:
            raise CommandError(f"文件过大（超过{LIMITS.bytes // 1024 // 1024}MB），请拆分后导入。")
        try:
            report = power_list_import(
                user=self._user(options["user"]),
                data=path.read_bytes(),
                filename=path.name,
                department=self._department(options["department"]),
                dry_run=options["dry_run"],
            )
        except ImportRefused as refusal:
            raise CommandError(
                f"未导入（共{len(refusal.problems)}处问题，未写入任何内容）：\n"
                + "\n".join(refusal.problems)
            ) from refusal
        for line in report_lines(report):
            self.stdout.write(line)

    def _department(self, key: str | None):
        if not key:
            return None
        for lookup in ("code", "name", "short_name"):
            found = Department.objects.filter(**{lookup: key}).first()
            if found:
                return found
        raise CommandError(f"没有代码、名称或简称为“{key}”的科室。")

    def _user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户“{username}”。")
        return user
