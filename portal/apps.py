from django.apps import AppConfig


class PortalConfig(AppConfig):
    """政府门户网站: the public pages, public consultation, relief disclosure and the JSON API."""

    name = "portal"
    verbose_name = "门户网站与数据接口"
    default_auto_field = "django.db.models.BigAutoField"
