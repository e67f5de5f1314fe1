import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import get_backend


class Command(BaseCommand):
    help = "重建全文检索索引（规范性文件含附件、合同、重大行政决策事项）。"

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            count = get_backend().rebuild(indexing.all_entries())
        except RuntimeError as problem:  # e.g. another rebuild is still filling its index
            raise CommandError(str(problem)) from problem
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"已重建索引：{count} 条，用时 {elapsed:.1f} 秒。"))
