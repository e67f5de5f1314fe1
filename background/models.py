"""What the scheduler and the reminders remember between runs."""

from django.db import models


class ScheduledRun(models.Model):
    """One slot of one scheduled job, claimed once: the unique (job, slot) pair keeps two
    workers (or a restarted one) from running the same slot twice."""

    job = models.CharField("任务", max_length=50)
    slot = models.DateTimeField("计划时间")
    enqueued_at = models.DateTimeField("排队时间", auto_now_add=True)
    task_result_id = models.CharField("任务编号", max_length=64, blank=True)

    class Meta:
        verbose_name = "定时任务记录"
        verbose_name_plural = "定时任务记录"
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="background_run_once_per_slot")
        ]
        ordering = ["-slot"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class SentReminder(models.Model):
    """One reminder mail per recipient, item and day (kind + item key + address + day)."""

    kind = models.CharField("提醒类型", max_length=30)
    item_key = models.CharField("事项", max_length=100)
    recipient = models.CharField("收件人", max_length=254)
    day = models.DateField("日期")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "已发送提醒"
        verbose_name_plural = "已发送提醒"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "item_key", "recipient", "day"],
                name="background_one_reminder_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.item_key} → {self.recipient} ({self.day})"


class WorkerHeartbeat(models.Model):
    """The last sign of life of each worker process (the dashboard's "后台任务未运行")."""

    worker_id = models.CharField("进程", max_length=64, unique=True)
    beat_at = models.DateTimeField("最近活动")
    started_at = models.DateTimeField("启动时间")

    class Meta:
        verbose_name = "后台任务进程"
        verbose_name_plural = "后台任务进程"

    def __str__(self) -> str:
        return self.worker_id
