"""python manage.py import_documents MANIFEST [--files DIR_OR_ZIP] [--dry-run] [--user USERNAME]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from cms.sheets import MAX_BYTES, ImportRefused
from intake import services
from intake.files import file_source
from intake.report import report_lines


class Command(BaseCommand):
    help = "存量导入：按清单（XLSX/CSV）导入纸质印发的存量文件及其附件（文件夹或ZIP）。"

    def add_arguments(self, parser):
        parser.add_argument("manifest", help="清单文件（.xlsx 或 .csv）")
        parser.add_argument("--files", help="附件所在的文件夹或 .zip 压缩包")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入任何内容")
        parser.add_argument(
            "--user", help="以该用户导入（须有“导入存量文件”权限；默认：第一个超级用户）"
        )

    def handle(self, *args, manifest, files=None, dry_run=False, user=None, **options):
        path = Path(manifest)
        if not path.is_file():
            raise CommandError(f"清单文件“{manifest}”不存在。")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"清单文件过大（超过{MAX_BYTES // 1024 // 1024}MB），请拆分后导入。")
        importer = self._user(user)
        try:
            source = file_source(files)
            arguments = {
                "user": importer,
                "manifest": path.read_bytes(),
                "manifest_name": path.name,
                "files": source,
            }
            if dry_run:
                plan, batch = services.documents_plan(**arguments), None
            else:
                plan, batch = services.documents_import(**arguments)
        except (ImportRefused, ValueError) as refusal:
            problems = getattr(refusal, "problems", [str(refusal)])
            raise CommandError("清单无法导入：\n" + "\n".join(problems)) from refusal
        except PermissionDenied as refusal:
            raise CommandError(str(refusal)) from refusal
        for line in report_lines(plan, dry_run=dry_run, batch=batch):
            self.stdout.write(line)
        if plan.errors:
            raise CommandError(f"有{len(plan.errors)}行错误，未导入任何文件。")

    def _user(self, username):
        users = get_user_model().objects.filter(is_active=True)
        found = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if found is None:
            raise CommandError(f"用户“{username or '超级用户'}”不存在或已停用。")
        return found
