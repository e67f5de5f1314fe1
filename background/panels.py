"""The dashboard's word on the background worker, for the office and administrators:
"后台任务已 N 分钟未运行" when no worker has shown life for WORKER_ALERT_MINUTES while the
database queue is in use, and how much is waiting (attachment text, mail, jobs)."""

from django.conf import settings
from wagtail.admin.ui.components import Component

from background import queue
from cms import roles

EXTRACTION_TASK = "search.tasks.extract_attachment_text"


def sees_worker_status(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(roles.REGISTER)))


class WorkerStatusPanel(Component):
    name = "background_worker_status"
    template_name = "background/panels/worker_status.html"
    order = 40

    def __init__(self, *, silent_minutes: int | None, pending: int, extraction_pending: int):
        self.silent_minutes = silent_minutes
        self.pending = pending
        self.extraction_pending = extraction_pending

    def get_context_data(self, parent_context):
        return {
            "silent_minutes": self.silent_minutes,
            "pending": self.pending,
            "extraction_pending": self.extraction_pending,
            "alert_minutes": settings.WORKER_ALERT_MINUTES,
        }


def worker_status_panel(user) -> WorkerStatusPanel | None:
    """The panel when there is something to say to ``user``, else None."""
    if not queue.uses_database() or not sees_worker_status(user):
        return None
    silent = queue.worker_silent_minutes()
    pending = queue.pending_count()
    if silent is None and not pending:
        return None
    return WorkerStatusPanel(
        silent_minutes=silent,
        pending=pending,
        extraction_pending=queue.pending_count(task_paths=[EXTRACTION_TASK]),
    )
