"""python manage.py remind_disclosure_deadlines [--date YYYY-MM-DD] — mail the office the
依申请公开 requests due soon or overdue (run each working-day morning by the worker)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclosure.reminders import deadline_reminders


class Command(BaseCommand):
    help = "向局办公室发送政府信息公开申请答复期限提醒（即将到期和已逾期）"

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="按哪一天计算（默认今天），如 2026-07-01")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("日期格式应为“年-月-日”，如 2026-07-01。") from None
        sent = deadline_reminders(today=today or timezone.localdate())
        self.stdout.write(f"已发送 {sent} 封提醒邮件。")
