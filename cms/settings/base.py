"""Settings shared by every environment.

Everything comes from environment variables with safe defaults: with nothing set the
system runs on SQLite under ``DATA_DIR`` with the embedded search, so a clerk's single
server needs no other service. ``DATABASE_URL`` switches to PostgreSQL.
"""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_extra(*, setting: str, module: str, extra: str) -> None:
    """A setting that needs an optional package (a pyproject extra) refuses to start, in
    Chinese, when the package is missing — rather than failing at the first request."""
    if importlib.util.find_spec(module) is None:
        raise ImproperlyConfigured(
            f"设置了 {setting}，但没有安装 Python 包 {module}：请运行 "
            f"pip install 'fazhi-cms[{extra}]'（或 .venv/bin/pip install -e '.[{extra}]'）后重启。"
        )


def caches_from_env(environ) -> dict:
    """CACHES from ``REDIS_URL`` (and ``CACHE_KEY_PREFIX``).

    Unset: Django's local-memory cache — no server to run on a clerk's single machine,
    but each process counts the API rate limit and keeps API answers on its own (N
    gunicorn workers allow N× API_RATE_LIMIT). Set (e.g. ``redis://127.0.0.1:6379/1``):
    one Redis shared by every worker and server, failing open when Redis is down
    (cms/cache_backends.py). The key prefix lets several deployments share one Redis.
    """
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    require_extra(setting="REDIS_URL", module="redis", extra="redis")
    return {
        "default": {
            "BACKEND": "cms.cache_backends.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": environ.get("CACHE_KEY_PREFIX", "").strip() or "fazhi",
            # a hung Redis must not hang the web workers: give up after a second
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


DEV_SECRET_KEY = "insecure-dev-key-change-me"  # refused by cms/settings/production.py
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",  # login security (lockout, login records, password policy); lowest layer
    "cms",
    "review",
    "search",
    "reports",
    "prereview",
    "portal",
    "intake",  # 存量导入: bulk import of paper-era documents (manifest + files)
    "disclosure",  # 政府信息公开: 依申请公开, personal-data scan, the annual disclosure report
    "bureau",
    "ops",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "review.stockmail",  # after wagtail.admin: turns off its submitted mails
    "wagtail",
    "wagtail.api.v2",
    "modelcluster",
    "taggit",
    "simple_history",
    "rest_framework",
    "corsheaders",
    "django_tasks",  # background work (docs/architecture.md, "Background work")
    "django_tasks_db",  # its database queue, run by `manage.py run_worker`
    "background",  # the worker's scheduler, retries, reminders log, dashboard status
    "ninja",  # API docs (/api/v2/docs/) from local static files, not a CDN: offline networks
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # failed-login lockout and login records (accounts/)
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",  # first: its headers go on every answer, 429s too
    "portal.api.middleware.PublicApiMiddleware",  # rate limit, last privacy check, ETag/304
    "accounts.middleware.IdleSessionMiddleware",  # SessionMiddleware; pings are not activity
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: the lockout answer
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default needs its folder

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = caches_from_env(os.environ)  # REDIS_URL: shared rate limit and API cache

# Password policy (GB/T 22239-2019): long enough, several character classes, not like the
# username, not a common or all-digit password. Messages in Chinese (accounts/).
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "10"))
PASSWORD_MIN_CLASSES = int(os.environ.get("PASSWORD_MIN_CLASSES", "3"))  # of 4
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "accounts.password_validation.CharacterClassValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
    {"NAME": "accounts.password_validation.NotUsernameValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_I18N_ENABLED = False
# Chinese for the Wagtail admin strings Wagtail's zh_Hans catalogue lacks (cms.l10n);
# LOCALE_PATHS come before every app's catalogue.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fazhi@localhost")
# With EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend: the bureau's mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = int(
    os.environ.get("EMAIL_TIMEOUT", "10")
)  # seconds: a dead server never hangs a request

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "法治审核与公开平台")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "cms.AttachmentFile"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "png", "jpg", "jpeg", "tif", "tiff"]  # images: scans, OCR
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.attachment_forms.AttachmentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # offline government networks; no e-mail hashes sent out
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True  # any edit voids earlier approvals
WAGTAIL_FINISH_WORKFLOW_ACTION = "review.workflows.publish_reviewed"
WAGTAIL_APPEND_SLASH = (
    True  # Wagtail's default, stated: page URLs end in "/" (portal/api/serialize.py)
)

# Full-text search (search/backends): embedded in the database unless ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")  # e.g. http://127.0.0.1:9200
if ELASTICSEARCH_URL:
    require_extra(setting="ELASTICSEARCH_URL", module="elasticsearch", extra="elasticsearch")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "fazhi")  # alias; indexes behind it
ELASTICSEARCH_ANALYZER = os.environ.get("ELASTICSEARCH_ANALYZER", "cjk")  # or smartcn / ik_max_word
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}

# Domain settings (docs/architecture.md): each rule is configurable, defaults as the law says.
BUREAU_NAME = os.environ.get("BUREAU_NAME", "吴忠市红寺堡区民政局")  # 默认发文机关
VALIDITY_YEARS_DEFAULT = int(os.environ.get("VALIDITY_YEARS_DEFAULT", "5"))  # 有效期上限（年）
VALIDITY_YEARS_PROVISIONAL = int(os.environ.get("VALIDITY_YEARS_PROVISIONAL", "2"))  # 暂行、试行
ATTACHMENT_MAX_MB = int(os.environ.get("ATTACHMENT_MAX_MB", "50"))  # 附件上传上限
# Text extraction of attachments (search/extraction.py): beyond these the file is kept, not read.
# 存量导入 (intake): uploads waiting for the clerk's confirmation, kept outside MEDIA_ROOT
# (never served) and removed after the import; the ZIP of attachments may be this large.
INTAKE_PENDING_DIR = Path(os.environ.get("INTAKE_PENDING_DIR", DATA_DIR / "intake-pending"))
INTAKE_ZIP_MAX_MB = int(os.environ.get("INTAKE_ZIP_MAX_MB", "1024"))
EXTRACTION_MAX_MB = int(os.environ.get("EXTRACTION_MAX_MB", str(ATTACHMENT_MAX_MB)))
EXTRACTION_MAX_PAGES = int(os.environ.get("EXTRACTION_MAX_PAGES", "500"))
EXTRACTION_MAX_SECONDS = int(os.environ.get("EXTRACTION_MAX_SECONDS", "20"))
# OCR of scanned pages and images (search/ocr.py; Debian tesseract-ocr + tesseract-ocr-chi-sim).
# OCR time is outside EXTRACTION_MAX_SECONDS: each page has OCR_PAGE_SECONDS of its own.
OCR_ENABLED = os.environ.get("OCR_ENABLED", "1").strip().lower() not in ("0", "false", "no", "")
OCR_LANGUAGES = os.environ.get("OCR_LANGUAGES", "chi_sim+eng")
OCR_MAX_PAGES = int(os.environ.get("OCR_MAX_PAGES", "50"))  # pages OCR'd per file
OCR_PAGE_SECONDS = int(os.environ.get("OCR_PAGE_SECONDS", "60"))
OCR_DPI = int(os.environ.get("OCR_DPI", "300"))
TITLE_MAX_LENGTH = 200  # a database column width (migrations), so not from the environment
REGISTRATION_PREFIX = os.environ.get("REGISTRATION_PREFIX", "红民登")  # 登记编号 红民登〔年〕N号
DOC_NUMBER_PREFIX = os.environ.get("DOC_NUMBER_PREFIX", "红民规")  # 发文字号 红民规〔年〕N号
FILING_AUTHORITY = os.environ.get("FILING_AUTHORITY", "吴忠市红寺堡区人民政府")  # 备案机关
FILING_DAYS = int(os.environ.get("FILING_DAYS", "30"))  # 备案: days after publication
EVALUATION_MONTHS_BEFORE_EXPIRY = int(os.environ.get("EVALUATION_MONTHS_BEFORE_EXPIRY", "6"))
# 政府信息公开条例: publish within 20 working days of issue (annual report's timeliness rate).
DISCLOSURE_WORKING_DAYS = int(os.environ.get("DISCLOSURE_WORKING_DAYS", "20"))
# Pre-review reads at most this many characters of a body or attachment (≈ 1,000 dense
# pages); beyond it a source is cut (for an attachment, a finding says so).
PREREVIEW_MAX_CHARS = int(os.environ.get("PREREVIEW_MAX_CHARS", "2000000"))

# The portal's read-only API (portal/api): /api/v2/ (ours, django-ninja) beside Wagtail's stock v2.
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "20"))
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "100"))  # larger limits are capped
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120/m")  # per client IP; "" or "0" = off
# Rate limits (cms/ratelimits.py, django-ratelimit on the default cache) and the client
# address they count: behind a reverse proxy, the header it sets (X-Real-IP, or
# X-Forwarded-For whose last entry is taken: one trusted hop). Unset: REMOTE_ADDR.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "") or os.environ.get(
    "API_TRUSTED_PROXY_HEADER",
    "",  # the older name, still honoured
)
API_TRUSTED_PROXY_HEADER = TRUSTED_PROXY_HEADER
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/10m")  # public comments per client
# 依申请公开: applications and status queries (a query code guessed) per client address
DISCLOSURE_RATE_LIMIT = os.environ.get("DISCLOSURE_RATE_LIMIT", "5/10m")
DISCLOSURE_QUERY_RATE_LIMIT = os.environ.get("DISCLOSURE_QUERY_RATE_LIMIT", "20/10m")
RATELIMIT_IP_META_KEY = "cms.ratelimits.client_ip"  # one client-address function
RATELIMIT_FAIL_OPEN = True  # Redis down: requests pass (the cache backend logs a warning)
RATELIMIT_CACHE_PREFIX = "ratelimit:"
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))  # Cache-Control, server cache
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", True)  # whole answers, per content version
CORS_ALLOWED_ORIGINS = env_list("PORTAL_CORS_ORIGINS")  # the portal's origin(s), comma-separated
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")

# Login security (accounts/, docs/security.md). django-axes counts failed logins per
# account and per client address (the rate limiter's address, cms.ratelimits) and locks
# either after LOGIN_FAILURE_LIMIT failures within LOGIN_LOCKOUT_MINUTES, for that long
# (0: until an administrator unlocks). Every login, failure and logout is recorded.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
# Behind one NAT address a whole office shares a counter: raise this one, not the above.
LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", str(LOGIN_FAILURE_LIMIT))
)
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account or address
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES) if LOGIN_LOCKOUT_MINUTES else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # separately: an account and an address
AXES_HANDLER = "accounts.lockout.LoginAttemptHandler"
AXES_CLIENT_IP_CALLABLE = "cms.ratelimits.client_address"  # the rate limiter's address
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # Chinese, form kept
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure kept (login records), not only counts
# axes drops a username's oldest failures beyond this: high, so a flood cannot erase them
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 100_000
AXES_RESET_ON_SUCCESS = False  # accounts.lockout resets only the account's own address
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"  # lockout message; no "remember me"
# The public stock API (Wagtail's pages/images/files) needs no login: without Basic auth
# (DRF's default) it is no password oracle beside the login form.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]
}
# Idle timeout: the session ends after SESSION_IDLE_MINUTES without a request, and when the
# browser closes. Wagtail's background editing pings do not count (accounts/middleware.py).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Django's own admin (/django-admin/): off unless enabled (dev turns it on); behind axes too.
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", False)
AXES_ENABLE_ADMIN = DJANGO_ADMIN_ENABLED
# Backup (ops/, docs/operations.md): `backup --scheduled` writes here and keeps the newest N.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", DATA_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))

# Background work (background/, docs/architecture.md "Background work"): django-tasks with
# its database queue, run by `python manage.py run_worker` beside the web server.
# TASKS_BACKEND=immediate runs every task inside the request instead (no worker needed).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS.get(
            os.environ.get("TASKS_BACKEND", "database").strip().lower(),
            TASK_BACKENDS["database"],
        )
    }
}
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))  # a failed task is retried
TASK_STALE_MINUTES = int(os.environ.get("TASK_STALE_MINUTES", "30"))  # running that long = died
WORKER_ALERT_MINUTES = int(os.environ.get("WORKER_ALERT_MINUTES", "10"))  # dashboard warning
# With no worker running, a download renders a missing opinion archive in the request only
# when the reviewed attachments it merges total at most this much (review/downloads.py).
PDF_INLINE_MAX_MB = int(os.environ.get("PDF_INLINE_MAX_MB", "20"))
VALIDITY_WARNING_DAYS = int(os.environ.get("VALIDITY_WARNING_DAYS", "30"))  # 有效期届满提醒
# 涉及公众切身利益的规范性文件须同步发布政策解读（或记录未附解读的理由）
POLICY_INTERPRETATION_REQUIRED = env_bool("POLICY_INTERPRETATION_REQUIRED", True)
# 索引号的机构代码：<机构代码>/<年>-<序号>
INDEX_NUMBER_PREFIX = os.environ.get("INDEX_NUMBER_PREFIX", "640303-MZ")
CONTRACT_EXPIRY_WARNING_DAYS = int(os.environ.get("CONTRACT_EXPIRY_WARNING_DAYS", "30"))
CONSULTATION_CLOSING_DAYS = int(os.environ.get("CONSULTATION_CLOSING_DAYS", "3"))
