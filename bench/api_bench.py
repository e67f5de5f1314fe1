"""Load benchmark of the portal API: our documents list and search vs Wagtail's stock listing.

    python -m bench.api_bench [--docs 10000] [--seconds 10] [--clients 16] [--workers 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_api python -m bench.api_bench

What it does, in one command:

1. builds ``--docs`` published normative documents (default 10,000; bodies drawn from
   ../shared/data/laws_dev.jsonl.gz when present, 20 % mention 低保) in a throwaway SQLite
   database in a temporary folder — or, with ``DATABASE_URL``, in that PostgreSQL
   database, which is dropped and created afresh (its name must start with ``bench``) —
   each with its issued revision and 存量导入 record, and rebuilds the search index
   (bench/api_data.py; the build time is printed). ``--reuse`` keeps the database (SQLite
   in ``--data-dir``) and skips the build when it already holds ``--docs`` documents;
2. starts gunicorn (``--workers`` sync workers, production settings, DEBUG off, persistent
   DB connections, rate limit off) on a free loopback port;
3. for each endpoint in turn — ``/api/v2/documents/``, ``/api/v2/documents/?q=低保``, the
   same two with ``Cache-Control: no-cache`` (past our server-side answer cache,
   portal/api/cache.py, so the database work is measured too) and Wagtail's stock
   ``/api/v2/pages/`` (which has no such cache) — runs ``--clients`` concurrent clients
   (threads with http.client, a new connection per request as gunicorn's sync workers
   close them) for ``--seconds`` seconds after a warm-up, over ``--rounds`` rounds;
4. prints p50/p95 latency and requests/s of each, and ours ÷ stock for each ratio, all
   measured in this one run (the rounds interleave the endpoints, so a busy machine slows
   them alike).

About 2½ minutes with the defaults on an idle 2-core machine, plus building the data.

Target (issue 16): the UNCACHED list (``documents 不缓存``: every request computed, past
the answer cache) at least 3× the stock ``/api/v2/pages/`` listing in requests/s, with
p95 ≤ 50 ms, at 10,000 documents, on SQLite and on PostgreSQL. Only 127.0.0.1 is ever
contacted; every loop is bounded in time; gunicorn is stopped and a throwaway database
deleted at the end.
"""

import argparse
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NO_CACHE = {"Cache-Control": "no-cache"}  # skips our server-side answer cache (portal.api.cache)
ENDPOINTS = {  # name: (path, extra request headers)
    "documents": ("/api/v2/documents/", {}),
    "documents?q=低保": ("/api/v2/documents/?q=" + quote("低保"), {}),
    "documents 不缓存": ("/api/v2/documents/", NO_CACHE),
    "q=低保 不缓存": ("/api/v2/documents/?q=" + quote("低保"), NO_CACHE),
    "stock pages": ("/api/v2/pages/", {}),
}


def environment(db_dir: str, database_url: str = "") -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "api-bench-only",
        "DEBUG": "0",
        "DATA_DIR": db_dir,
        "DB_CONN_MAX_AGE": "600",
        "API_RATE_LIMIT": "",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "ELASTICSEARCH_URL": "",
        "HTTPS": "0",  # plain HTTP on the loopback: production settings would redirect to https
    }


def fresh_postgres(url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database (only one named bench…)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    if not name.startswith("bench"):
        raise SystemExit(f"基准测试只清空名称以 bench 开头的数据库，而不是 {name!r}。")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def settle(connection) -> None:
    """On PostgreSQL, statistics and a visibility map as autovacuum leaves a live database
    (without it an index-only count still reads every heap page). SQLite is left as the
    application leaves it (never analysed)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def setup_django(env: dict) -> None:
    os.environ.update(env)
    if not env.get("DATABASE_URL"):
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, headers: dict | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "cms.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "sync", "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/api/v2/schema/") == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn 未能在 60 秒内启动。")


def load(port: int, path: str, headers: dict, clients: int, seconds: float) -> tuple[list, int]:
    """``clients`` threads GET ``path`` until ``seconds`` pass; latencies (ms) and errors."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        mine, failed = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                ok = fetch(port, path, headers) == 200
            except OSError:
                ok = False
            if ok:
                mine.append((time.perf_counter() - started) * 1000)
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors[0]


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0.0


def measure(port: int, args) -> dict:
    results = {name: {"lat": [], "errors": 0, "seconds": 0.0} for name in ENDPOINTS}
    for path, headers in ENDPOINTS.values():  # warm every worker: caches, connections, imports
        for _ in range(args.workers * 6):
            fetch(port, path, headers)
    for _ in range(args.rounds):
        for name, (path, headers) in ENDPOINTS.items():
            started = time.perf_counter()
            latencies, errors = load(port, path, headers, args.clients, args.seconds)
            results[name]["seconds"] += time.perf_counter() - started
            results[name]["lat"] += latencies
            results[name]["errors"] += errors
    return results


def report(results: dict, args, built: dict) -> None:
    if built.get("reused"):
        print(f"数据：{built['documents']} 篇已发布文件（沿用）")
    else:
        print(
            f"数据：{built['documents']} 篇已发布文件（建页 {built['pages_seconds']:.1f} 秒，"
            f"版本与存量导入记录 {built['records_seconds']:.1f} 秒，检索索引 {built['index_seconds']:.1f} 秒）"
        )
    print(
        f"负载：{args.clients} 个并发客户端，gunicorn {args.workers} 个 worker，"
        f"每个接口 {args.rounds} 轮 × {args.seconds:.0f} 秒；本机 {os.cpu_count()} 核\n"
    )
    print(f"{'接口':<18}{'请求数':>8}{'错误':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    rows = {}
    for name, data in results.items():
        lat = data["lat"]
        rps = len(lat) / data["seconds"] if data["seconds"] else 0.0
        rows[name] = (rps, pct(lat, 0.5), pct(lat, 0.95))
        print(
            f"{name:<18}{len(lat):>8}{data['errors']:>6}{rps:>9.1f}{rows[name][1]:>9.1f}{rows[name][2]:>9.1f}"
        )
    stock = rows["stock pages"]
    print("\n与 Wagtail 自带 /api/v2/pages/ 之比（同一次运行）：")
    for name in [name for name in ENDPOINTS if name != "stock pages"]:
        rps, p50, p95 = rows[name]
        print(
            f"  {name:<18} req/s ×{rps / stock[0]:.2f}   p50 ×{p50 / stock[1]:.2f}   "
            f"p95 ×{p95 / stock[2]:.2f}（时延倍数越小越好）"
        )
    rps, _, p95 = rows["documents 不缓存"]
    verdict = "达标" if rps >= 3 * stock[0] and p95 <= 50 else "未达标"
    print(
        f"目标（不经服务端缓存的列表 req/s ≥ 3× 自带接口，且 p95 ≤ 50 ms）：req/s ×{rps / stock[0]:.2f}，"
        f"p95 {p95:.1f} ms —— {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="已建好的数据库不重建")
    parser.add_argument("--data-dir", help="SQLite 数据库所在文件夹（与 --reuse 合用）")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="api-bench-") as scratch:
        db_dir = args.data_dir or scratch
        env = environment(db_dir, url)
        reuse = args.reuse and (bool(url) or args.data_dir is not None)
        if url and not reuse:
            fresh_postgres(url)
        setup_django(env)
        from django.db import connections

        from bench.api_data import build
        from cms.models import NormativeDocumentPage

        where = f"PostgreSQL：{urlsplit(url).path.lstrip('/')}" if url else f"SQLite：{db_dir}"
        if reuse and NormativeDocumentPage.objects.count() == args.docs:
            print(f"沿用已建好的 {args.docs} 篇已发布文件（{where}）", flush=True)
            built = {"documents": args.docs, "reused": True}
        else:
            print(f"建立 {args.docs} 篇已发布文件（{where}）…", flush=True)
            built = build(args.docs)
        settle(connections["default"])
        connections.close_all()
        port = free_port()
        server = start_gunicorn(
            {k: v for k, v in env.items() if v or k != "DATABASE_URL"}, port, args.workers
        )
        try:
            results = measure(port, args)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        print(f"\n数据库：{where}")
        report(results, args, built)


if __name__ == "__main__":
    main()
