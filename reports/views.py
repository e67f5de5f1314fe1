"""Admin pages of the annual report: the report, each figure's drill-down, exports, and
the year's hand-entered figures. Thin: numbers come from ``reports.selectors``, writes go
through ``reports.services``; bad input is answered in Chinese, never with a 500."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode

from cms import roles
from reports import charts, selectors
from reports.exports import document, tables
from reports.forms import ManualFiguresForm
from reports.period import FIRST_YEAR, LAST_YEAR, Period, PeriodError
from reports.selectors import manual as manual_selectors
from reports.services import manual_figures_set


def may_read(user) -> bool:
    return user.is_active and user.has_perm(roles.READ_REPORT)


def may_enter(user) -> bool:
    return user.is_active and user.has_perm(roles.ENTER_REPORT_FIGURES)


def _refuse(request, reason: str):
    messages.error(request, reason)
    return redirect("wagtailadmin_home")


def _period(request) -> Period:
    return Period.parse(
        year=request.GET.get("year", ""),
        start=request.GET.get("start", ""),
        end=request.GET.get("end", ""),
    )


def figure_url(figure, period: Period) -> str:
    return f"{reverse('reports_figure', args=[figure.code])}?{urlencode(period.query())}"


def _period_error(request, error: PeriodError):
    context = {"error": str(error), "query": request.GET, "report": None}
    return TemplateResponse(request, "reports/report.html", context, status=400)


def reads_period(view):
    """For the bureau's roles only; the period read from the query string, or a Chinese
    400 page saying what is wrong with it."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_read(request.user):
            return _refuse(request, "只有法律顾问、局办公室、局领导和管理员可以查看年度报告统计。")
        try:
            period = _period(request)
        except PeriodError as error:
            return _period_error(request, error)
        return view(request, period, *args, **kwargs)

    return wrapper


@reads_period
def report_view(request, period: Period):
    report = selectors.annual_report(period)

    def url_of(figure):
        return figure_url(figure, period)

    sections = [
        {
            "section": section,
            "rows": [(figure, url_of(figure)) for figure in section.figures],
            "charts": [
                svg for chart in section.charts if (svg := charts.render(chart, section, url_of))
            ],
        }
        for section in report.sections
    ]
    query = urlencode(period.query())
    return TemplateResponse(
        request,
        "reports/report.html",
        {
            "report": report,
            "period": period,
            "sections": sections,
            "query": request.GET,
            "export_query": query,
            "may_enter": may_enter(request.user) and period.year is not None,
        },
    )


@reads_period
def figure_view(request, period: Period, code: str):
    section = selectors.section_of_figure(code, period)
    try:
        figure = section.figure(code) if section is not None else None
    except KeyError:
        figure = None
    if figure is None:
        raise Http404(f"没有名为“{code}”的统计指标。")
    if request.GET.get("format") == "csv":
        return _download(
            tables.records_csv(figure),
            f"{period.label}-{figure.label}.csv",
            "text/csv; charset=utf-8",
        )
    query = urlencode(period.query())
    return TemplateResponse(
        request,
        "reports/figure.html",
        {
            "figure": figure,
            "section": section,
            "period": period,
            "back_url": f"{reverse('reports_index')}?{query}",
            "csv_url": f"{figure_url(figure, period)}&format=csv",
        },
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


EXPORTS = {
    "xlsx": (
        tables.report_xlsx,
        "统计表.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": (tables.report_csv, "统计表.csv", "text/csv; charset=utf-8"),
    "docx": (
        document.report_docx,
        "法治政府建设年度报告.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


@reads_period
def export_view(request, period: Period, fmt: str):
    if fmt not in EXPORTS:
        raise Http404("不支持的导出格式。")
    render, suffix, content_type = EXPORTS[fmt]
    report = selectors.annual_report(period)
    return _download(render(report), f"{period.label}{suffix}", content_type)


def manual_view(request, year: int):
    if not may_enter(request.user):
        return _refuse(request, "只有管理员可以填报年度报告的手工数据。")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return _refuse(request, f"年度应为{FIRST_YEAR}至{LAST_YEAR}之间的四位数字。")
    stored = manual_selectors.values_for(year)
    form = ManualFiguresForm(request.POST or None, initial_values=stored)
    if request.method == "POST" and form.is_valid():
        try:
            manual_figures_set(
                year=year, values=form.values(), notes=form.notes(), user=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"{year}年度手工填报数据已保存。")
            return redirect(f"{reverse('reports_index')}?year={year}")
    if request.method == "POST" and form.errors:
        messages.error(request, "填报数据有误，未保存任何数据，请按提示修改后重新提交。")
    return TemplateResponse(
        request,
        "reports/manual.html",
        {"form": form, "year": year, "back_url": f"{reverse('reports_index')}?year={year}"},
        status=400 if request.method == "POST" and form.errors else 200,
    )
