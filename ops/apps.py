from django.apps import AppConfig


class OpsConfig(AppConfig):
    """运维: backup and restore of the whole installation (docs/operations.md).

    The top of the dependency stack: it reads every app's tables and asks ``review`` to
    verify the legal opinions after a restore; no app imports ``ops``.
    """

    name = "ops"
    verbose_name = "运维"
    default_auto_field = "django.db.models.BigAutoField"
