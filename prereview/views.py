"""The drafter's pre-review page (run on demand, explain blocking findings) and the rule list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from cms.kinds import item_kind, specific
from prereview import selectors, services
from prereview.gate import OVERRIDE_FIELD
from prereview.models import PreReviewRun, RunTrigger
from review.selectors import edit_url, user_may_see


def prereview_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("prereview_object", args=[content_type.pk, obj.pk])


def _user_may_edit(user, obj) -> bool:
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(type(obj))
    return policy.user_has_permission_for_instance(user, "change", obj)


def _object(content_type_id: int, object_id: str):
    model = get_object_or_404(ContentType, pk=content_type_id).model_class()
    if model is None:
        raise Http404
    try:
        obj = get_object_or_404(model, pk=object_id)
    except (ValueError, ValidationError) as error:  # "abc" where the key is a number
        raise Http404("对象不存在。") from error
    obj = getattr(obj, "specific", obj)
    if item_kind(obj) is None:
        raise Http404("该对象不支持预审。")
    return obj


def _refuse(request, reason: str):
    messages.error(request, reason)
    return redirect("wagtailadmin_home")


def prereview_object(request, content_type_id: int, object_id: str):
    """GET runs the pre-review on the latest saved version; POST records a reason."""
    obj = _object(content_type_id, object_id)
    if not user_may_see(request.user, obj):
        return _refuse(request, "无权查看该事项的预审结果。")
    may_edit = _user_may_edit(request.user, obj)
    if request.method == "POST":
        if not may_edit:
            return _refuse(request, "只有起草人可以说明阻断问题。")
        run_id = request.POST.get("run", "")
        if not run_id.isdigit():
            raise Http404("预审记录不存在。")
        run = get_object_or_404(PreReviewRun.objects.for_object(obj), pk=run_id)
        try:
            services.override_record(
                run=run, user=request.user, reason=request.POST.get(OVERRIDE_FIELD, "")
            )
        except services.PreReviewError as error:
            messages.error(request, " ".join(error.messages))
            return _render(request, obj, run, may_edit, request.POST.get(OVERRIDE_FIELD, ""))
        messages.success(request, "已记录说明理由；内容不变时可以提交审核，理由将显示给法律顾问。")
        return redirect(edit_url(obj, request.user) or prereview_url(obj))
    run = services.prereview_run(obj=obj, trigger=RunTrigger.ON_DEMAND, user=request.user)
    return _render(request, obj, run, may_edit, "")


def _render(request, obj, run, may_edit: bool, reason: str):
    return TemplateResponse(
        request,
        "prereview/object.html",
        {
            "obj": obj,
            "kind": specific(obj)._meta.verbose_name,
            "run": run,
            "grouped": selectors.findings_by_severity(run),
            "attachments": selectors.attachment_states(obj, run),
            "may_edit": may_edit,
            "edit_url": edit_url(obj, request.user),
            "override_field": OVERRIDE_FIELD,
            "reason": reason,
        },
    )
