"""Admin wiring of pre-review: the submission gate, editor buttons, the adviser's panel, rules."""

from django.template.loader import render_to_string
from django.urls import path
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.kinds import item_kind
from prereview import gate, selectors, services, views
from prereview.models import PreReviewRule, RunTrigger


@hooks.register("register_admin_urls")
def prereview_urls():
    return [
        path(
            "prereview/<id:content_type_id>/<id:object_id>/",
            views.prereview_object,
            name="prereview_object",
        )
    ]


@hooks.register("before_edit_page")
def gate_page_submission(request, page):
    from django.urls import reverse

    return gate.before_edit(request, page, reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("before_edit_snippet")
def gate_snippet_submission(request, instance):
    from review.selectors import edit_url

    return gate.before_edit(request, instance, edit_url(instance, request.user))


@hooks.register("after_edit_page")
def record_page_submission(request, page):
    gate.after_edit(request, page)


@hooks.register("after_edit_snippet")
def record_snippet_submission(request, instance):
    gate.after_edit(request, instance)


@hooks.register("register_page_header_buttons")
def prereview_page_button(page, user, view_name=None, next_url=None):
    if view_name == "edit" and item_kind(page.specific_deferred) is not None:
        yield Button("预审", views.prereview_url(page), icon_name="tasks", priority=4)


class PreReviewMenuItem(ActionMenuItem):
    label = "运行预审"
    name = "action-prereview"
    icon_name = "tasks"

    def is_shown(self, context):
        return context.get("view") == "edit" and item_kind(context.get("instance")) is not None

    def get_url(self, parent_context):
        return views.prereview_url(parent_context["instance"])


@hooks.register("register_snippet_action_menu_item")
def prereview_snippet_menu_item(model):
    return PreReviewMenuItem(order=55) if item_kind(model()) is not None else None


@hooks.register("register_snippet_listing_buttons")
def prereview_snippet_button(snippet, user, next_url=None):
    if item_kind(snippet) is not None:
        yield Button("预审", views.prereview_url(snippet), icon_name="tasks", priority=6)


def _reviewed(task_state):
    """The item under review: a page's specific instance, or the snippet itself."""
    obj = task_state.workflow_state.content_object
    return getattr(obj, "specific", obj)


@hooks.register("review_legal_task_panels")
def legal_review_findings(request, task_state):
    """Findings of the submitted revision, next to the adviser's checklist."""
    obj = _reviewed(task_state)
    if item_kind(obj) is None:
        return ""
    run = selectors.run_for_revision(obj, task_state.revision_id)
    if run is None:  # submitted outside the admin (services, import): pre-review it now
        run = services.prereview_run(
            obj=obj,
            revision=task_state.revision,
            trigger=RunTrigger.REVIEW,
            user=request.user,
            carry_override=True,
        )
    return render_to_string(
        "prereview/legal_review_panel.html",
        {
            "run": run,
            "grouped": selectors.findings_by_severity(run),
            "attachments": selectors.attachment_states(obj, run),
            "obj": obj,
        },
        request=request,
    )


@hooks.register("review_legal_task_conclusion")
def adopt_findings(request, task_state, conclusion: str) -> str:
    """Append the findings the adviser ticked (the no-JS path of "采纳") to the opinion."""
    obj = _reviewed(task_state)
    texts = selectors.adopted_texts(
        obj, task_state.revision_id, request.POST.getlist("adopt_finding")
    )
    lines = [text for text in texts if text not in conclusion]
    return "\n".join(part for part in [conclusion.rstrip(), *lines] if part)


class RuleSettingsPolicy(ModelPermissionPolicy):
    """Rules are code: an administrator edits their settings, never adds or deletes one."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(PreReviewRule, RuleSettingsPolicy(PreReviewRule))


class PreReviewRuleViewSet(SnippetViewSet):
    model = PreReviewRule
    menu_label = "预审规则"
    icon = "tasks"
    add_to_settings_menu = True
    list_display = ["code", "title", "enabled", "severity", "default_severity"]
    list_filter = ["enabled"]

    def get_queryset(self, request):
        services.rules_ensure()
        return super().get_queryset(request)


register_snippet(PreReviewRuleViewSet)
