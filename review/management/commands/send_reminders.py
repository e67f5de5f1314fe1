from django.core.management.base import BaseCommand

from review.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "发送当天的全部到期提醒：合法性审查超期、备案期限、评估期限、合同到期、公开征求意见即将截止"
        "（后台任务每个工作日上午自动发送，同一事项每人每天只提醒一次；本命令用于手动补发）。"
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"已发送到期提醒 {sent} 封。")
