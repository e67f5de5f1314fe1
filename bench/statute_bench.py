"""Benchmark: citation detection as the statute library grows, against the nine civil laws.

    python -m bench.statute_bench [--repeat 3]

Texts: ../shared/data/laws_dev.jsonl.gz when present (else generated sentences with planted
citations). Libraries: the built-in nine (the baseline, one compiled alternation), the
shipped ``bureau/demo/statutes.csv`` (≈290 statutes, Aho-Corasick), and that library padded
with 3,000 generated titles (a provincial library with local rules). Prints characters per
second and the ratio to the baseline measured in the same run, and checks the three agree
on the nine's citations. No database.
"""

import argparse
import gzip
import json
import os
import random
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()  # the library file is read by cms.statute_import; no database is opened

from search.cleanup.citations import StatuteName, find_repealed_citations  # noqa: E402
from search.cleanup.statutes import CIVIL_CODE_REPEALED, library_from_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/data/laws_dev.jsonl.gz"
LIBRARY = ROOT / "bureau/demo/statutes.csv"
_CHARS = "社会救助养老服务婚姻登记殡葬管理慈善组织儿童福利残疾人地名区划退役军人行政许可处罚复议"


def texts() -> list[str]:
    if DATA.is_file():
        with gzip.open(DATA, "rt", encoding="utf-8") as handle:
            return [json.loads(line).get("text") or "" for line in handle if line.strip()]
    rng = random.Random(7)
    planted = ["依照《中华人民共和国合同法》第五十二条", "根据《劳动合同法》", "按《信访条例》办理"]
    return [
        "".join(rng.choice(_CHARS) for _ in range(3000)) + rng.choice(planted) for _ in range(500)
    ]


def padded(library: list[StatuteName], extra: int) -> list[StatuteName]:
    rng = random.Random(3)
    status = ("现行有效", "现行有效", "现行有效", "已废止", "已修改")
    made = {
        "".join(rng.choice(_CHARS) for _ in range(rng.randint(4, 10)))
        + rng.choice(("条例", "办法", "规定", "实施细则"))
        for _ in range(extra)
    }
    return library + [StatuteName(name, (), rng.choice(status)) for name in sorted(made)]


def measure(corpus: list[str], library: list[StatuteName], repeat: int):
    find_repealed_citations("预热", library)
    best, hits = float("inf"), []
    for _ in range(repeat):
        started = time.perf_counter()
        hits = [find_repealed_citations(text, library) for text in corpus]
        best = min(best, time.perf_counter() - started)
    return best, hits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    corpus = texts()
    chars = sum(map(len, corpus))
    library = library_from_file(LIBRARY.name, LIBRARY.read_bytes())
    runs = {
        "nine (baseline)": list(CIVIL_CODE_REPEALED),
        f"demo library ({len(library)})": library,
        f"demo + 3,000 generated ({len(library) + 3000})": padded(library, 3000),
    }
    nine = {statute.canonical for statute in CIVIL_CODE_REPEALED}
    base_seconds, base_hits = None, None
    print(f"{len(corpus)} texts, {chars / 1e6:.1f} M characters, best of {repeat}")
    for label, statutes in runs.items():
        seconds, hits = measure(corpus, statutes, repeat)
        same = [[(c.statute, c.start) for c in h if c.statute in nine] for h in hits]
        base_seconds = base_seconds or seconds
        base_hits = base_hits or same
        agree = "agrees with the nine" if same == base_hits else "DIFFERS from the nine"
        print(
            f"{label:32} {chars / seconds / 1e6:6.1f} M chars/s  ×{seconds / base_seconds:5.2f} "
            f"time  {sum(map(len, hits)):5} repealed citations  {agree}"
        )


if __name__ == "__main__":
    main()
