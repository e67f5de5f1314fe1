"""Admin wiring of 政府信息公开: URLs, the menu under the reports area, the dashboard panel."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from disclosure import admin_views, report_views, scan_views, selectors
from disclosure.models import DisclosureRequest
from disclosure.panels import DisclosureDeadlinesPanel


@hooks.register("register_admin_urls")
def disclosure_urls():
    return [
        path("disclosure/", admin_views.request_list, name="disclosure_requests"),
        path("disclosure/add/", admin_views.request_add, name="disclosure_request_add"),
        path("disclosure/<int:pk>/", admin_views.request_detail, name="disclosure_request"),
        path("disclosure/<int:pk>/<str:step>/", admin_views.request_step, name="disclosure_step"),
        path(
            "disclosure/<int:pk>/letter.<str:fmt>",
            admin_views.reply_letter,
            name="disclosure_letter",
        ),
        path("disclosure/report/", report_views.report_view, name="disclosure_report"),
        path(
            "disclosure/report/cell/<str:code>/",
            report_views.cell_view,
            name="disclosure_report_cell",
        ),
        path(
            "disclosure/report/export.<str:fmt>",
            report_views.export_view,
            name="disclosure_report_export",
        ),
        path(
            "disclosure/report/<int:year>/entry/",
            report_views.entry_view,
            name="disclosure_report_entry",
        ),
        path("disclosure/scan/", scan_views.findings_view, name="disclosure_scan"),
        path(
            "disclosure/scan/<int:pk>/decide/",
            scan_views.decide_view,
            name="disclosure_scan_decide",
        ),
    ]


class ShownIf(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


def _reads_report(user) -> bool:
    return user.is_active and user.has_perm("disclosure.read_disclosure_report")


def _decides_scan(user) -> bool:
    return user.is_active and user.has_perm("disclosure.decide_scan_finding")


@hooks.register("register_admin_menu_item")
def disclosure_menu():
    items = [
        ShownIf(
            "依申请公开",
            reverse("disclosure_requests"),
            icon_name="mail",
            order=10,
            check=selectors.may_see_requests,
        ),
        ShownIf(
            "政府信息公开工作年度报告",
            reverse("disclosure_report"),
            icon_name="table",
            order=20,
            check=_reads_report,
        ),
        ShownIf(
            "个人信息排查",
            reverse("disclosure_scan"),
            icon_name="warning",
            order=30,
            check=_decides_scan,
        ),
    ]
    return SubmenuMenuItem("政府信息公开", Menu(items=items), icon_name="doc-full", order=165)


@hooks.register("construct_homepage_panels")
def disclosure_panels(request, panels):
    if (
        selectors.may_handle(request.user)
        and DisclosureRequest.objects.filter(replied_on__isnull=True).exists()
    ):
        panels.append(DisclosureDeadlinesPanel())
