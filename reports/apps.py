from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """年度报告: the annual rule-of-law report's figures, computed from the records."""

    name = "reports"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"
