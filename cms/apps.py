from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "内容管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import checks, history, privacy_guards

        history.connect()
        checks.register()
        privacy_guards.register()
