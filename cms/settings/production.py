import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "生产环境必须设置环境变量 SECRET_KEY（一串足够长的随机字符，各服务器相同且保密），"
        "例如用 python -c 'import secrets; print(secrets.token_urlsafe(50))' 生成。"
    )


def proxy_ssl_header(environ) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto`` → ("HTTP_X_FORWARDED_PROTO", "https"):
    the header the TLS-terminating proxy sets (it must overwrite what the client sends)."""
    name = environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
    if not name:
        return None
    return "HTTP_" + name.upper().replace("-", "_"), "https"


# HTTPS (default on): redirect plain HTTP, HSTS, cookies only over TLS. HTTPS=0 is the
# documented plain-HTTP mode for an intranet without certificates (README, 登录安全).
HTTPS = env_bool("HTTPS", True)
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
# An explicit "0" for subdomains or preload is the operator's answer to the deploy check's
# question, so that warning is not repeated; HTTPS=0 keeps every HTTPS warning on purpose.
SILENCED_SYSTEM_CHECKS = [
    *(["security.W005"] if HTTPS and not SECURE_HSTS_INCLUDE_SUBDOMAINS else []),
    *(["security.W021"] if HTTPS and not SECURE_HSTS_PRELOAD else []),
]

# Static files straight from the application (WhiteNoise): `make serve` needs no web server.
# It answers /static/ before anything else; media stays behind the views' permission checks.
MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
