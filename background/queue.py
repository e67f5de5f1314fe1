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


def _statuses(task, args: tuple) -> list[str]:
    """The states of ``task(*args)``'s results in the database queue, newest first."""
    if not uses_database():
        return []
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects.filter(task_path=task.module_path)
    if args:  # narrowed in SQL by the first argument (an id), compared exactly here
        results = results.filter(args_kwargs__args__0=args[0])
    rows = results.order_by("-enqueued_at").values_list("status", "args_kwargs")
    return [status for status, stored in rows if list((stored or {}).get("args", [])) == list(args)]


PENDING, FAILED = "pending", "failed"


def call_state(task, *args) -> str:
    """Where ``task`` with exactly these positional arguments stands in the database queue:
    PENDING (waiting or being run), FAILED (its latest run failed and nothing of it waits),
    or "" (neither; always "" with the immediate backend, where nothing waits)."""
    statuses = _statuses(task, args)
    if any(status in ("READY", "RUNNING") for status in statuses):
        return PENDING
    return FAILED if statuses[:1] == ["FAILED"] else ""


def is_pending(task, *args) -> bool:
    return call_state(task, *args) == PENDING


def enqueue_unless_pending(task, *args) -> bool:
    """Enqueue ``task(*args)`` unless the same call already waits; True when enqueued."""
    if is_pending(task, *args):
        return False
    task.enqueue(*args)
    return True


def worker_running(*, now: dt.datetime | None = None) -> bool:
    """A worker showed life within WORKER_ALERT_MINUTES, so queued work will be done soon.
    False with the immediate backend (there is no worker; tasks run in the request)."""
    if not uses_database():
        return False
    beat = last_heartbeat()
    now = now or timezone.now()
    return beat is not None and now - beat < dt.timedelta(minutes=settings.WORKER_ALERT_MINUTES)


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
