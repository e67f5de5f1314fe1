"""manage.py evaluate_prereview: findings per rule and time per document."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from prereview.context import load_context
from prereview.evaluation import Tally, evaluate_database, evaluate_laws
from prereview.rules import RULES_BY_CODE

DEFAULT_LAWS = Path(settings.BASE_DIR).parent / "shared" / "data" / "laws_dev.jsonl.gz"


class Command(BaseCommand):
    help = "评估送审前预审：共享法规语料和数据库中的草稿，各规则的发现数与每篇用时。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--laws", type=Path, default=DEFAULT_LAWS, help="laws_dev.jsonl.gz 路径"
        )
        parser.add_argument("--limit", type=int, default=None, help="只评估语料的前 N 篇")
        parser.add_argument("--no-database", action="store_true", help="不评估数据库中的草稿")

    def handle(self, *args, laws: Path, limit, no_database: bool, **options):
        context = load_context()
        if laws.exists():
            tally, strict, loose = evaluate_laws(laws, context, limit)
            self._report(f"法规语料 {laws.name}", tally)
            self.stdout.write(f"  引用已废止法律（对照严格标注）：{strict.summary()}")
            self.stdout.write(f"  引用已废止法律（对照宽松标注）：{loose.summary()}")
        else:
            self.stdout.write(
                f"未找到法规语料 {laws}，跳过语料评估（语料只用于评估，测试不依赖它）。"
            )
        if not no_database:
            self._report("数据库中的草稿（演示数据）", evaluate_database(context))

    def _report(self, heading: str, tally: Tally) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"{heading}：{tally.documents} 篇"))
        self.stdout.write(f"  每篇用时：{tally.timing()}")
        severities = "，".join(f"{k} {v}" for k, v in sorted(tally.per_severity.items()))
        self.stdout.write(f"  发现：{severities or '无'}")
        for code, count in tally.per_rule.most_common():
            title = RULES_BY_CODE[code].title if code in RULES_BY_CODE else code
            self.stdout.write(
                f"  {code:<26} {title:<20} {count:>6} 处，{tally.documents_per_rule[code]:>5} 篇"
            )
