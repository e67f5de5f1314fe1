"""Failed and abandoned tasks go back in the queue.

Every task of ours writes its result in one transaction, so a task that raised, or whose
worker died mid-way, changed nothing and can simply run again. A task that raised is
retried up to TASK_MAX_ATTEMPTS times (a minute apart per attempt); one still "running"
after TASK_STALE_MINUTES lost its worker and is put back as well.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction

from background import queue

logger = logging.getLogger(__name__)


def requeue_failed(*, now: dt.datetime) -> int:
    """Put retryable failed tasks and abandoned running tasks back; returns how many."""
    if not queue.uses_database():
        return 0
    from django_tasks_db.models import DBTaskResult

    recent = now - dt.timedelta(days=1)
    candidates = list(DBTaskResult.objects.failed().filter(finished_at__gte=recent)) + list(
        DBTaskResult.objects.running().filter(
            started_at__lt=now - dt.timedelta(minutes=settings.TASK_STALE_MINUTES)
        )
    )
    requeued = 0
    for result in candidates:
        attempts = len(result.worker_ids or [])
        if attempts >= settings.TASK_MAX_ATTEMPTS:
            _give_up(result=result)
            continue
        requeued += _requeue(result=result, attempts=attempts, now=now)
    return requeued


def _requeue(*, result, attempts: int, now: dt.datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        changed = DBTaskResult.objects.filter(pk=result.pk, status=result.status).update(
            status="READY",
            run_after=now + dt.timedelta(minutes=attempts),
            finished_at=None,
        )
    if changed:
        logger.warning("后台任务 %s 第%d次未完成，已重新排队。", result.task_path, attempts)
    return changed


def _give_up(*, result) -> None:
    """A task still "running" after its last attempt's worker died is marked failed."""
    from django_tasks_db.models import DBTaskResult

    if result.status != "RUNNING":
        return
    DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
        status="FAILED",
        exception_class_path="background.retry.WorkerLost",
        traceback="后台任务进程在执行中退出，已达最多执行次数。",
    )
