"""The background worker: django-tasks' database worker plus the scheduler.

``python manage.py run_worker`` runs queued tasks (attachment text, indexing, mail,
scheduled jobs) and, in a thread beside them, the scheduler (``background.scheduler``)
which enqueues scheduled publishing, reminders, the validity sweep and the nightly
backup at their times. ``--batch`` runs one scheduler round, then every queued task, and
exits (for tests and for a one-off catch-up).
"""

import logging
import signal
import threading

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from background import scheduler

logger = logging.getLogger(__name__)
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class SchedulerThread(threading.Thread):
    def __init__(self, *, worker_id: str, interval: float):
        super().__init__(name="scheduler", daemon=True)
        self.worker_id, self.interval = worker_id, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            scheduler_round(worker_id=self.worker_id)
            self.stopped.wait(self.interval)


def scheduler_round(*, worker_id: str) -> list[str]:
    """One scheduler tick that never kills the worker (a locked SQLite file, a lost
    connection: logged, and the next round tries again)."""
    close_old_connections()
    try:
        return scheduler.tick(worker_id=worker_id)
    except OperationalError:
        logger.exception("定时任务调度本轮未完成，稍后重试。")
        return []
    finally:
        close_old_connections()


class Command(DbWorkerCommand):
    help = "运行后台任务（附件文字提取、索引、邮件）和定时任务（定时发布、到期提醒、有效期届满失效、夜间备份）。"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)  # the reloader would start a second scheduler
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=30.0,
            help="调度检查间隔（秒），默认30。",
        )
        parser.add_argument(
            "--no-scheduler", action="store_true", help="只运行排队的任务，不调度定时任务。"
        )

    def handle(self, *args, **options) -> None:
        # our own logs (the scheduler's, the jobs') go to the worker's output too
        self.configure_logging(options["verbosity"])
        for name in ("background", "cms", "review", "search"):
            _log_to(self.stdout, name=name)
        if not options["no_scheduler"]:
            if options["batch"]:
                scheduler_round(worker_id=options["worker_id"])
            else:
                SchedulerThread(
                    worker_id=options["worker_id"], interval=options["schedule_interval"]
                ).start()
        options.pop("no_scheduler")
        options.pop("schedule_interval")
        handlers = {number: signal.getsignal(number) for number in _STOP_SIGNALS}
        try:
            super().handle(*args, **options)
        finally:  # a --batch run inside another program leaves its Ctrl-C as it was
            for number, handler in handlers.items():
                signal.signal(number, handler)


def _log_to(stream, *, name: str) -> None:
    named = logging.getLogger(name)
    if not named.handlers:
        named.addHandler(logging.StreamHandler(stream))
    if named.level == logging.NOTSET:
        named.setLevel(logging.INFO)
