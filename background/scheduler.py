"""The scheduler inside the worker: each tick records a heartbeat, puts failed or abandoned
tasks back in the queue (``background.retry``) and enqueues each job whose latest slot
has not been claimed yet. Claiming is an insert under a unique (job, slot) constraint, so
of two workers ticking at once only one enqueues the slot."""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from background import retry
from background.jobs import JOBS, Job
from background.models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)


def tick(*, worker_id: str, now: dt.datetime | None = None) -> list[str]:
    """One round of the scheduler; returns the names of the jobs it enqueued."""
    now = now or timezone.now()
    heartbeat_record(worker_id=worker_id, now=now)
    retry.requeue_failed(now=now)
    return [job.name for job in JOBS if job_enqueue_if_due(job=job, now=now)]


def heartbeat_record(*, worker_id: str, now: dt.datetime) -> None:
    beat, created = WorkerHeartbeat.objects.get_or_create(
        worker_id=worker_id, defaults={"beat_at": now, "started_at": now}
    )
    if not created:
        WorkerHeartbeat.objects.filter(pk=beat.pk).update(beat_at=now)
    # a worker gone for a day is forgotten (each start gets a new id)
    WorkerHeartbeat.objects.filter(beat_at__lt=now - dt.timedelta(days=1)).delete()


def job_enqueue_if_due(*, job: Job, now: dt.datetime) -> bool:
    from background.tasks import run_job

    slot = job.schedule.latest_slot(now)
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, slot=slot)
            result = run_job.enqueue(job.name, slot.isoformat())
            run.task_result_id = str(result.id)[:64]
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        return False  # this slot is already claimed (by this or another worker)
    logger.info("已排队定时任务 %s（%s）", job.label, timezone.localtime(slot))
    return True
