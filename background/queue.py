"""Enqueueing our tasks after the request's transaction commits, and what the queue looks
like (for the dashboard). With TASKS_BACKEND=immediate (and in tests) a task runs at once,
inside the request, exactly as the worker would run it later."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends


def uses_database() -> bool:
    return type(task_backends["default"]).__module__.startswith("django_tasks_db")


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue ``task`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def pending_count(*, task_paths: list[str] | None = None) -> int:
    if not uses_database():
        return 0
    from django_tasks_db.models import DBTaskResult

    pending = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
    if task_paths:
        pending = pending.filter(task_path__in=task_paths)
    return pending.count()


def oldest_ready_at() -> dt.datetime | None:
    if not uses_database():
        return None
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
    )
    return oldest.first()


def last_heartbeat() -> dt.datetime | None:
    from background.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def worker_silent_minutes(*, now: dt.datetime | None = None) -> int | None:
    """Minutes since a worker last showed life, when that is worth a warning; else None.

    Worth a warning: the database queue is in use and no worker beat within
    WORKER_ALERT_MINUTES (never having beaten counts as silent since the oldest queued task).
    """
    if not uses_database():
        return None
    now = now or timezone.now()
    since = last_heartbeat() or oldest_ready_at()
    if since is None:
        return None
    minutes = int((now - since).total_seconds() // 60)
    return minutes if minutes >= settings.WORKER_ALERT_MINUTES else None
