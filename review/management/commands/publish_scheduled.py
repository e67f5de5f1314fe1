"""Wagtail's ``publish_scheduled``, with the issue gate's refusals reported, not fatal.

Wagtail publishes due revisions one after the other and stops at the first exception, so
one scheduled item the gate refuses (e.g. an attachment replaced after review) would keep
every later scheduled item from going live, run after run. Here a refused revision stays
scheduled — it goes live on a later run once its review is complete — and the refusal is
written out in Chinese; the others are published as usual. (``review`` comes before
``wagtail`` in INSTALLED_APPS, so this command replaces Wagtail's.)
"""

from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from cms.gates import issue_problems


class Command(WagtailCommand):
    help = "发布到期的定时发布版本；未通过发布审查（缺少合法性审查等）的版本不发布并说明原因。"

    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        held = self._refused_due_revisions()
        Revision.objects.filter(pk__in=held).update(approved_go_live_at=None)
        try:
            super().handle(*args, **options)
        finally:
            for pk, (go_live_at, _, _) in held.items():
                Revision.objects.filter(pk=pk).update(approved_go_live_at=go_live_at)
        for go_live_at, title, reasons in held.values():
            self.stderr.write(
                f"《{title}》定时发布（{timezone.localtime(go_live_at):%Y-%m-%d %H:%M}）未执行："
                + "；".join(reasons)
            )

    def _refused_due_revisions(self) -> dict:
        held = {}
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
        for revision in due:
            obj = revision.content_object
            reasons = issue_problems(getattr(obj, "specific", obj), revision)
            if reasons:
                held[revision.pk] = (revision.approved_go_live_at, revision.object_str, reasons)
        return held
