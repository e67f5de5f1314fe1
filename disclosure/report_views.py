"""Admin pages of the annual disclosure report: the report, a cell's records, the exports,
and the office's entries for the year (复议/诉讼 cases, parts 一、五、六's text)."""

import functools

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header

from disclosure import services
from disclosure.admin_views import forbidden
from disclosure.models import APPEAL_GROUPS, OUTCOMES, AppealCase, DisclosureYear
from disclosure.report import cells as report_cells
from disclosure.report import exports
from disclosure.report.build import YearError, disclosure_report, parse_year

SECTION = "政府信息公开工作年度报告"
REFUSED = "只有局办公室、局领导和管理员可以查看政府信息公开工作年度报告。"


def may_read(user) -> bool:
    return user.is_active and user.has_perm("disclosure.read_disclosure_report")


def may_enter(user) -> bool:
    return user.is_active and user.has_perm("disclosure.change_disclosureyear")


def _year(request) -> int:
    return parse_year(request.GET.get("year") or services.today().year - 1)


def reads_report(view):
    """For holders of read_disclosure_report; the year from ``?year=``, or a Chinese 400."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_read(request.user):
            return forbidden(request, REFUSED, SECTION)
        try:
            year = _year(request)
        except YearError as error:
            context = {"error": str(error), "report": None}
            return TemplateResponse(request, "disclosure/admin/report.html", context, status=400)
        return view(request, year, *args, **kwargs)

    return wrapper


@reads_report
def report_view(request, year: int):
    report = disclosure_report(year)
    context = {
        "report": report,
        "year": year,
        "columns": report_cells.COLUMNS,
        "outcomes": [label for _, label in OUTCOMES] + ["总计"],
        "may_enter": may_enter(request.user),
    }
    return TemplateResponse(request, "disclosure/admin/report.html", context)


@reads_report
def cell_view(request, year: int, code: str):
    cell = report_cells.all_cells(year).get(code)
    if cell is None:
        raise Http404("没有这个统计单元格。")
    context = {"cell": cell, "year": year, "back": f"{reverse('disclosure_report')}?year={year}"}
    return TemplateResponse(request, "disclosure/admin/cell.html", context)


EXPORTS = {
    "docx": (
        exports.report_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        exports.report_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@reads_report
def export_view(request, year: int, fmt: str):
    if fmt not in EXPORTS:
        raise Http404("不支持的导出格式。")
    render, content_type = EXPORTS[fmt]
    report = disclosure_report(year)
    response = HttpResponse(render(report), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{report.title}.{fmt}")
    return response


class YearTextForm(forms.ModelForm):
    class Meta:
        model = DisclosureYear
        fields = ["overview", "problems", "other_matters"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class CaseForm(forms.ModelForm):
    class Meta:
        model = AppealCase
        fields = ["group", "outcome", "title"]


def entry_view(request, year: int):
    if not may_enter(request.user):
        return forbidden(request, "只有局办公室和管理员可以填报政府信息公开工作年度报告。", SECTION)
    try:
        year = parse_year(year)
    except YearError as error:
        return forbidden(request, str(error), SECTION)
    facts = DisclosureYear.objects.filter(year=year).first() or DisclosureYear(year=year)
    text_form = YearTextForm(request.POST if "save_text" in request.POST else None, instance=facts)
    case_form = CaseForm(request.POST if "add_case" in request.POST else None)
    if "save_text" in request.POST and text_form.is_valid():
        saved = text_form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, f"{year}年度报告的文字部分已保存。")
        return redirect("disclosure_report_entry", year)
    if "add_case" in request.POST and case_form.is_valid():
        case = case_form.save(commit=False)
        case.year, case.created_by = year, request.user
        case.save()
        messages.success(request, "已登记案件。")
        return redirect("disclosure_report_entry", year)
    if "delete_case" in request.POST:
        AppealCase.objects.filter(year=year, pk=request.POST.get("delete_case") or 0).delete()
        return redirect("disclosure_report_entry", year)
    context = {
        "year": year,
        "text_form": text_form,
        "case_form": case_form,
        "cases": AppealCase.objects.filter(year=year),
        "groups": APPEAL_GROUPS,
        "back": f"{reverse('disclosure_report')}?year={year}",
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "disclosure/admin/entry.html", context, status=status)
