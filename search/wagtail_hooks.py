from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from search import selectors, views
from search.cleanup import statute_changes
from search.cleanup import views as cleanup_views
from search.models import CleanupCampaign, CompetitionPhrase


@hooks.register("register_admin_urls")
def search_urls():
    return [path("fulltext/", views.admin_search, name="fulltext_search")]


@hooks.register("register_admin_menu_item")
def search_menu_item():
    return MenuItem("全文检索", reverse("fulltext_search"), icon_name="search", order=150)


@hooks.register("construct_page_chooser_queryset")
def page_chooser_without_foreign_drafts(pages, request):
    """The page chooser (browse and search) never lists another department's draft."""
    return selectors.pages_visible_in_admin(request.user, pages)


# --- cleanup campaigns (规范性文件清理) --------------------------------------------------

register_permission_policy(CleanupCampaign, cleanup_views.campaign_policy)
register_permission_policy(CompetitionPhrase, cleanup_views.phrase_policy)
register_snippet(cleanup_views.CleanupCampaignViewSet)
register_snippet(cleanup_views.CompetitionPhraseViewSet)


@hooks.register("register_admin_urls")
def cleanup_urls():
    return [
        path(
            "cleanup/<id:campaign_id>/",
            cleanup_views.campaign_detail,
            name="cleanup_campaign_detail",
        ),
        path("cleanup/<id:campaign_id>/run/", cleanup_views.campaign_run, name="cleanup_run"),
        path(
            "cleanup/<id:campaign_id>/documents/<id:document_id>/decision/",
            cleanup_views.decision_record,
            name="cleanup_decision_record",
        ),
        path(
            "cleanup/decisions/<id:decision_id>/approve/",
            cleanup_views.decision_approve,
            name="cleanup_decision_approve",
        ),
        path(
            "cleanup/<id:campaign_id>/export/list.xlsx",
            cleanup_views.export_xlsx,
            name="cleanup_export_xlsx",
        ),
        path(
            "cleanup/<id:campaign_id>/export/list.csv",
            cleanup_views.export_csv,
            name="cleanup_export_csv",
        ),
        path(
            "cleanup/from-statute-import/<id:import_id>/",
            statute_changes.campaign_from_statute_import,
            name="cleanup_from_statute_import",
        ),
        path(
            "cleanup/<id:campaign_id>/export/proposal.docx",
            cleanup_views.export_proposal,
            name="cleanup_export_proposal",
        ),
    ]


hooks.register("statute_import_report_actions", statute_changes.statute_import_action)


@hooks.register("register_snippet_listing_buttons")
def cleanup_campaign_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, CleanupCampaign):
        yield ListingButton(
            "进入清理",
            reverse("cleanup_campaign_detail", args=[snippet.pk]),
            icon_name="clipboard-list",
            priority=5,
        )
