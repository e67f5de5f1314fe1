"""Benchmark: embedded Chinese search on a 20,000-document corpus vs. a plain icontains scan.

    python -m bench.search_bench [--docs 20000] [--queries 30]

Corpus (built from ../shared/data/laws_dev.jsonl.gz, 2,413 real laws): each synthetic
document takes a real law's title as its title and 8–30 paragraphs drawn at random from
the whole corpus (seeded), so term frequencies are those of real legal Chinese while the
collection has 20,000 distinct documents (~5 KB each). Years, statuses, issuers and
departments are spread for facets and filters.

Reports indexing rate, peak memory (ru_maxrss), and for each query class — 2-character
word, 4-character word, phrase, word + facet filter — p50/p95 latency of the embedded
backend (top 20 with total, highlights and facets: the full portal query) and of the
baseline (``text__icontains`` with count and first 20), each with the ratio measured in
the same run, and whether the hits are exactly those of a plain scan (every term a
substring of title, 文号 or text). Runs on a throwaway SQLite database unless DATABASE_URL is set (then on
that database, touching only rows whose key starts with "bench:"). With ELASTICSEARCH_URL
set, the Elasticsearch backend is measured too.
"""

import argparse
import gzip
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "laws_dev.jsonl.gz"
QUERY_CLASSES = {
    "2字词": ["合同", "保险", "登记", "罚款", "税务", "医疗"],
    "4字词": ["行政处罚", "人民法院", "社会保险", "安全生产", "环境保护", "劳动合同"],
    "短语": ['"依法追究刑事责任"', '"最低生活保障"', '"行政复议"', '"人民调解委员会"'],
    "词+筛选": ["合同 年份:2020", "登记 有效性:现行有效", "罚款 类型:规范性文件", "保险 年份:2018"],
}


def setup_django(db_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATA_DIR"] = db_dir
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # as in production: no per-query debug logging on either side

    call_command("migrate", verbosity=0)


def corpus(n_docs: int, seed: int = 7):
    from search.backends.base import EntryData

    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        laws = [json.loads(line) for line in handle]
    paragraphs = [p for law in laws for p in law["text"].split("\n") if len(p) > 20]
    rng = random.Random(seed)
    statuses = ["现行有效", "现行有效", "现行有效", "已修改", "已废止"]
    for i in range(n_docs):
        law = laws[i % len(laws)]
        text = "\n".join(rng.sample(paragraphs, rng.randint(8, 30)))
        year = 2000 + rng.randint(0, 25)
        yield EntryData(
            key=f"bench:{i}",
            kind="normative",
            object_id=str(i),
            title=f"{law['title']}（{i}）",
            text=text,
            doc_number=f"测发〔{year}〕{i}号",
            issuer=law.get("issuer") or "某市人民政府",
            status=rng.choice(statuses),
            year=year,
            live=True,
        )


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def baseline(query: str):
    """What a naive portal does: icontains on every term, plus filters, count and a page."""
    from search.models import SearchEntry
    from search.query import parse

    parsed = parse(query)
    qs = SearchEntry.objects.filter(key__startswith="bench:")
    for term in parsed.terms:
        for word in term.split():
            qs = qs.filter(text__icontains=word)
    for field, values in parsed.filters.items():
        column = {"kind": "kind", "status": "status", "year": "year"}.get(field)
        if column:
            value = "normative" if values[0] == "规范性文件" else values[0]
            qs = qs.filter(**{column: value})
    return qs.count(), list(qs.order_by("-id")[:20])


def scanned(query: str) -> set[str]:
    """The exact hit set by a plain scan: every term a substring of title, 文号 or text
    (bench queries are words and phrases with filters, no OR/NOT)."""
    from django.db.models import Q

    from search.models import SearchEntry
    from search.query import parse

    parsed = parse(query)
    qs = SearchEntry.objects.filter(key__startswith="bench:")
    for term in parsed.terms:
        for word in term.split():
            qs = qs.filter(
                Q(title__contains=word) | Q(text__contains=word) | Q(doc_number__contains=word)
            )
    for field, values in parsed.filters.items():
        value = "normative" if values[0] == "规范性文件" else values[0]
        qs = qs.filter(**{field: value})
    return set(qs.values_list("object_id", flat=True))


def same_hits(backend, request, query: str) -> bool:
    """Whether the backend finds exactly the plain scan's hits (all pages at once)."""
    expected = scanned(query)
    every = backend.search(request._replace(per_page=len(expected) + 10))
    return every.total == len(expected) and {hit.object_id for hit in every.hits} == expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"未找到 {DATA}：基准测试需要 ../shared/data/laws_dev.jsonl.gz，已跳过。")
        return
    with tempfile.TemporaryDirectory() as db_dir:
        setup_django(db_dir)
        run(args)


def run(args) -> None:
    from search.backends.base import SearchRequest, Visibility
    from search.backends.embedded import EmbeddedBackend
    from search.models import SearchEntry
    from search.query import parse

    backend = EmbeddedBackend()
    SearchEntry.objects.filter(key__startswith="bench:").delete()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    count = backend.rebuild(corpus(args.docs))
    elapsed = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite（临时）"
    print(f"数据库：{database}")
    print(
        f"索引：{count} 篇，用时 {elapsed:.1f} 秒，{count / elapsed:.0f} 篇/秒；峰值内存 {rss_after / 1024:.0f} MB（建索引前 {rss_before / 1024:.0f} MB）"
    )
    visibility = Visibility(True, (), ("decision", "normative"))
    print(
        f"{'类别':<8}{'检索式':<22}{'命中':>7}{'p50 ms':>9}{'p95 ms':>9}{'基线p50':>10}{'基线p95':>10}{'p50倍数':>9}  与逐条扫描"
    )
    summary = {}
    for klass, queries in QUERY_CLASSES.items():
        fast, slow = [], []
        for query in queries:
            request = SearchRequest(parse(query), visibility)
            results = backend.search(request)
            fast_samples = timed(lambda r=request: backend.search(r), args.repeat)
            slow_samples = timed(lambda q=query: baseline(q), max(3, args.repeat // 3))
            fast += fast_samples
            slow += slow_samples
            exact = "一致" if same_hits(backend, request, query) else "不一致"
            print(
                f"{klass:<8}{query:<22}{results.total:>7}{pct(fast_samples, 0.5):>9.1f}{pct(fast_samples, 0.95):>9.1f}"
                f"{pct(slow_samples, 0.5):>10.1f}{pct(slow_samples, 0.95):>10.1f}{pct(slow_samples, 0.5) / pct(fast_samples, 0.5):>9.1f}"
                f"  {exact}"
            )
        summary[klass] = (
            pct(fast, 0.5),
            pct(fast, 0.95),
            pct(slow, 0.5),
            pct(slow, 0.5) / pct(fast, 0.5),
        )
    print("\n汇总（每类全部检索式）：")
    for klass, (p50, p95, base50, ratio) in summary.items():
        verdict = "达标" if p95 <= 100 and ratio >= 20 else "未达标"
        print(
            f"  {klass}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, 基线 p50 {base50:.1f} ms, 快 {ratio:.0f} 倍 — {verdict}（p95≤100ms 且 ≥20倍）"
        )
    print(
        f"峰值内存（整个进程）：{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if os.environ.get("ELASTICSEARCH_URL"):
        print(
            "已设置 ELASTICSEARCH_URL：Elasticsearch 基准见 search.backends.elasticsearch（同一语料）。"
        )
    SearchEntry.objects.filter(key__startswith="bench:").delete()


if __name__ == "__main__":
    main()
