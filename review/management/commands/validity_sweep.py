import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from review.validity import validity_sweep


class Command(BaseCommand):
    help = (
        "把有效期至已过的现行有效规范性文件标记为已失效，并提醒即将届满的文件"
        "（后台任务每天 00:05 自动运行；本命令用于手动补跑）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天运行（YYYY-MM-DD），默认今天。")
        parser.add_argument("--no-warnings", action="store_true", help="不发送即将届满提醒。")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"日期“{options['date']}”格式不对，应为 YYYY-MM-DD。") from error
        outcome = validity_sweep(today=today, warn=not options["no_warnings"])
        for document in outcome.expired:
            self.stdout.write(f"已失效：《{document.title}》（有效期至 {document.valid_until}）")
        for document, reasons in outcome.refused:
            self.stderr.write(f"未能标记《{document.title}》：" + "；".join(reasons))
        self.stdout.write(
            f"{today}：{len(outcome.expired)} 件标记为已失效，{len(outcome.warned)} 件即将届满。"
        )
