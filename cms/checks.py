"""System checks for deployment (``python manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def per_process_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Without a shared cache the API rate limit and answer cache count per process."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend != LOCAL_MEMORY:
        return []
    return [
        checks.Warning(
            "未设置 REDIS_URL，缓存为各进程独立的本机内存（LocMemCache）：限流与接口缓存按进程计算，"
            "gunicorn 有 N 个 worker（或有多台服务器）时，同一客户端实际可达 API_RATE_LIMIT、"
            "COMMENT_RATE_LIMIT 的 N 倍，"
            "各进程也各自缓存接口结果。",
            hint="多进程或多台服务器部署时设置 REDIS_URL（如 redis://127.0.0.1:6379/1）；"
            "单机单进程运行可忽略此提示。",
            id="cms.W001",
        )
    ]


def register() -> None:
    checks.register(per_process_cache, checks.Tags.caches, deploy=True)
