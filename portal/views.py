"""Portal pages that are not Wagtail pages: power list, cleanup results, consultations,
robots.txt. Reads come from selectors, writes from services; views only wire them."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cms import attachment_access, ratelimits
from cms.consultations import (
    CLOSED,
    DOCUMENT,
    OPEN,
    consultations,
    public_consultation,
    public_decision_consultation,
)
from cms.power_history import public_changes
from portal import selectors, services
from portal.forms import CommentForm

RECENT_POWER_CHANGES = 10  # on the list's own page; the rest on 变更记录


@require_GET
def power_list(request):
    groups = selectors.power_list()
    return TemplateResponse(
        request,
        "portal/power_list.html",
        {
            "groups": groups,
            "total": sum(group.count for group in groups),
            "changes": public_changes()[:RECENT_POWER_CHANGES],
        },
    )


@require_GET
def power_changes(request):
    page_obj = Paginator(public_changes(), 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "portal/power_changes.html", {"page_obj": page_obj})


@require_GET
def cleanup_results(request):
    page_obj = Paginator(selectors.cleanup_results(), 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "portal/cleanup_results.html", {"page_obj": page_obj})


@require_GET
def consultation_index(request):
    return TemplateResponse(
        request,
        "portal/consultation_index.html",
        {"open_consultations": consultations(OPEN), "closed_consultations": consultations(CLOSED)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def consultation_detail(request, page_id: int):
    """A normative document's draft under consultation."""
    return _consultation_page(request, public_consultation(page_id))


@require_http_methods(["GET", "HEAD", "POST"])
def decision_consultation_detail(request, consultation_id: int):
    """A major decision's draft under consultation (≥ 30 days)."""
    return _consultation_page(request, public_decision_consultation(consultation_id))


def _consultation_page(request, consultation):
    """The draft's text while open, with the comment form; the outcome once closed."""
    if consultation is None:
        raise Http404("没有找到该征求意见稿，或征求意见尚未开始。")
    form, refusal, status = CommentForm(), "", 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        refusal, status = _take_comment(request, consultation, form)
        if status == 302:
            return redirect(f"{consultation.url}?submitted=1#comment-result")
    return TemplateResponse(
        request,
        "portal/consultation_detail.html",
        {
            "consultation": consultation,
            "shared_attachments": _shared_attachments(consultation),
            "form": form,
            "refusal": refusal,
            "submitted": request.GET.get("submitted") == "1" and consultation.is_open,
            "outcome": None if consultation.is_open else consultation.outcome(),
        },
        status=status,
    )


def _shared_attachments(consultation) -> list:
    """The draft's attachment rows the public may download: a file of another department
    or an internal one (put into the draft by some path) is not even named."""
    if consultation.kind != DOCUMENT or not consultation.is_open:
        return []
    shared = attachment_access.consultation_files()
    return [row for row in consultation.text.attachments.all() if row.file_id in shared]


def _take_comment(request, consultation, form) -> tuple[str, int]:
    """(message, status): 302 when the comment was kept; otherwise why it was not."""
    try:
        services.refuse_unless_open(consultation)
        if form.is_robot:
            services.take_rate_slot(request)
            return "提交未被接受：请不要填写“网址”一栏。", 400
        if not form.is_valid():
            return "提交未成功，请按提示修改后重新提交。", 400
        services.take_rate_slot(request)
        services.comment_submit(
            consultation=consultation,
            name=form.cleaned_data["name"],
            contact=form.cleaned_data["contact"],
            text=form.cleaned_data["text"],
            address=ratelimits.client_address(request),
        )
    except services.CommentRefused as refused:
        return refused.message, refused.status
    except ValidationError as invalid:
        return "；".join(invalid.messages), 400
    return "", 302


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
