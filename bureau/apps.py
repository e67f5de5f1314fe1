from django.apps import AppConfig


class BureauConfig(AppConfig):
    """设置本局与演示数据: ``setup_bureau`` and ``load_demo``, above every other app."""

    name = "bureau"
    verbose_name = "设置本局与演示数据"
    default_auto_field = "django.db.models.BigAutoField"
