"""Admin wiring of the annual report: its URLs and a menu item for the bureau's roles."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import views


@hooks.register("register_admin_urls")
def reports_urls():
    return [
        path("reports/", views.report_view, name="reports_index"),
        path("reports/figure/<str:code>/", views.figure_view, name="reports_figure"),
        path("reports/export.<str:fmt>", views.export_view, name="reports_export"),
        path("reports/manual/<int:year>/", views.manual_view, name="reports_manual"),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_read(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportMenuItem("年度报告统计", reverse("reports_index"), icon_name="table", order=160)
