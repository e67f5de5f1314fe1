"""The worker as its own process, as `make serve` runs it: `run_worker --batch` against
this test database sends a queued mail and runs the due scheduled jobs. Needs a database
another process can open (PostgreSQL; SQLite tests use an in-memory database)."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.jobs import JOBS
from background.mail import mail_queue
from background.models import ScheduledRun
from cms.models import NormativeDocumentPage
from tests import factories

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the worker process must open the test database",
    ),
]


def worker_process(*args: str) -> subprocess.CompletedProcess:
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "run_worker", "--batch", "--no-startup-delay", *args],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_worker_process_sends_queued_mail_and_runs_due_jobs(
    database_queue, site_tree, groups, jiuzhu
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    document = factories.make_document(
        jiuzhu,
        live=True,
        effective_on=yesterday.replace(year=yesterday.year - 1),
        valid_until=yesterday,
    )
    mail_queue(subject="超期提醒", text="请办理。", html="", recipients=["adviser@example.cn"])

    result = worker_process()

    assert result.returncode == 0, result.stderr
    assert "adviser@example.cn" in result.stdout  # the console mail backend
    assert "已排队定时任务" in result.stdout
    assert NormativeDocumentPage.objects.get(pk=document.pk).validity_status == "已失效"
    assert set(ScheduledRun.objects.values_list("job", flat=True)) == {j.name for j in JOBS}
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
