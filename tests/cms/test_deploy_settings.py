"""Deployment settings: CACHES from REDIS_URL, production refuses a missing SECRET_KEY, and
``check --deploy`` warns when the rate limit and API cache would count per process."""

import json
import os
import secrets
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

from django.core.cache.backends.redis import RedisCache
from django.core.checks import run_checks
from django.utils.module_loading import import_string

from cms.checks import per_process_cache
from cms.settings.base import caches_from_env

REPO_ROOT = Path(__file__).resolve().parents[2]
PER_PROCESS = "限流与接口缓存按进程计算"


def test_without_redis_url_the_cache_is_local_memory():
    for environ in ({}, {"REDIS_URL": "  "}):
        default = caches_from_env(environ)["default"]
        assert default == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_redis_url_gives_a_prefixed_redis_cache():
    default = caches_from_env({"REDIS_URL": "redis://10.1.2.3:6379/1"})["default"]
    assert issubclass(import_string(default["BACKEND"]), RedisCache)
    assert default["LOCATION"] == "redis://10.1.2.3:6379/1"
    assert default["KEY_PREFIX"] == "fazhi"
    assert default["OPTIONS"]["socket_timeout"] == 1  # a hung Redis does not hang workers
    other = caches_from_env({"REDIS_URL": "redis://10.1.2.3:6379/1", "CACHE_KEY_PREFIX": "yc"})
    assert other["default"]["KEY_PREFIX"] == "yc"  # two deployments, one Redis


def test_the_per_process_warning_only_without_debug_and_with_local_memory(settings):
    settings.DEBUG = False
    (warning,) = per_process_cache()
    assert warning.id == "cms.W001" and PER_PROCESS in warning.msg and "REDIS_URL" in warning.hint
    settings.DEBUG = True
    assert per_process_cache() == []
    settings.DEBUG = False
    settings.CACHES = caches_from_env({"REDIS_URL": "redis://127.0.0.1:6379/5"})
    assert per_process_cache() == []


def test_the_warning_is_a_deploy_check(settings):
    settings.DEBUG = False
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "cms.W001" in ids
    assert "cms.W001" not in {message.id for message in run_checks()}


def manage(tmp_path, *args, **env):
    """manage.py under production settings, in an environment of only what is given (none
    of this process's variables, e.g. DJANGO_ALLOW_ASYNC_UNSAFE set by the browser tests)."""
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATA_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    for secret in ({}, {"SECRET_KEY": ""}, {"SECRET_KEY": "insecure-dev-key-change-me"}):
        result = manage(tmp_path, "check", **secret)
        assert result.returncode != 0
        assert "生产环境必须设置环境变量 SECRET_KEY" in result.stderr


def test_check_deploy_in_production_warns_until_redis_url_is_set(tmp_path):
    secret = secrets.token_urlsafe(50)
    without = manage(tmp_path, "check", "--deploy", SECRET_KEY=secret)
    assert without.returncode == 0, without.stderr
    assert "cms.W001" in without.stderr and PER_PROCESS in without.stderr
    shared = manage(
        tmp_path, "check", "--deploy", SECRET_KEY=secret, REDIS_URL="redis://127.0.0.1:6379/5"
    )
    assert shared.returncode == 0, shared.stderr
    assert "cms.W001" not in shared.stderr + shared.stdout


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of SMTP (RFC 5321) to take one message: records what DATA carried."""

    def handle(self):
        self.wfile.write(b"220 test\r\n")
        in_data, lines = False, []
        for raw in self.rfile:
            line = raw.rstrip(b"\r\n")
            if in_data:
                if line == b".":
                    in_data = False
                    self.server.messages.append(b"\n".join(lines).decode("utf-8", "replace"))
                    self.wfile.write(b"250 OK\r\n")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # EHLO/HELO, MAIL FROM, RCPT TO, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


def test_mail_goes_to_the_smtp_server_the_environment_names(tmp_path):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.messages = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = manage(
            tmp_path,
            "sendtestemail",
            "adviser@example.gov.cn",
            SECRET_KEY=secrets.token_urlsafe(50),
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(server.server_address[1]),
            DEFAULT_FROM_EMAIL="fazhi@hongsibu.gov.cn",
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    (message,) = server.messages
    assert "To: adviser@example.gov.cn" in message
    assert "From: fazhi@hongsibu.gov.cn" in message


def test_check_deploy_with_https_has_no_warning_at_all(tmp_path):
    """Production with HTTPS (the default) and Redis: HSTS, SSL redirect, secure cookies,
    the proxy's HTTPS header; ``check --deploy --fail-level WARNING`` passes silently."""
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        REDIS_URL="redis://127.0.0.1:6379/5",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)" in result.stdout


def production_settings(tmp_path, **env) -> dict:
    """The production settings module's values under ``env`` (in a fresh interpreter)."""
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SILENCED_SYSTEM_CHECKS",
        "DJANGO_ADMIN_ENABLED",
        "SESSION_COOKIE_AGE",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = manage(tmp_path, "shell", "-c", code, SECRET_KEY=secrets.token_urlsafe(50), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_settings_and_the_plain_http_intranet_mode(tmp_path):
    https = production_settings(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert https["SECURE_SSL_REDIRECT"] and https["SECURE_HSTS_SECONDS"] == 31536000
    assert https["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert https["SESSION_COOKIE_SECURE"] and https["CSRF_COOKIE_SECURE"]
    assert https["DJANGO_ADMIN_ENABLED"] is False and https["SESSION_COOKIE_AGE"] == 1800
    intranet = production_settings(tmp_path, HTTPS="0", SESSION_IDLE_MINUTES="15")
    assert not intranet["SECURE_SSL_REDIRECT"] and intranet["SECURE_HSTS_SECONDS"] == 0
    assert not intranet["SESSION_COOKIE_SECURE"] and not intranet["CSRF_COOKIE_SECURE"]
    assert intranet["SECURE_PROXY_SSL_HEADER"] is None and intranet["SESSION_COOKIE_AGE"] == 900
    # an explicit "no" to HSTS for subdomains answers the deploy check's question
    narrow = production_settings(tmp_path, SECURE_HSTS_INCLUDE_SUBDOMAINS="0")
    assert narrow["SILENCED_SYSTEM_CHECKS"] == ["security.W005"]
    assert production_settings(tmp_path, DJANGO_ADMIN_ENABLED="1")["DJANGO_ADMIN_ENABLED"]


def test_plain_http_mode_still_warns_under_check_deploy(tmp_path):
    result = manage(
        tmp_path,
        "check",
        "--deploy",
        SECRET_KEY=secrets.token_urlsafe(50),
        REDIS_URL="redis://127.0.0.1:6379/5",
        HTTPS="0",
    )
    assert result.returncode == 0, result.stderr
    said = result.stderr + result.stdout
    for check in ("security.W004", "security.W008", "security.W016", "SESSION_COOKIE_SECURE"):
        assert check in said
