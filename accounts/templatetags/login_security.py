from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def login_policy_note() -> str:
    """The login page's note on idle timeout and lockout, from the settings."""
    lock = (
        f"锁定{settings.LOGIN_LOCKOUT_MINUTES}分钟"
        if settings.LOGIN_LOCKOUT_MINUTES
        else "锁定至管理员解除"
    )
    return (
        f"为保障安全，{settings.SESSION_IDLE_MINUTES}分钟无操作或关闭浏览器后需重新登录；"
        f"连续{settings.AXES_FAILURE_LIMIT}次输错密码将{lock}。"
    )
