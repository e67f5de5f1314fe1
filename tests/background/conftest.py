import pytest
from django.test import override_settings

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue():
    """The production queue (django-tasks' database backend) instead of the tests' inline one."""
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def run_worker_batch(worker_id: str = "test-worker", *extra: str) -> None:
    """One real worker run, in this process: a scheduler round, then every queued task."""
    from django.core.management import call_command

    call_command(
        "run_worker",
        "--batch",
        "--no-startup-delay",
        "--worker-id",
        worker_id,
        *extra,
        verbosity=0,
    )
