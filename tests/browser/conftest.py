"""Headless-browser fixtures: Debian chromium driven by Playwright's sync API.

The browser runs against pytest-django's ``live_server`` on a transactional test database;
every test gets the demo bureau (the ``load_demo`` management command, i.e. what
``make demo`` serves, built once per session and restored per test) before it opens the admin.
Screenshots of each journey step are kept in ``test-artifacts/screenshots/``.
The portal's accessibility check injects axe-core, installed from npm (``package.json`` at
the repository root) into the git-ignored ``node_modules`` the first time it is needed.
"""

import contextlib
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "Debian chromium 未安装（/usr/bin/chromium）：apt-get install -y chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT_MS = 15_000  # generous: the admin pages render slowly on a loaded CI machine
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(autouse=True)
def allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API keeps an asyncio loop running in this thread; without this
    Django refuses every ORM call made from the test (SynchronousOnlyOperation). Set for
    the browser tests only, not for the rest of the session."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def chromium_path() -> Path:
    """Skip the browser tests (before any database work) when Debian chromium is absent."""
    if not CHROMIUM.exists():
        pytest.skip(CHROMIUM_MISSING)
    return CHROMIUM


@pytest.fixture
def browser(chromium_path, demo, live_requests) -> Iterator:
    """A headless Chromium, started only after the test's database is ready.

    While Playwright's sync API is active its asyncio loop counts as running, and Django's
    connection handler (asgiref ``Local``) then hands out a separate, loop-scoped connection
    object. Starting the browser after ``demo`` (hence after ``transactional_db``), and
    stopping it before their teardown, keeps the snapshot restores and the flush on the
    test database's own connection.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
            connections.close_all()  # the loop-scoped connections the test body opened
            # No new request can start once the browser is closed; let the running ones end
            # before the demo's snapshot restore and the flush touch the shared connection.
            if not live_requests.wait_until_idle():
                pytest.fail("a live-server request was still running 30 s after the test")


class RequestsInFlight:
    """The live server's WSGI application, wrapped to know whether a request is running.

    On SQLite the live server's request threads share this thread's in-memory connection
    (Django's ``connections_override``). A request still running when the browser closes (a
    late asset or a navigation the test did not wait for) would read or write that
    connection while the snapshot restore and the flush run on it: the restore then fails
    with "destination database is in use" or leaves the connection inside a transaction for
    the next test. Each response is read to its end inside the count, so "no request in
    flight" means no thread is touching the database.
    """

    def __init__(self, app):
        self.app = app
        self.running = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            self.running += 1
        try:
            response = self.app(environ, start_response)
            try:
                return list(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        finally:
            with self.changed:
                self.running -= 1
                self.changed.notify_all()

    def wait_until_idle(self, seconds: float = 30.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.running == 0, timeout=seconds)


@pytest.fixture(scope="session")
def live_requests(live_server) -> RequestsInFlight:
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if not isinstance(app, RequestsInFlight):
        app = RequestsInFlight(app)
        httpd.set_app(app)
    return app


@pytest.fixture
def page(browser):
    """A page in a fresh browser context (own cookies and cache), Chinese locale."""
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1440, "height": 960}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    # A click the test did not wait for may still be a request in the live server: let every
    # response arrive before the test's database is restored and flushed under it.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    context.close()


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db, live_server, demo_bureau_live):
    """The demo bureau (``manage.py load_demo``) in the live server's database, restored
    from the session's snapshot before each test (tests/fixtures_demo.py).

    The test commits; afterwards the database's former contents come back, then
    ``transactional_db`` flushes every table. Like every transactional test in this suite
    it asks for ``django_db_serialized_rollback``: the flush then leaves the content types
    and permissions to the next test's restore instead of re-creating them under new ids,
    which the snapshots and the serialized contents would no longer match.
    """


@pytest.fixture
def shoot(request) -> Callable:
    """``shoot(page, "step")`` saves test-artifacts/screenshots/<test>-<nn>-<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w-]+", "_", request.node.name).strip("_")
    counter = iter(range(1, 1000))

    def _shoot(page, step: str) -> Path:
        path = SCREENSHOTS / f"{test_name}-{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path

    return _shoot


@pytest.fixture
def admin_login(live_server) -> Callable:
    """Log ``username`` in through the real login form; returns on the admin dashboard."""
    from bureau.demo.loader import DEMO_PASSWORD

    def _login(page, username: str, password: str = DEMO_PASSWORD) -> None:
        if "/admin/login/" not in page.url:  # e.g. just logged out: already there
            page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_placeholder("输入密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/admin/")

    return _login


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser bundle; ``npm ci`` installs it when missing, else the test skips."""
    if not AXE_SCRIPT.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm 未安装，无法获取 axe-core：apt-get install -y npm")
        verb = "ci" if (REPO_ROOT / "package-lock.json").exists() else "install"
        command = [npm, verb, "--no-audit", "--no-fund", "--ignore-scripts"]
        try:
            subprocess.run(command, cwd=REPO_ROOT, check=True, capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            pytest.skip(f"npm 安装 axe-core 失败（{' '.join(command)}）：{error}")
    if not AXE_SCRIPT.exists():
        pytest.skip(f"npm 安装后仍找不到 {AXE_SCRIPT.relative_to(REPO_ROOT)}")
    return AXE_SCRIPT


@pytest.fixture
def axe(axe_script) -> Callable:
    """``axe(page)`` runs axe-core on the page; returns its serious and critical violations."""

    def _run(page, impacts=("serious", "critical")) -> list[dict]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(axe_script))
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return [v for v in results["violations"] if v["impact"] in impacts]

    return _run
