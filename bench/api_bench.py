"""Load benchmark of the portal API: our documents list and search vs Wagtail's stock listing.

    python -m bench.api_bench [--docs 10000] [--seconds 10] [--clients 16] [--workers 3]

What it does, in one command:

1. builds ``--docs`` published normative documents (default 10,000; bodies drawn from
   ../shared/data/laws_dev.jsonl.gz when present, 20 % mention 低保) in a throwaway SQLite
   database in a temporary folder, each with its issued revision and 存量导入 record, and
   rebuilds the search index (bench/api_data.py; the build time is printed);
2. starts gunicorn (``--workers`` sync workers, production settings, DEBUG off, persistent
   DB connections, rate limit off) on a free loopback port;
3. for each endpoint in turn — ``/api/v2/documents/``, ``/api/v2/documents/?q=低保``, the
   same two with ``Cache-Control: no-cache`` (past our server-side answer cache,
   portal/api/cache.py, so the database work is measured too) and Wagtail's stock
   ``/api/v2/pages/`` (which has no such cache) — runs ``--clients`` concurrent clients
   (threads with http.client, a new connection per request as gunicorn's sync workers
   close them) for ``--seconds`` seconds after a warm-up, over ``--rounds`` rounds;
4. prints p50/p95 latency and requests/s of each, and ours ÷ stock for each ratio.

About 2½ minutes with the defaults on a 2-core machine (≈ 30 s of it building the data).

Targets (issue 5): the list at least as fast as the stock listing in requests/s (ratio ≥
1.0) and its p95 ≤ 150 ms at 10,000 documents. Only 127.0.0.1 is ever contacted; every
loop is bounded in time; gunicorn is stopped and the database deleted at the end.
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
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
NO_CACHE = {"Cache-Control": "no-cache"}  # skips our server-side answer cache (portal.api.cache)
ENDPOINTS = {  # name: (path, extra request headers)
    "documents": ("/api/v2/documents/", {}),
    "documents?q=低保": ("/api/v2/documents/?q=" + quote("低保"), {}),
    "documents 不缓存": ("/api/v2/documents/", NO_CACHE),
    "q=低保 不缓存": ("/api/v2/documents/?q=" + quote("低保"), NO_CACHE),
    "stock pages": ("/api/v2/pages/", {}),
}


def environment(db_dir: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "api-bench-only",
        "DEBUG": "0",
        "DATA_DIR": db_dir,
        "DB_CONN_MAX_AGE": "600",
        "API_RATE_LIMIT": "",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": "",
        "ELASTICSEARCH_URL": "",
    }


def setup_django(env: dict) -> None:
    os.environ.update(env)
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
    print(
        f"\n数据：{built['documents']} 篇已发布文件（建页 {built['pages_seconds']:.1f} 秒，"
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
    rps, _, p95 = rows["documents"]
    verdict = "达标" if rps >= stock[0] and p95 <= 150 else "未达标"
    print(f"目标（列表 req/s ≥ 1.0× 自带接口，且 p95 ≤ 150 ms）：{verdict}")
    rps, _, p95 = rows["documents 不缓存"]
    verdict = "达标" if rps >= stock[0] else "未达标"
    print(
        f"不经服务端缓存（no-cache）：列表 req/s ×{rps / stock[0]:.2f}，p95 {p95:.0f} ms"
        f"（目标 req/s ≥ 1.0× 自带接口：{verdict}）"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="api-bench-") as db_dir:
        env = environment(db_dir)
        setup_django(env)
        from django.db import connections

        from bench.api_data import build

        print(f"建立 {args.docs} 篇已发布文件（临时 SQLite：{db_dir}）…", flush=True)
        built = build(args.docs)
        connections.close_all()
        port = free_port()
        server = start_gunicorn(
            {k: v for k, v in env.items() if k != "DATABASE_URL"}, port, args.workers
        )
        try:
            results = measure(port, args)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        report(results, args, built)


if __name__ == "__main__":
    main()
