"""The scheduled jobs and their times, in one place (README "运维" lists them too).

Each job is a function run by the worker as a background task (``background.tasks.run_job``);
the scheduler in ``run_worker`` enqueues it once per slot. Every job is idempotent: run twice
(a retried slot, two workers) it does its work once.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from background.models import ScheduledRun, SentReminder
from background.schedule import Daily, Every

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    schedule: Every | Daily
    run: Callable[[], object]


def publish_scheduled() -> str:
    """Wagtail's scheduled publishing through the gate (review's publish_scheduled)."""
    call_command("publish_scheduled", verbosity=0)
    return "ok"


def reminders() -> str:
    """review's reminders: overdue reviews, 备案, 评估, contract expiry, closing consultations;
    disclosure's: 依申请公开 requests due soon or overdue."""
    call_command("send_reminders", verbosity=0)
    call_command("remind_disclosure_deadlines", verbosity=0)
    return "ok"


def validity_sweep() -> str:
    """review's validity sweep: run-out documents become 已失效; warnings before that."""
    call_command("validity_sweep", verbosity=0)
    return "ok"


def personal_data_scan() -> str:
    """disclosure's scan of public content for unmasked personal numbers (scan_personal_data)."""
    call_command("scan_personal_data", verbosity=0)
    return "ok"


def nightly_backup() -> str:
    """``backup --scheduled`` writes to BACKUP_DIR and applies the retention."""
    try:
        call_command("backup", "--scheduled")
    except CommandError as error:
        if "Unknown command" not in str(error):
            raise
        logger.error("夜间备份未执行：本系统没有 backup 命令（%s）。", error)
        return "missing"
    return "ok"


def housekeeping() -> dict:
    """Forget old records: finished tasks after a week (failed ones after a month), slot
    claims after a month, sent-reminder records after a year."""
    call_command(
        "prune_db_task_results", "--min-age-days", "7", "--failed-min-age-days", "30", verbosity=0
    )
    now = timezone.now()
    runs, _ = ScheduledRun.objects.filter(slot__lt=now - dt.timedelta(days=30)).delete()
    reminders, _ = SentReminder.objects.filter(
        day__lt=(now - dt.timedelta(days=366)).date()
    ).delete()
    return {"runs": runs, "reminders": reminders}


JOBS = (
    Job("publish_scheduled", "定时发布", Every(minutes=1), publish_scheduled),
    Job("reminders", "到期提醒邮件", Daily(dt.time(8, 30), working_days_only=True), reminders),
    Job("validity_sweep", "有效期届满失效", Daily(dt.time(0, 5)), validity_sweep),
    Job("backup", "夜间备份", Daily(dt.time(2, 0)), nightly_backup),
    Job(
        "personal_data_scan",
        "个人信息排查",
        Daily(dt.time(1, 30), working_days_only=True),
        personal_data_scan,
    ),
    Job("housekeeping", "清理旧任务记录", Daily(dt.time(3, 30)), housekeeping),
)
JOBS_BY_NAME = {job.name: job for job in JOBS}
