"""The office's 保密审查 screen: record a secrecy check on an item's latest revision."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from cms.kinds import ItemKind, item_kind, specific
from cms.roles import RECORD_SECRECY
from review import selectors
from review.errors import ReviewError
from review.models import SecrecyCheck, SecrecyResult
from review.services import secrecy_check_record
from review.services.secrecy import secrecy_conflict

SECRECY_KINDS = {ItemKind.NORMATIVE_DOCUMENT, ItemKind.MAJOR_DECISION}


class SecrecyCheckForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label="审查结论", choices=SecrecyResult.choices, widget=forms.RadioSelect
    )
    removed = forms.CharField(
        label="删除（遮盖）的内容",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="部分公开时必填。",
    )
    basis = forms.CharField(
        label="审查依据",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如《保守国家秘密法》第十三条、本局保密事项范围，未涉及国家秘密、工作秘密。",
        error_messages={"required": "请写明保密审查的依据。"},
    )


def secrecy_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("review_secrecy_check", args=[content_type.pk, obj.pk])


def may_record(user, obj) -> bool:
    return user.is_active and user.has_perm(RECORD_SECRECY) and item_kind(obj) in SECRECY_KINDS


def secrecy_check_view(request, content_type_id: int, object_id: str):
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None:
        return _refuse(request, "该事项不存在。")
    obj = specific(get_object_or_404(model, pk=object_id))
    if not may_record(request.user, obj):
        return _refuse(request, "只有局办公室（具有“可记录保密审查”权限的人员）可以进行保密审查。")
    revision = obj.get_latest_revision()
    if revision is None:
        return _refuse(request, "该事项还没有可审查的版本。")
    form = SecrecyCheckForm(request.POST or None, initial={"revision_id": revision.pk})
    if request.method == "POST" and form.is_valid():
        try:
            check = secrecy_check_record(obj=obj, user=request.user, **form.cleaned_data)
        except ReviewError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"保密审查已记录：{check.result}。")
            return redirect(selectors.edit_url(obj, request.user) or "wagtailadmin_home")
    elif request.method == "POST":
        messages.error(request, "表单有误，请按提示修改。")
    return TemplateResponse(
        request,
        "review/secrecy_check.html",
        {
            "obj": obj,
            "revision": revision,
            "form": form,
            "conflict": secrecy_conflict(obj, revision, request.user),
            "checks": SecrecyCheck.for_object(obj).select_related("recorded_by"),
            "edit_url": selectors.edit_url(obj, request.user),
        },
    )


def _refuse(request, reason: str):
    messages.error(request, reason)
    return redirect("wagtailadmin_home")
