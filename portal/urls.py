"""Routes of the portal's own pages; Wagtail's catch-all serves the page tree after them."""

from django.urls import path

from portal import feeds, sitemaps, views

app_name = "portal"

urlpatterns = [
    path("power-list/", views.power_list, name="power_list"),
    path("power-list/changes/", views.power_changes, name="power_changes"),
    path("cleanup-results/", views.cleanup_results, name="cleanup_results"),
    path("consultations/", views.consultation_index, name="consultations"),
    path("consultations/<id:page_id>/", views.consultation_detail, name="consultation"),
    path(
        "consultations/decisions/<id:consultation_id>/",
        views.decision_consultation_detail,
        name="decision_consultation",
    ),
    path("feeds/documents.rss", feeds.LatestDocumentsRss(), name="feed_rss"),
    path("feeds/documents.atom", feeds.LatestDocumentsAtom(), name="feed_atom"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
