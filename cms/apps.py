from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "内容管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import checks, converters, history, privacy_guards

        converters.register()  # <id:...> in URL patterns; before any URLconf is loaded

        history.connect()
        checks.register()
        privacy_guards.register()
