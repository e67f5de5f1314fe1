"""救助公示 in the admin: 从Excel导入 (the monthly spreadsheet into a page) and the home
panel that reminds which lists published last month have no page yet this month."""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms import relief_import, sheets
from cms.models import Department, ReliefDisclosurePage, ReliefType


class ImportForm(forms.Form):
    department = forms.ModelChoiceField(
        label="发布科室", queryset=Department.objects.none(), empty_label=None
    )
    year = forms.IntegerField(
        label="年度",
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": "请填写四位数年份。", "required": "请填写年度。"},
    )
    month = forms.TypedChoiceField(
        label="月份", choices=[(m, f"{m}月") for m in range(1, 13)], coerce=int
    )
    relief_type = forms.ChoiceField(label="救助类型", choices=ReliefType.choices)
    file = forms.FileField(
        label="Excel或CSV文件",
        help_text="支持 .xlsx 和 .csv（UTF-8 或 GBK）。须有姓名、人数、金额列；"
        "不得含身份证号、银行卡号、联系电话等列。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件为空。"},
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


def import_view(request):
    departments = relief_import.importable_departments(request.user)
    if not departments.exists():
        raise PermissionDenied("您没有发布社会救助公示的权限。")
    today = timezone.localdate()
    initial = {"year": today.year, "month": today.month, **request.GET.dict()}
    form = ImportForm(
        request.POST or None, request.FILES or None, departments=departments, initial=initial
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = relief_import.relief_import(
                user=request.user,
                department=form.cleaned_data["department"],
                year=form.cleaned_data["year"],
                month=form.cleaned_data["month"],
                relief_type=form.cleaned_data["relief_type"],
                data=upload.read(sheets.MAX_BYTES + 1),
                filename=upload.name,
            )
        except sheets.ImportRefused as refusal:
            problems = refusal.problems
        else:
            done = "已新建" if outcome.created else "已替换"
            note = f"（未导入的列：{'、'.join(outcome.ignored)}）" if outcome.ignored else ""
            messages.success(
                request,
                f"{done}《{outcome.page.title}》的发放对象共{outcome.households}户{note}，"
                "已保存为草稿：请核对后发布。",
            )
            return redirect("wagtailadmin_pages:edit", outcome.page.pk)
    return TemplateResponse(
        request, "cms/admin/relief_import.html", {"form": form, "problems": problems}
    )


def admin_urls() -> list:
    return [path("relief/import/", import_view, name="relief_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return relief_import.importable_departments(request.user).exists()


def menu_item() -> MenuItem:
    return ImportMenuItem("救助公示导入", reverse("relief_import"), icon_name="table", order=217)


def previous_month(day: date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def missing_this_month(today: date, departments=None) -> list[tuple[str, Department]]:
    """(救助类型, 科室) published last month with no published page this month yet."""
    pages = ReliefDisclosurePage.objects.live()
    if departments is not None:
        pages = pages.filter(department__in=departments)
    year, month = previous_month(today)
    last = set(pages.filter(year=year, month=month).values_list("relief_type", "department"))
    this = set(
        pages.filter(year=today.year, month=today.month).values_list("relief_type", "department")
    )
    found = Department.objects.in_bulk({department for _, department in last - this})
    order = {value: index for index, value in enumerate(ReliefType.values)}
    return sorted(
        ((relief_type, found[department]) for relief_type, department in last - this),
        key=lambda pair: (order.get(pair[0], 99), pair[1].sort_order, pair[1].name),
    )


class ReliefReminderPanel(Component):
    """首页提醒：本月尚未公示：城乡低保（社会救助站）."""

    name = "relief_reminder"
    template_name = "cms/admin/relief_reminder.html"
    order = 70

    def __init__(self, missing):
        self.missing = missing

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["missing"] = self.missing
        context["import_url"] = reverse("relief_import")
        return context


def reminder_panel(request):
    """The panel for the user's departments (all for the office), or None when complete."""
    departments = relief_import.importable_departments(request.user)
    if not departments.exists():
        return None
    missing = missing_this_month(timezone.localdate(), departments)
    return ReliefReminderPanel(missing) if missing else None
