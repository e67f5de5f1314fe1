"""Wagtail's stock admin reports, narrowed to what the user may see.

Wagtail lists a non-page object (a contract, a decision consultation) in the workflow,
workflow-task and site-history reports to anyone holding a permission on its *model*; a
drafter holds ``cms.change_contract`` and so saw every department's draft contracts. Here
each such row is kept only if the model's registered permission policy lists the object
for the user (``contract_policy`` narrows contracts to the user's departments). Pages are
already narrowed by Wagtail's page permissions, except in the page-types-usage report,
whose "last edited page" column named any page of that type: it now names the user's own.

The subclassed views are served on Wagtail's own report URLs (``urlpatterns`` below is
included before Wagtail's admin URLs), so menu items and links keep working unchanged.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import ModelLogEntry, Page, get_default_page_content_type
from wagtail.permissions import policy_registry

from cms import roles

LISTING_ACTIONS = ["add", "change", "delete", "publish", "view"]


def visible_object_ids(user, model):
    """The (string) pks of ``model`` the user may see, or None when the model's policy
    does not narrow by instance."""
    policy = policy_registry.get_by_type(model)
    try:
        objects = policy.instances_user_has_any_permission_for(user, LISTING_ACTIONS)
    except NotImplementedError:
        return None
    return objects.values_list(Cast("pk", output_field=CharField()), flat=True)


def visible_objects_q(user, content_type_ids, *, prefix: str = "") -> Q:
    """Rows (with ``content_type`` and ``object_id``) of objects the user may see."""
    allowed = Q(pk__in=[])
    for content_type_id in content_type_ids:
        if content_type_id is None:
            continue
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or issubclass(model, Page):
            continue
        condition = Q(**{f"{prefix}content_type_id": content_type_id})
        ids = visible_object_ids(user, model)
        if ids is not None:
            condition &= Q(**{f"{prefix}object_id__in": ids})
        allowed |= condition
    return allowed


def _narrow_workflow_rows(queryset, user, prefix: str = ""):
    if user.is_superuser:
        return queryset
    pages = Q(**{f"{prefix}base_content_type_id": get_default_page_content_type().id})
    types = set(queryset.values_list(f"{prefix}content_type_id", flat=True).distinct())
    return queryset.filter(pages | visible_objects_q(user, types, prefix=prefix))


class WorkflowReportView(WorkflowView):
    def get_queryset(self):
        return _narrow_workflow_rows(super().get_queryset(), self.request.user)


class WorkflowTasksReportView(WorkflowTasksView):
    def get_queryset(self):
        queryset = super().get_queryset()
        return _narrow_workflow_rows(queryset, self.request.user, prefix="workflow_state__")


class SiteHistoryReportView(LogEntriesView):
    """Each log model's rows are filtered separately (Wagtail unions them afterwards)."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if user.is_superuser or not issubclass(queryset.model, ModelLogEntry):
            return queryset  # page log entries: Wagtail narrows them by page permissions
        types = set(queryset.model.objects.values_list("content_type_id", flat=True).distinct())
        return queryset.filter(visible_objects_q(user, types))


class PageTypesUsageView(PageTypesUsageReportView):
    """The "last edited page" of each type among the pages the user may edit."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        if roles.sees_every_department(user) or user.is_superuser:
            return page_types
        editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(
            user, "change"
        )
        for item in page_types:
            page = item.last_edited_page
            if page is not None and not editable.filter(pk=page.pk).exists():
                item.last_edited_page = (
                    editable.filter(content_type_id=item.pk)
                    .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
                    .specific()
                    .first()
                )
        return page_types


def _view(view_class, **kwargs):
    return require_admin_access(view_class.as_view(**kwargs))


urlpatterns = [
    path(f"admin/reports/{route}", _view(view_class, **kwargs))
    for route, view_class, kwargs in [
        ("workflow/", WorkflowReportView, {}),
        ("workflow/results/", WorkflowReportView, {"results_only": True}),
        ("workflow_tasks/", WorkflowTasksReportView, {}),
        ("workflow_tasks/results/", WorkflowTasksReportView, {"results_only": True}),
        ("site-history/", SiteHistoryReportView, {}),
        ("site-history/results/", SiteHistoryReportView, {"results_only": True}),
        ("page-types-usage/", PageTypesUsageView, {}),
        ("page-types-usage/results/", PageTypesUsageView, {"results_only": True}),
    ]
]
