"""The real worker (django-tasks' database queue + our scheduler), run in this process:
queued extraction and mail are done by it, due scheduled jobs run from it, and a task that
fails mid-way changes nothing and runs again."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background import retry, scheduler
from background.jobs import JOBS
from background.mail import mail_queue
from background.models import ScheduledRun, WorkerHeartbeat
from cms.models import NormativeDocumentPage
from search.models import AttachmentText
from tests import factories
from tests.background.conftest import run_worker_batch

# transaction=True: the worker commits and, between tasks, closes connections that are
# inside a transaction (on PostgreSQL that would close the test's own).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


OURS = ("run_job", "extract_attachment_text", "send_rendered_mail")


def statuses() -> dict:
    """Our tasks' states by name (Wagtail queues its own index tasks beside them)."""
    return {r.task_name: r.status for r in DBTaskResult.objects.all() if r.task_name in OURS}


def test_extraction_is_queued_then_done_by_the_worker(
    database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attachment = factories.make_attachment(
            "救助办法附件", factories.docx_bytes("临时救助先行救助"), name="a.docx"
        )
    assert not AttachmentText.objects.filter(attachment=attachment).exists()
    assert statuses() == {"extract_attachment_text": "READY"}

    run_worker_batch()

    extraction = AttachmentText.objects.get(attachment=attachment)
    assert extraction.sha256 == attachment.sha256 and "先行救助" in extraction.text
    assert statuses()["extract_attachment_text"] == "SUCCESSFUL"


def test_mail_waits_for_the_worker(database_queue):
    assert mail_queue(subject="提醒", text="正文", html="", recipients=["a@example.cn"]) == 1
    assert mail.outbox == []

    run_worker_batch()

    assert [m.to for m in mail.outbox] == [["a@example.cn"]]


def test_due_jobs_run_from_the_worker_once_per_slot(database_queue, site_tree, groups, jiuzhu):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    document = factories.make_document(
        jiuzhu,
        live=True,
        effective_on=yesterday.replace(year=yesterday.year - 1),
        valid_until=yesterday,
    )

    run_worker_batch("worker-a")

    assert NormativeDocumentPage.objects.get(pk=document.pk).validity_status == "已失效"
    assert set(ScheduledRun.objects.values_list("job", flat=True)) == {j.name for j in JOBS}
    # The nightly backup ran from the worker too; it cannot archive the test settings'
    # in-memory database and uploads, so it is the one job allowed to fail here (the
    # backup itself is tested on real files in tests/ops).
    jobs = DBTaskResult.objects.filter(task_path="background.tasks.run_job")
    ran = {r.args_kwargs["args"][0]: r.status for r in jobs}
    assert ran.keys() == {j.name for j in JOBS}
    assert ran.pop("backup") in {"SUCCESSFUL", "FAILED"}
    assert set(ran.values()) == {"SUCCESSFUL"}
    others = DBTaskResult.objects.exclude(task_path="background.tasks.run_job")
    assert others.exclude(status="SUCCESSFUL").count() == 0
    assert WorkerHeartbeat.objects.filter(worker_id="worker-a").exists()

    run_worker_batch("worker-b")  # a second worker in the same minute: nothing twice

    assert ScheduledRun.objects.count() == len(JOBS)
    assert DBTaskResult.objects.filter(task_path="background.tasks.run_job").count() == len(JOBS)


def test_a_missed_daily_slot_runs_once_on_start(database_queue):
    now = timezone.make_aware(dt.datetime(2026, 12, 2, 10, 0))
    first = scheduler.tick(worker_id="w", now=now)
    later = scheduler.tick(worker_id="w", now=now + dt.timedelta(minutes=1))

    assert "validity_sweep" in first and "backup" in first
    assert later == ["publish_scheduled"]  # only the new minute's slot
    sweep = ScheduledRun.objects.get(job="validity_sweep")
    assert timezone.localtime(sweep.slot) == timezone.make_aware(dt.datetime(2026, 12, 2, 0, 5))


def test_a_task_failing_mid_way_leaves_the_document_unchanged_and_is_retried(
    database_queue, site_tree, groups, jiuzhu, monkeypatch
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    document = factories.make_document(
        jiuzhu,
        live=True,
        effective_on=yesterday.replace(year=yesterday.year - 1),
        valid_until=yesterday,
    )
    revisions = document.revisions.count()

    def log_fails(**kwargs):  # Wagtail's audit log fails after the republish
        raise RuntimeError("disk full")

    monkeypatch.setattr("review.validity.log", log_fails)
    scheduler.job_enqueue_if_due(
        job=next(j for j in JOBS if j.name == "validity_sweep"), now=timezone.now()
    )
    run_worker_batch("worker-a", "--no-scheduler")

    page = NormativeDocumentPage.objects.get(pk=document.pk)
    assert page.validity_status == "现行有效" and page.revisions.count() == revisions
    assert statuses() == {"run_job": "FAILED"}

    monkeypatch.undo()
    # the scheduler's next round puts it back (a minute later per attempt)
    assert retry.requeue_failed(now=timezone.now() - dt.timedelta(minutes=1)) == 1
    run_worker_batch("worker-b", "--no-scheduler")

    page = NormativeDocumentPage.objects.get(pk=document.pk)
    assert page.validity_status == "已失效"
    assert statuses() == {"run_job": "SUCCESSFUL"}


def test_a_task_whose_worker_died_goes_back_in_the_queue(database_queue):
    mail_queue(subject="提醒", text="正文", html="", recipients=["a@example.cn"])
    DBTaskResult.objects.update(
        status="RUNNING",
        started_at=timezone.now() - dt.timedelta(hours=1),
        worker_ids=["dead-worker"],
    )

    assert retry.requeue_failed(now=timezone.now() - dt.timedelta(minutes=1)) == 1
    run_worker_batch("worker-b", "--no-scheduler")

    assert len(mail.outbox) == 1


def test_a_task_that_keeps_failing_stops_after_the_attempts(database_queue, settings):
    mail_queue(subject="提醒", text="正文", html="", recipients=["a@example.cn"])
    DBTaskResult.objects.update(
        status="FAILED",
        finished_at=timezone.now(),
        worker_ids=["w"] * settings.TASK_MAX_ATTEMPTS,
    )
    assert retry.requeue_failed(now=timezone.now()) == 0
