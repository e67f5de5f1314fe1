"""The office's screens for 依申请公开: the masked list, staff entry, one request with its
steps (补正, its answer, the leader's extension, the reply) and the reply letter."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from disclosure import deadlines, letters, selectors, services
from disclosure.forms import (
    AskClarificationForm,
    ExtensionForm,
    RecordAnswerForm,
    ReplyForm,
    StaffRequestForm,
)
from disclosure.models import DisclosureRequest, Source

SECTION = "政府信息公开申请"
REFUSED = "只有局办公室（政府信息公开工作机构）和局领导可以查看政府信息公开申请。"


def forbidden(request, message: str, section: str = SECTION):
    context = {"message": message, "section": section}
    return TemplateResponse(request, "cms/admin/forbidden.html", context, status=403)


def requires(check, message: str, section: str = SECTION):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                return forbidden(request, message, section)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@requires(selectors.may_see_requests, REFUSED)
def request_list(request):
    state = request.GET.get("state", "open")
    rows = selectors.request_rows(today=services.today(), state=state)
    context = {"rows": rows, "state": state, "may_handle": selectors.may_handle(request.user)}
    return TemplateResponse(request, "disclosure/admin/requests.html", context)


@requires(selectors.may_handle, "只有局办公室可以登记政府信息公开申请。")
def request_add(request):
    form = StaffRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        filed, _ = services.request_file(
            data=form.request_data(),
            received_on=form.cleaned_data["received_on"],
            source=Source.STAFF,
            user=request.user,
        )
        messages.success(request, f"已登记申请 {filed.tracking_number}。")
        return redirect("disclosure_request", filed.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "disclosure/admin/request_add.html", {"form": form}, status=status
    )


STEP_FORMS = {
    "ask": AskClarificationForm,
    "answer": RecordAnswerForm,
    "extend": ExtensionForm,
    "reply": ReplyForm,
}


def _detail(request, item, forms_=None, status=200):
    forms_ = forms_ or {}
    context = {
        "item": item,
        "due": deadlines.due_date(item) if not item.replied_on else item.due_at_reply,
        "forms": {name: forms_.get(name) or form() for name, form in STEP_FORMS.items()},
        "may_handle": selectors.may_handle(request.user),
        "may_extend": request.user.has_perm("disclosure.approve_extension"),
        "steps": item.steps.select_related("user"),
    }
    return TemplateResponse(request, "disclosure/admin/request.html", context, status=status)


@requires(selectors.may_see_requests, REFUSED)
def request_detail(request, pk: int):
    return _detail(request, get_object_or_404(DisclosureRequest, pk=pk))


def _run_step(step: str, item, data: dict, user):
    if step == "ask":
        services.clarification_ask(request=item, day=data["day"], letter=data["letter"], user=user)
    elif step == "answer":
        services.clarification_answer(
            request=item, day=data["day"], answer=data["answer"], user=user
        )
    elif step == "extend":
        services.extension_approve(request=item, day=data["day"], reason=data["reason"], user=user)
    else:
        services.reply_record(
            request=item,
            day=data["day"],
            reply_type=data["reply_type"],
            subtype=data["subtype"],
            reason=data["reason"],
            text=data["text"],
            user=user,
        )


@require_POST
@requires(selectors.may_see_requests, REFUSED)
def request_step(request, pk: int, step: str):
    if step not in STEP_FORMS:
        raise Http404("没有这个办理步骤。")
    allowed = request.user.has_perm(
        "disclosure.approve_extension" if step == "extend" else "disclosure.handle_request"
    )
    if not allowed:
        return forbidden(request, "延长答复期限须由局领导批准；其他步骤由局办公室办理。")
    item = get_object_or_404(DisclosureRequest, pk=pk)
    form = STEP_FORMS[step](request.POST)
    if form.is_valid():
        try:
            _run_step(step, item, form.cleaned_data, request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "已记录。")
            return redirect("disclosure_request", item.pk)
    messages.error(request, "未记录，请按提示修改。")
    item.refresh_from_db()
    return _detail(request, item, {step: form}, status=400)


@requires(selectors.may_see_requests, REFUSED)
def reply_letter(request, pk: int, fmt: str):
    """The reply letter, or with ``?kind=clarification`` the 补正告知书, as DOCX or PDF."""
    item = get_object_or_404(DisclosureRequest, pk=pk)
    clarification = request.GET.get("kind") == "clarification"
    exists = item.clarification_asked_on if clarification else item.replied_on
    if not exists or fmt not in ("docx", "pdf"):
        raise Http404("没有这份文书：尚未告知补正或尚未答复。")
    letter = (letters.clarification_letter_of if clarification else letters.letter_of)(item)
    if fmt == "pdf":
        content, content_type = letters.render_pdf(letter), "application/pdf"
    else:
        content = letters.render_docx(letter)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{letter.title}-{item.tracking_number}.{fmt}"
    )
    return response
