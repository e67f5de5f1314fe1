from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """后台任务: the worker's scheduler, retries of failed tasks, the reminder log and the
    dashboard's worker status (docs/architecture.md, "Background work")."""

    name = "background"
    verbose_name = "后台任务"
    default_auto_field = "django.db.models.BigAutoField"
