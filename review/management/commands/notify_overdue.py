from django.core.management.base import BaseCommand
from django.utils import timezone

from review.reminders import overdue_reminders


class Command(BaseCommand):
    help = (
        "向法律顾问发送合法性审查超期提醒（后台任务每个工作日上午自动发送，"
        "同一事项每人每天只提醒一次；本命令用于手动补发）。"
    )

    def handle(self, *args, **options):
        sent = overdue_reminders(today=timezone.localdate())
        self.stdout.write(f"已发送超期提醒 {sent} 封。")
