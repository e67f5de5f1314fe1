"""Who lifted which login lockout, and the two permissions of the login-security views."""

from django.conf import settings
from django.db import models

VIEW_LOGIN_RECORDS = "accounts.view_login_records"
UNLOCK_LOGIN = "accounts.unlock_login"


class LockKind(models.TextChoices):
    ACCOUNT = "username", "账号"
    ADDRESS = "ip_address", "网络地址"


class UnlockRecord(models.Model):
    """One "解除锁定" by an administrator: the failures it cleared stay in the login records."""

    kind = models.CharField("锁定类型", max_length=16, choices=LockKind.choices)
    value = models.CharField("账号或地址", max_length=255)
    failures = models.PositiveIntegerField("清除的失败次数", default=0)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解除人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unlocked_at = models.DateTimeField("解除时间", auto_now_add=True)

    class Meta:
        verbose_name = "解除登录锁定记录"
        verbose_name_plural = "解除登录锁定记录"
        ordering = ["-unlocked_at", "-pk"]
        default_permissions = ()
        permissions = [
            ("view_login_records", "可查看登录记录"),
            ("unlock_login", "可解除登录锁定"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"
