"""Where one uncached ``/api/v2/documents/`` request spends its time, beside the stock listing.

    python -m bench.api_profile [--docs 10000] [--requests 40] [--top 25] [--reuse]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_api python -m bench.api_profile

Builds ``--docs`` published documents in a throwaway SQLite database (bench/api_data.py,
as bench.api_bench does) — or, with ``DATABASE_URL``, uses that PostgreSQL database (named
bench…), dropped and rebuilt, or with ``--reuse`` kept as ``bench.api_bench --reuse`` left
it (rebuilt only when it does not hold ``--docs`` documents) — then, in this process with the production settings and the
Django test client, for our list (``Cache-Control: no-cache``, past the answer cache) and
Wagtail's stock ``/api/v2/pages/``: the SQL queries of one request (count and total time),
the mean wall time per request over ``--requests`` requests, and cProfile's top functions
by cumulative time for ours. No server, no network; the database is deleted at the end.
"""

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time

from bench.api_bench import environment, fresh_postgres, settle, setup_django

PATHS = {"documents 不缓存": "/api/v2/documents/", "stock pages": "/api/v2/pages/"}
NO_CACHE = {"HTTP_CACHE_CONTROL": "no-cache"}


def queries_of(client, path: str) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **NO_CACHE).status_code == 200
    return len(captured), sum(float(q["time"]) for q in captured.captured_queries) * 1000


def mean_ms(client, path: str, requests: int) -> float:
    client.get(path, **NO_CACHE)  # warm-up
    started = time.perf_counter()
    for _ in range(requests):
        client.get(path, **NO_CACHE)
    return (time.perf_counter() - started) * 1000 / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--reuse", action="store_true", help="已建好的 PostgreSQL 数据库不重建")
    args = parser.parse_args()
    db_dir = tempfile.mkdtemp(prefix="api-profile-")
    try:
        url = os.environ.get("DATABASE_URL", "")
        if url and not args.reuse:
            fresh_postgres(url)
        setup_django({**environment(db_dir, url), "DEBUG": "0"})
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from bench.api_data import build
        from cms.models import NormativeDocumentPage

        if NormativeDocumentPage.objects.count() != args.docs:
            build(args.docs)
            settle(connection)
        settings.ALLOWED_HOSTS = ["*"]
        client = Client()
        timings = {}
        for name, path in PATHS.items():
            count, sql_ms = queries_of(client, path)
            timings[name] = mean_ms(client, path, args.requests)
            print(
                f"{name:18} {count:3d} 条 SQL，{sql_ms:7.1f} ms；平均 {timings[name]:7.1f} ms/请求"
            )
        ratio = timings["stock pages"] / timings["documents 不缓存"]
        print(f"ours ÷ stock（请求/秒之比）: ×{ratio:.2f}")
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            client.get(PATHS["documents 不缓存"], **NO_CACHE)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(out.getvalue())
    finally:
        shutil.rmtree(db_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
