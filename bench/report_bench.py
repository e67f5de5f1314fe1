"""Cost of the annual report's statistics on the loaded database (run ``load_demo`` first).

    python -m bench.report_bench [--year 2023] [--rounds 5]

Every figure carries the records behind it (drill-down by construction), so building the
report reads rows where a bare counter would only count. This prints, per section, the
median time and the number of queries, and the whole report against a baseline measured
in the same run: one ``COUNT(*)`` per model the report reads (the cheapest possible
"numbers only" answer). The ratio says what the provable numbers cost.
"""

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Revision, WorkflowState

    from cms.models import Contract, DecisionItem, NormativeDocumentPage, PowerItem, PublicComment
    from reports.period import Period
    from reports.selectors import SECTIONS, annual_report
    from review.models import FairCompetitionReview, Filing, LegalOpinion, Registration

    period = Period.for_year(args.year)
    today = period.end

    def timed(fn) -> tuple[float, int]:
        times, queries = [], 0
        for _ in range(args.rounds):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            queries = len(captured)
        return statistics.median(times), queries

    models = [
        NormativeDocumentPage,
        Revision,
        WorkflowState,
        LegalOpinion,
        FairCompetitionReview,
        Registration,
        Filing,
        Contract,
        DecisionItem,
        PublicComment,
        PowerItem,
    ]
    baseline, baseline_queries = timed(lambda: [m.objects.count() for m in models])
    print(f"{period.label}，每项取 {args.rounds} 次的中位数")
    for name, build in SECTIONS.items():
        seconds, queries = timed(lambda build=build: build(period, today))
        print(f"  {name:<18} {seconds * 1000:8.1f} ms  {queries:4d} 次查询")
    whole, queries = timed(lambda: annual_report(period, today))
    figures = sum(1 for _ in annual_report(period, today).figures())
    print(f"整份报告（{figures} 项指标）{whole * 1000:8.1f} ms  {queries} 次查询")
    print(
        f"基线：{len(models)} 个模型各 COUNT(*) {baseline * 1000:8.1f} ms  {baseline_queries} 次查询"
    )
    print(f"比值（报告 ÷ 基线）：{whole / baseline:.1f}")


if __name__ == "__main__":
    main()
