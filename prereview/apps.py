from django.apps import AppConfig


class PreReviewConfig(AppConfig):
    """预审: mechanical checks of a draft before submission (rules, runs and findings)."""

    name = "prereview"
    verbose_name = "送审前预审"
    default_auto_field = "django.db.models.BigAutoField"
