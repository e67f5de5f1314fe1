"""/sitemap.xml: every live, public Wagtail page plus the portal's own pages.

The template is the portal's copy of Django's, so ``django.contrib.sitemaps`` need not be
installed.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from cms.consultations import CLOSED, OPEN, consultations

STATIC_PAGES = [
    "portal:consultations",
    "portal:power_list",
    "portal:power_changes",
    "portal:cleanup_results",
]


class PortalSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        pages = [reverse(name) for name in STATIC_PAGES]
        pages += [consultation.url for consultation in consultations(OPEN, CLOSED)]
        return pages

    def location(self, item):
        return item


def sitemap(request):
    return wagtail_sitemap(
        request,
        sitemaps={"pages": PageSitemap, "portal": PortalSitemap()},
        template_name="portal/sitemap.xml",
    )
