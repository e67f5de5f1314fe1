"""The worker's task for scheduled jobs (``background.jobs``)."""

from django_tasks import task


@task()
def run_job(job_name: str, slot: str):
    """Run one slot of a scheduled job (the slot is recorded in ScheduledRun)."""
    from background.jobs import JOBS_BY_NAME

    return JOBS_BY_NAME[job_name].run()
