from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Login security: lockout (django-axes), login records, password policy, idle sessions.

    The lowest layer beside ``cms``: it imports nothing from the content apps except the
    one client-address function of ``cms.ratelimits`` (named in the settings).
    """

    name = "accounts"
    verbose_name = "登录安全"
    default_auto_field = "django.db.models.BigAutoField"
