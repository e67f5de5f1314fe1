"""Admin wiring: snippet viewsets (contract register, statute list, power list,
departments) and the decision-list adjustment history. Logic lives in services/models."""

import functools
from functools import cached_property
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cms import (
    admin_api,
    attachment_access,
    deletion,
    document_admin,
    gates,
    money,
    power_admin,
    relief_admin,
    services,
    views,
)
from cms.contract_chooser import ContractChooserViewSet
from cms.filters import ContractRegisterFilterSet
from cms.models import (
    Contract,
    Department,
    MajorDecisionListPage,
    ReliefDisclosurePage,
    Statute,
)
from cms.permissions import contract_policy
from cms.statute_import import views as statute_views

register_permission_policy(Contract, contract_policy)


class ContractRegisterIndexView(IndexView):
    """合同台账.csv: a Chinese file name browsers understand (RFC 6266 ``filename*``; Wagtail
    writes it raw and Django then MIME-encodes the whole header), and a BOM so Excel reads
    the UTF-8 text."""

    def write_csv_response(self, queryset):
        def rows():
            yield "\ufeff"
            yield from self.stream_csv(queryset)

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{self.get_filename()}.csv"
        )
        return response


class ContractViewSet(SnippetViewSet):
    """合同台账: each drafter sees their department's contracts; others see all."""

    model = Contract
    index_view_class = ContractRegisterIndexView
    chooser_viewset_class = ContractChooserViewSet  # the chooser lists visible contracts only
    menu_label = "合同台账"
    icon = "doc-full"
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "counterparty",
        Column(
            "amount",
            label="合同金额（元）",
            accessor=lambda c: money.yuan(c.amount),
            sort_key="amount",
        ),
        "contract_type",
        "department",
        "term_end",
        "signed_on",
    ]
    filterset_class = ContractRegisterFilterSet
    list_export = [
        "title",
        "counterparty",
        "amount",
        "contract_type",
        "department",
        "term_start",
        "term_end",
        "signed_on",
    ]
    export_filename = "合同台账"
    # No view-level ``search_fields``: the search backend then uses the model's own index
    # (Contract.search_fields); naming fields here crashes the SQLite backend.
    ordering = ["-term_start"]

    def get_queryset(self, request):
        return contract_policy.visible_contracts(request.user)

    def construct_view(self, view_class, **kwargs):
        """Refuse every per-contract view (edit, history, revisions…) across departments."""
        view = super().construct_view(view_class, **kwargs)

        @functools.wraps(view)
        def guarded(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk", args[0] if args else None)
            if pk is not None:
                contract = Contract.objects.filter(pk=unquote(str(pk))).first()
                if contract and not contract_policy.user_can_access(request.user, contract):
                    raise PermissionDenied("无权查看其他科室的合同。")
            return view(request, *args, **view_kwargs)

        return guarded


class StatuteIndexView(IndexView):
    """The library's listing, with 导入法规库 beside 添加 for those who may import."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        user = self.request.user
        if all(user.has_perm(p) for p in statute_views.IMPORT_PERMISSIONS):
            buttons.append(
                HeaderButton("导入法规库", url=reverse("statute_import"), icon_name="upload")
            )
        return buttons


class StatuteViewSet(SnippetViewSet):
    model = Statute
    index_view_class = StatuteIndexView
    menu_label = "法律法规库"
    icon = "folder-open-1"
    list_display = ["name", "short_name", "level", "status", "repealed_on", "replaced_by"]
    list_filter = ["status", "level"]
    # Searched through Statute.search_fields (short_name is not an indexed SearchField).


class DepartmentViewSet(SnippetViewSet):
    model = Department
    menu_label = "科室（站室）"
    icon = "group"
    list_display = ["name", "short_name", "kind", "group"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "基础数据"
    menu_icon = "folder-inverse"
    menu_order = 220
    items = (StatuteViewSet, power_admin.PowerItemViewSet, DepartmentViewSet)


register_snippet(ContractViewSet)
register_snippet(ReferenceDataGroup)


@hooks.register("after_create_snippet")
def provision_new_department(request, instance):
    if isinstance(instance, Department):
        services.department_provision(instance)


@hooks.register("register_admin_urls")
def register_decision_history_url():
    return [
        path(
            "decision-lists/<id:page_id>/history/",
            views.decision_list_history,
            name="decision_list_history",
        )
    ]


@hooks.register("register_page_header_buttons")
def decision_history_header_button(page, user, view_name=None, next_url=None):
    specific = page.specific_deferred
    if isinstance(specific, MajorDecisionListPage) and views.may_read_decision_list(user, specific):
        yield Button(
            "调整记录",
            reverse("decision_list_history", args=[page.id]),
            icon_name="history",
            priority=60,
        )


def _refuse_deleting_public_records(request, objects, back_to):
    problem = deletion.deletion_problem(objects)
    if problem is None:
        return None
    messages.error(request, problem)
    return redirect(back_to)


@hooks.register("before_delete_page")
def refuse_deleting_public_records_page(request, page):
    """A draft with public comments, or a list with a consulted item (or a folder above
    either), keeps them: refuse in Chinese (cms.deletion)."""
    return _refuse_deleting_public_records(
        request, [page], reverse("wagtailadmin_pages:edit", args=[page.pk])
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_public_records_snippet(request, instances):
    return _refuse_deleting_public_records(request, instances, "wagtailadmin_home")


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_public_records(request, action_type, objects, action):
    """Wagtail's page bulk delete runs no before_delete_page hook: the same check here."""
    if action_type != "delete":
        return None
    return _refuse_deleting_public_records(request, objects, action.next_url)


@hooks.register("before_serve_document")
def guard_attachment_download(document, request):
    """附件 of unpublished or restricted items: 404 to the public, 403 to staff without right.

    Anonymous visitors get the same 404 as the draft page itself would give them (Wagtail
    redirects to a login form only for collections explicitly marked private): the public
    learns nothing about unreleased files. Staff reach drafts through the admin, logged in.
    """
    if attachment_access.may_download(request.user, document):
        return None
    if not request.user.is_authenticated:
        raise Http404("附件不存在或尚未公开。")
    raise PermissionDenied("您无权下载该附件：它属于尚未公布的文件、其他科室的事项或内部材料。")


@hooks.register("register_admin_urls", order=-1)  # before wagtail.documents' own
def register_reviewed_file_delete_url():
    return document_admin.admin_urls()  # 已审核、已公开的附件不能删除


hooks.register("register_bulk_action", document_admin.ReviewedFileBulkDelete, order=1)


@hooks.register("construct_admin_api", order=1)  # after wagtail.documents' own
def narrow_admin_api_documents(router):
    router.register_endpoint("documents", document_admin.AttachableFilesAdminAPIViewSet)
    admin_api.construct_admin_api(router)  # page actions: one transaction, Chinese refusals


@hooks.register("register_admin_urls")
def register_relief_urls():
    return relief_admin.admin_urls()  # 救助公示：从Excel导入


@hooks.register("register_admin_menu_item")
def relief_import_menu_item():
    return relief_admin.menu_item()


@hooks.register("construct_homepage_panels")
def relief_reminder(request, panels):
    panel = relief_admin.reminder_panel(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_page_header_buttons")
def relief_import_header_button(page, user, view_name=None, next_url=None):
    page = page.specific_deferred
    if isinstance(page, ReliefDisclosurePage) and page.permissions_for_user(user).can_edit():
        query = urlencode(
            {
                "department": page.department_id,
                "year": page.year,
                "month": page.month,
                "relief_type": page.relief_type,
            }
        )
        yield Button(
            "从Excel导入",
            f"{reverse('relief_import')}?{query}",
            icon_name="table",
            priority=60,
        )


@hooks.register("before_publish_page")
def refuse_publishing_personal_numbers(request, page):
    """The admin face of the privacy guard for relief lists (the posted content is already
    saved as the latest revision: nothing is lost); the review app speaks for its items."""
    page = page.specific
    if not isinstance(page, ReliefDisclosurePage):
        return None
    reasons = gates.issue_problems(page, page.get_latest_revision())
    if not reasons:
        return None
    messages.error(request, "不能发布：" + "；".join(reasons) + "。请脱敏或删除后再发布。")
    return redirect("wagtailadmin_pages:edit", page.pk)


WAGTAIL_WEBSITE_HELP = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def keep_help_inside_the_bureau(request, menu_items):
    """Wagtail's 帮助 menu links to its English website ("What's new", "Editor Guide") and
    badges them as unread; on a bureau intranet they cannot even open. The keyboard
    shortcuts stay."""
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_WEBSITE_HELP)]


@hooks.register("before_copy_page")
def refuse_copying_single_instance_pages(request, page):
    """A decision list, relief month or department folder cannot be copied (cms.copying)."""
    from cms.copying import uncopyable_reason

    reason = uncopyable_reason(page)
    if not reason:
        return None
    messages.error(request, reason)
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_bulk_action")
def gate_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk 发布 runs the same gate as a single publish, for the pages and (when asked) their
    draft descendants: one refusal stops the whole batch, in Chinese, nothing published."""
    if action_type != "publish":
        return None
    pages = [page.specific for page in objects]
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages += list(page.get_descendants().not_live().specific())
    for page in pages:
        reasons = gates.issue_problems(page, page.get_latest_revision())
        if reasons:
            messages.error(request, f"不能发布“{page}”：" + "；".join(reasons))
            return redirect(action_class_instance.next_url)
    return None


@hooks.register("register_admin_urls")
def statute_import_urls():
    return [
        path("statutes/import/", statute_views.statute_import, name="statute_import"),
        path(
            "statutes/import/<id:import_id>/",
            statute_views.statute_import_report,
            name="statute_import_report",
        ),
    ]
