"""List the Wagtail admin strings no catalogue translates into Chinese (see cms.l10n)."""

import polib
from django.core.management.base import BaseCommand

from cms import l10n


class Command(BaseCommand):
    help = "列出 Wagtail 后台尚无中文译文的字符串；--out 写成待翻译的 .po 文件。"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="写入待翻译条目的 .po 文件路径（按域名加后缀）")

    def handle(self, *args, out=None, **options):
        total = 0
        for domain in l10n.DOMAINS:
            missing = l10n.gaps(domain)
            total += len(missing)
            self.stdout.write(f"{domain}：{len(missing)} 条尚无中文译文")
            for entry in missing[:20]:
                self.stdout.write(f"  {entry.msgid[:80]}")
            if out and missing:
                catalogue = polib.POFile()
                catalogue.metadata = {
                    "Language": l10n.LANGUAGE,
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Plural-Forms": "nplurals=1; plural=0;",
                }
                catalogue.extend(missing)
                path = f"{out.removesuffix('.po')}-{domain}.po"
                catalogue.save(path)
                self.stdout.write(f"已写入 {path}")
        if not total:
            self.stdout.write(self.style.SUCCESS("Wagtail 后台字符串均已有中文译文。"))
