from django.core.management.base import BaseCommand

from review import notifications, selectors
from review.models import LegalReviewTask


class Command(BaseCommand):
    help = "向法律顾问发送合法性审查超期提醒（建议每个工作日由 cron 运行一次）。"

    def handle(self, *args, **options):
        sent = 0
        for task in LegalReviewTask.objects.filter(active=True):
            for user in {u for g in task.groups.all() for u in g.user_set.filter(is_active=True)}:
                overdue = [
                    item
                    for item in selectors.awaiting_action(user)
                    if item.deadline and item.deadline.overdue and item.task.pk == task.pk
                ]
                if overdue:
                    sent += notifications.send("overdue", [user.email], {"items": overdue})
        self.stdout.write(f"已发送超期提醒 {sent} 封。")
