"""Public pages of 依申请公开: the application form, its receipt, and the status query
(申请编号 + 查询码) where the requester also sends a requested 补正. Nothing here lists
or finds another requester's application; answers are never cached."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms import ratelimits
from cms.privacy import mask_personal_numbers
from disclosure import deadlines, services
from disclosure.forms import ClarificationAnswerForm, QueryForm, RequestForm
from disclosure.models import DESCRIPTION_MAX, Source

RECEIPT_KEY = "disclosure_receipt"
TYPED_KEY = "disclosure_typed"
ECHOED = ("name", "id_number", "phone", "address", "description", "contact_person", "org_name")


def _with_typed(request):
    """The POST data with the personal numbers the form echoed masked put back.

    Every public page masks personal numbers on output (base.html), so a refused form shows
    an ID or a mobile number masked; when a field comes back exactly as that masked echo,
    the value typed before (kept in the session) is restored: nothing typed is lost."""
    data = request.POST.copy()
    typed = request.session.get(TYPED_KEY) or {}
    for name in ECHOED:
        before, posted = typed.get(name, ""), data.get(name, "")
        if before and "*" in posted and posted == mask_personal_numbers(before):
            data[name] = before
    return data


def _keep_typed(request, form) -> None:
    request.session[TYPED_KEY] = {
        name: (form.data.get(name) or "")[:DESCRIPTION_MAX] for name in ECHOED
    }


def _limited(request, group: str, rate: str) -> str:
    refusal = ratelimits.take(request, group=group, rate=rate)
    if refusal is None:
        return ""
    return (
        f"提交过于频繁：同一网络地址{ratelimits.period_text(refusal.period)}内最多提交"
        f"{refusal.allowed}次，请稍后再试。"
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request):
    form, refusal, status = RequestForm(), "", 200
    if request.method == "POST":
        form = RequestForm(_with_typed(request))
        refusal = _limited(request, "disclosure-requests", settings.DISCLOSURE_RATE_LIMIT)
        if refusal:
            status = 429
        elif form.is_robot:
            refusal, status = "提交未被接受：请不要填写“网址”一栏。", 400
        elif not form.is_valid():
            refusal, status = "申请未提交，请按提示修改后重新提交。", 400
        else:
            filed, secret = services.request_file(
                data=form.request_data(), received_on=services.today(), source=Source.PORTAL
            )
            request.session[RECEIPT_KEY] = [filed.tracking_number, secret]
            request.session.pop(TYPED_KEY, None)
            return redirect("disclosure:receipt")
    if request.method == "POST":
        _keep_typed(request, form)
    return TemplateResponse(
        request,
        "disclosure/request_form.html",
        {"form": form, "refusal": refusal},
        status=status,
    )


@never_cache
def receipt(request):
    """The number and the query code, shown once after filing."""
    pair = request.session.pop(RECEIPT_KEY, None)
    if not pair:
        return redirect("disclosure:query")
    return TemplateResponse(
        request, "disclosure/receipt.html", {"number": pair[0], "secret": pair[1]}
    )


def _answer(found, data) -> tuple[ClarificationAnswerForm, str, bool]:
    """(the answer form, a refusal, answered): a refused answer stays in its form."""
    form = ClarificationAnswerForm(data, auto_id="answer-%s")
    if not form.is_valid():
        return form, "补正未提交，请按提示修改。", False
    try:
        services.clarification_answer(
            request=found, day=services.today(), answer=form.cleaned_data["answer"]
        )
    except ValidationError as error:
        return form, "；".join(error.messages), False
    return form, "", True


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def query(request):
    """Status by number and code; a pending 补正 can be answered on the same page."""
    found, refusal, status, answered, answer_form = None, "", 200, False, None
    form = QueryForm(request.POST or None)
    if request.method == "POST":
        refusal = _limited(request, "disclosure-query", settings.DISCLOSURE_QUERY_RATE_LIMIT)
        if refusal:
            status = 429
        elif not form.is_valid():
            refusal, status = "请按提示填写后重新查询。", 400
        else:
            found = services.request_by_code(
                tracking_number=form.cleaned_data["tracking_number"],
                secret=form.cleaned_data["secret"],
            )
            if found is None:
                refusal, status = "申请编号或查询码不正确，请核对后重新输入。", 404
            elif "answer" in request.POST:
                answer_form, refusal, answered = _answer(found, request.POST)
                status = 200 if answered else 400
                found.refresh_from_db()
        if found is not None and found.awaiting_clarification and answer_form is None:
            answer_form = ClarificationAnswerForm(initial=form.cleaned_data, auto_id="answer-%s")
        if answered:
            answer_form = None
    return TemplateResponse(
        request,
        "disclosure/query.html",
        {
            "form": form,
            "found": found,
            "due": deadlines.due_date(found) if found else None,
            "answer_form": answer_form,
            "answered": answered,
            "refusal": refusal,
        },
        status=status,
    )
