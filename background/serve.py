"""Production in one command: ``python -m background.serve`` (``make serve``).

Under ``cms.settings.production`` on the embedded default (SQLite in DATA_DIR unless
DATABASE_URL is set): migrate, collectstatic, then gunicorn (static files by WhiteNoise)
and the background worker side by side. Ctrl-C or SIGTERM stops both; a worker that dies
is started again. Without SECRET_KEY in the environment a random one is made once and
kept in ``DATA_DIR/secret_key`` (readable by this user only), so a clerk has nothing to
set. Runs without Django loaded: it only supervises the processes.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORKER_RESTART_SECONDS = 5


def secret_key(data_dir: Path) -> str:
    """The SECRET_KEY kept in DATA_DIR (made on first start)."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def production_environ(environ: dict) -> dict:
    env = dict(environ)
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    data_dir = Path(env.setdefault("DATA_DIR", str(BASE_DIR / "data")))
    if not env.get("SECRET_KEY", "").strip():
        env["SECRET_KEY"] = secret_key(data_dir)
    # gunicorn itself speaks plain HTTP: without a TLS proxy in front (which names its
    # SECURE_PROXY_SSL_HEADER) this is the documented intranet mode, else the HTTPS redirect
    # would send every browser to an https:// nobody answers.
    env.setdefault("HTTPS", "1" if env.get("SECURE_PROXY_SSL_HEADER", "").strip() else "0")
    return env


def gunicorn_command(env: dict) -> list[str]:
    bind = f"{env.get('HOST', '127.0.0.1')}:{env.get('PORT', '8000')}"
    workers = env.get("WEB_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 9)))
    return [
        *(sys.executable, "-m", "gunicorn", "cms.wsgi:application"),
        *("--bind", bind, "--workers", workers, "--timeout", "120"),
        *("--access-logfile", "-"),
    ]


def worker_command() -> list[str]:
    return [sys.executable, "manage.py", "run_worker"]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def supervise(env: dict) -> int:
    web = subprocess.Popen(gunicorn_command(env), cwd=BASE_DIR, env=env)
    worker = subprocess.Popen(worker_command(), cwd=BASE_DIR, env=env)
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping:
            if web.poll() is not None:
                print(f"网站进程已退出（返回码 {web.returncode}），停止。", flush=True)
                return web.returncode or 1
            if worker.poll() is not None:
                print(f"后台任务进程已退出（返回码 {worker.returncode}），重新启动。", flush=True)
                time.sleep(WORKER_RESTART_SECONDS)
                worker = subprocess.Popen(worker_command(), cwd=BASE_DIR, env=env)
            time.sleep(0.5)
        return 0
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.terminate()
        for process in (web, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def main() -> int:
    env = production_environ(os.environ)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    bind = f"http://{env.get('HOST', '127.0.0.1')}:{env.get('PORT', '8000')}/admin/"
    print(f"正在启动：网站 {bind}，以及后台任务。按 Ctrl-C 停止。", flush=True)
    return supervise(env)


if __name__ == "__main__":
    sys.exit(main())
