"""python manage.py scan_personal_data — the periodic personal-data scan of public content."""

from django.core.management.base import BaseCommand

from disclosure.scan import run_scan


class Command(BaseCommand):
    help = "排查已公开内容（正文、附件文本、救助公示、决策目录、征求意见情况）中未脱敏的个人信息"

    def handle(self, *args, **options):
        counts = run_scan()
        self.stdout.write(
            f"发现未脱敏个人信息 {counts['found']} 处，其中新发现 {counts['new']} 处。"
        )
