from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """存量导入: paper-era documents brought in from a manifest and its files."""

    name = "intake"
    verbose_name = "存量导入"
    default_auto_field = "django.db.models.BigAutoField"
