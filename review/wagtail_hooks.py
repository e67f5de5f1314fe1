"""Admin wiring of the review path: task pages, the publish gate's message, dashboard
panels, header buttons, the read-only opinion register and the holiday calendar."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem as PageActionMenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import gates
from cms.kinds import item_kind, specific
from cms.models import DecisionDraftPage, NormativeDocumentPage
from review import downloads, secrecy_views, selectors, views
from review.models import LegalOpinion, WorkdayAdjustment
from review.panels import AwaitingActionPanel, DeadlinesPanel


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path(
            "review/legal/<id:task_state_id>/",
            views.LegalReviewView.as_view(),
            name="review_legal_task",
        ),
        path(
            "review/fair-competition/<id:task_state_id>/",
            views.FairCompetitionView.as_view(),
            name="review_fair_competition_task",
        ),
        path(
            "review/deliberation/<id:task_state_id>/",
            views.DeliberationView.as_view(),
            name="review_deliberation_task",
        ),
        path(
            "review/registration/<id:task_state_id>/",
            views.RegistrationView.as_view(),
            name="review_registration_task",
        ),
        path(
            "review/sign-off/<id:task_state_id>/",
            views.SignOffView.as_view(),
            name="review_sign_off_task",
        ),
        path(
            "review/opinions/<id:opinion_id>/letter/",
            downloads.opinion_letter,
            name="review_opinion_letter",
        ),
        path(
            "review/opinions/<id:opinion_id>/archive/",
            downloads.opinion_archive,
            name="review_opinion_archive",
        ),
        path(
            "review/compare/<id:content_type_id>/<id:object_id>/<id:revision_id_a>/<id:revision_id_b>/",
            views.ReviewCompareView.as_view(),
            name="review_compare",
        ),
        path(
            "review/revision/<id:content_type_id>/<id:object_id>/<id:revision_id>/",
            views.ReviewRevisionView.as_view(),
            name="review_revision",
        ),
        path("review/filing/<id:page_id>/", views.filing_view, name="review_filing"),
        path(
            "review/audit/<id:content_type_id>/<id:object_id>/",
            views.audit_view,
            name="review_audit",
        ),
        path(
            "review/secrecy/<id:content_type_id>/<id:object_id>/",
            secrecy_views.secrecy_check_view,
            name="review_secrecy_check",
        ),
    ]


def _refuse_if_gated(request, obj):
    """The admin face of the gate: say in Chinese what is missing instead of publishing."""
    obj = specific(obj)
    if item_kind(obj) is None:
        return None
    reasons = gates.issue_problems(obj, obj.get_latest_revision())
    if not reasons:
        return None
    messages.error(request, "不能发布：" + "；".join(reasons))
    return redirect(selectors.edit_url(obj, request.user) or "wagtailadmin_home")


@hooks.register("before_publish_page")
def gate_page_publish(request, page):
    return _refuse_if_gated(request, page)


@hooks.register("before_publish")
def gate_snippet_publish(request, instance):
    return _refuse_if_gated(request, instance)


def _refuse_deleting_reviewed(request, objects):
    """Items with review records are evidence: refuse deletion in Chinese, never a 500."""
    for obj in objects:
        obj = specific(obj)
        held = selectors.review_records_holding(obj)
        if held:
            messages.error(
                request,
                f"“{obj}”已有{held}，属于法治审核档案，不能删除；如已不再适用，请按程序废止或宣布失效。",
            )
            return redirect(selectors.edit_url(obj, request.user) or "wagtailadmin_home")
    return None


@hooks.register("before_delete_page")
def refuse_deleting_reviewed_page(request, page):
    pages = [page, *page.get_descendants().specific()]
    return _refuse_deleting_reviewed(request, pages)


@hooks.register("before_delete_snippet")
def refuse_deleting_reviewed_snippet(request, instances):
    return _refuse_deleting_reviewed(request, instances)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_reviewed(request, action_type, objects, action):
    """Wagtail's page bulk delete runs no before_delete_page hook (and PROTECT would make
    it a 500): the same refusal here, for each page with its descendants."""
    if action_type != "delete":
        return None
    expanded = []
    for obj in objects:
        expanded.append(obj)
        if isinstance(obj, Page):
            expanded.extend(obj.get_descendants().specific())
    return _refuse_deleting_reviewed(request, expanded)


@hooks.register("construct_homepage_panels")
def review_panels(request, panels):
    panels.insert(0, AwaitingActionPanel())
    if NormativeDocumentPage.objects.exists() and request.user.has_perm(
        "wagtailadmin.access_admin"
    ):
        panels.insert(1, DeadlinesPanel())


def _audit_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("review_audit", args=[content_type.pk, obj.pk])


@hooks.register("register_page_header_buttons")
def review_header_buttons(page, user, view_name=None, next_url=None):
    page = page.specific_deferred
    if item_kind(page) is None:
        return
    state = page.current_workflow_task_state
    if state is not None:
        task = state.task.specific
        if hasattr(task, "user_can_act") and task.user_can_act(page.specific, user):
            yield Button(
                f"办理：{task.name}", task.action_url(state), icon_name="tasks", priority=5
            )
    yield Button("办理全程记录", _audit_url(page), icon_name="history", priority=70)
    if secrecy_views.may_record(user, page):
        yield Button("保密审查", secrecy_views.secrecy_url(page), icon_name="lock", priority=72)
    if (
        isinstance(page, NormativeDocumentPage | DecisionDraftPage)
        and page.live
        and page.permissions_for_user(user).can_publish()
    ):
        yield Button(
            "登记备案", reverse("review_filing", args=[page.pk]), icon_name="doc-full", priority=75
        )


@hooks.register("register_snippet_listing_buttons")
def review_snippet_buttons(snippet, user, next_url=None):
    if item_kind(snippet) is None:
        return
    state = snippet.current_workflow_task_state
    if state is not None:
        task = state.task.specific
        if hasattr(task, "user_can_act") and task.user_can_act(snippet, user):
            yield Button(
                f"办理：{task.name}", task.action_url(state), icon_name="tasks", priority=5
            )
    yield Button("办理全程记录", _audit_url(snippet), icon_name="history", priority=70)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Opinions are append-only: nobody adds, edits or deletes them in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return user.is_active and (user.is_superuser or user.has_perm("review.view_legalopinion"))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(LegalOpinion, ReadOnlyPolicy(LegalOpinion))


class LegalOpinionViewSet(SnippetViewSet):
    model = LegalOpinion
    menu_label = "审核意见书"
    icon = "doc-full-inverse"
    menu_order = 200
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["number", "item_title", "kind", "outcome", "adviser_name", "signed_at"]
    list_filter = ["kind", "outcome", "year"]
    list_export = [
        "number",
        "item_title",
        "kind",
        "outcome",
        "adviser_name",
        "signed_at",
        "content_hash",
    ]
    export_filename = "审核意见书台账"
    search_fields = ["number", "item_title"]


class WorkdayAdjustmentViewSet(SnippetViewSet):
    model = WorkdayAdjustment
    menu_label = "节假日与调休"
    icon = "date"
    add_to_settings_menu = True
    list_display = ["day", "kind", "note"]
    list_filter = ["kind"]


register_snippet(LegalOpinionViewSet)
register_snippet(WorkdayAdjustmentViewSet)


class _ActOnTask:
    """The editor's main button for the actor of the item's current review task
    (办理：合法性审查…). Our tasks lock the editor and record their result on their own
    page, so without it the actor who opens the item finds only "已锁定"."""

    name = "action-review-task"
    icon_name = "tasks"

    def _task(self, context):
        if "review_task" not in context:  # asked three times per render: look up once
            obj = context.get("page") or context.get("instance")
            request = context.get("request")
            found = None
            if obj is not None and request is not None and context.get("view") == "edit":
                found = selectors.task_to_act_on(obj, request.user)
            context["review_task"] = found
        return context["review_task"]

    def is_shown(self, context):
        return self._task(context) is not None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        task, _url = self._task(parent_context)
        context["label"] = f"办理：{task.name}"
        return context

    def get_url(self, parent_context):
        return self._task(parent_context)[1]


class PageTaskMenuItem(_ActOnTask, PageActionMenuItem):
    pass


class SnippetTaskMenuItem(_ActOnTask, SnippetActionMenuItem):
    pass


@hooks.register("register_page_action_menu_item")
def review_task_page_menu_item():
    return PageTaskMenuItem(order=-10)  # before 保存草稿 (0): the main button


@hooks.register("register_snippet_action_menu_item")
def review_task_snippet_menu_item(model):
    return SnippetTaskMenuItem(order=-10) if hasattr(model, "workflow_states") else None
