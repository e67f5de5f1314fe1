"""权力清单 in the admin: the snippet listing with 从Excel导入, the upload (预检 first, then
导入, through ``cms.power_import`` like the command), and the last import runs."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from cms.models import PUBLIC_POWER_FIELDS, Department, PowerItem, PowerListImport
from cms.power_import import power_list_import, report_lines
from cms.power_sheet import LIMITS
from cms.spreadsheets import ImportRefused

IMPORT_PERMISSIONS = ("cms.add_poweritem", "cms.change_poweritem")
RECENT_IMPORTS = 10


def may_import(user) -> bool:
    return bool(user.is_active and user.has_perms(IMPORT_PERMISSIONS))


class PowerImportForm(forms.Form):
    file = forms.FileField(
        label="权责清单文件",
        help_text="支持 .xlsx 和 .csv（UTF-8 或 GBK）。须有类别、事项名称、编码列；"
        "可有子项、依据、实施主体、承办机构、责任事项、追责情形、备注列。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件为空。"},
    )
    department = forms.ModelChoiceField(
        label="限定科室",
        queryset=Department.objects.all(),
        required=False,
        empty_label="不限（完整清单：文件中没有的事项将标为已取消）",
        help_text="选择科室时，文件只含该科室的事项，只取消该科室的事项。",
    )


def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied("您没有导入权责清单的权限。")
    form = PowerImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    lines: list[str] = []
    imported = False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = power_list_import(
                user=request.user,
                data=upload.read(LIMITS.bytes + 1),
                filename=upload.name,
                department=form.cleaned_data["department"],
                dry_run="import" not in request.POST,
            )
        except ImportRefused as refusal:
            problems = refusal.problems
        else:
            lines = report_lines(report)
            imported = report.batch is not None
    return TemplateResponse(
        request,
        "cms/admin/power_import.html",
        {
            "form": form,
            "problems": problems,
            "lines": lines,
            "imported": imported,
            "index_url": reverse("wagtailsnippets_cms_poweritem:list"),
            "imports": PowerListImport.objects.select_related("user", "department")[
                :RECENT_IMPORTS
            ],
        },
    )


class PowerIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_import(self.request.user):
            buttons.append(
                HeaderButton(
                    "从Excel导入",
                    url=reverse("wagtailsnippets_cms_poweritem:import"),
                    icon_name="upload",
                )
            )
        return buttons


class PowerItemViewSet(SnippetViewSet):
    model = PowerItem
    menu_label = "权力清单"
    icon = "list-ul"
    index_view_class = PowerIndexView
    list_display = ["name", "code", "category", "department", "status"]
    list_filter = ["category", "department", "status"]
    list_export = list(PUBLIC_POWER_FIELDS)
    export_filename = "权力清单"
    search_fields = ["name"]
    list_per_page = 100

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", import_view, name="import")]
