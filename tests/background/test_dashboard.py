"""The dashboard tells the office when the worker is not running, and says nothing when
everything runs (or when tasks run inline)."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background import scheduler
from background.mail import mail_queue
from tests import factories

pytestmark = pytest.mark.django_db

SILENT = "后台任务已"


def waiting() -> str:
    count = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
    return f"排队中的后台任务 {count} 项"


def age_queue(minutes: int) -> None:
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=minutes))


def test_the_office_is_told_the_worker_has_not_run(database_queue, client, office_user):
    mail_queue(subject="提醒", text="正文", html="", recipients=["a@example.cn"])
    age_queue(25)
    client.force_login(office_user)

    html = client.get("/admin/").content.decode()

    assert "后台任务已 25 分钟未运行" in html and "run_worker" in html
    assert waiting() in html


def test_a_recent_heartbeat_means_no_warning(database_queue, client, office_user):
    mail_queue(subject="提醒", text="正文", html="", recipients=["a@example.cn"])
    age_queue(25)
    scheduler.heartbeat_record(worker_id="w", now=timezone.now())
    client.force_login(office_user)

    html = client.get("/admin/").content.decode()

    assert SILENT not in html and waiting() in html


def test_a_drafter_is_not_shown_the_worker_status(database_queue, client, jiuzhu):
    mail_queue(subject="提醒", text="正文", html="", recipients=["a@example.cn"])
    age_queue(25)
    client.force_login(factories.drafter_of(jiuzhu, username="d"))

    assert SILENT not in client.get("/admin/").content.decode()


def test_inline_tasks_need_no_worker_and_show_nothing(client, office_user):
    client.force_login(office_user)
    html = client.get("/admin/").content.decode()
    assert SILENT not in html and "排队中的后台任务" not in html
