"""RSS 2.0 and Atom feeds of newly published normative documents (Django syndication).

Feeds are not rendered through ``base.html``, so their text is masked here.
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from cms.models import DocumentIndexPage
from cms.privacy import mask_personal_numbers
from portal import selectors

FEED_SIZE = 30
SUMMARY_LENGTH = 200


class LatestDocumentsRss(Feed):
    title = f"{settings.BUREAU_NAME} · 行政规范性文件"
    description = "新公布的行政规范性文件（标题、发文字号、发布日期与摘要）"

    def link(self):
        index = DocumentIndexPage.objects.live().public().first()
        return index.get_url() if index else "/"

    def items(self):
        return selectors.latest_documents(FEED_SIZE)

    def item_title(self, item):
        number = f"（{item.doc_number}）" if item.doc_number else ""
        return mask_personal_numbers(f"{item.title}{number}")

    def item_description(self, item):
        text = selectors.live_text(item)
        if len(text) > SUMMARY_LENGTH:
            text = text[:SUMMARY_LENGTH] + "…"
        parts = [
            f"发文机关：{item.issuer}",
            f"发布日期：{item.published_on:%Y-%m-%d}" if item.published_on else "",
            f"有效性：{item.validity_status}",
            text,
        ]
        return mask_personal_numbers("\n".join(part for part in parts if part))

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        if item.published_on:
            return timezone.make_aware(datetime.combine(item.published_on, time(9)))
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.topic] if item.topic else []


class LatestDocumentsAtom(LatestDocumentsRss):
    feed_type = Atom1Feed
    subtitle = LatestDocumentsRss.description
