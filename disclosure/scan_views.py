"""The office's screen of the personal-data scan: findings with links, and decisions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from disclosure import scan
from disclosure.admin_views import requires
from disclosure.models import FindingState, ScanFinding

REFUSED = "只有局办公室和管理员可以处理个人信息排查结果。"
SECTION = "个人信息排查"


def _may_decide(user) -> bool:
    return user.is_active and user.has_perm("disclosure.decide_scan_finding")


class DecisionForm(forms.Form):
    state = forms.ChoiceField(
        label="处理方式",
        choices=[c for c in FindingState.choices if c[0] != FindingState.OPEN],
    )
    note = forms.CharField(label="说明", max_length=500, required=False)


@requires(_may_decide, REFUSED, SECTION)
def findings_view(request):
    state = request.GET.get("state", FindingState.OPEN)
    findings = ScanFinding.objects.select_related("decided_by")
    if state in FindingState.values:
        findings = findings.filter(state=state)
    rows = [(finding, scan.admin_url(finding)) for finding in findings[:500]]
    context = {"rows": rows, "state": state, "states": FindingState.choices, "form": DecisionForm()}
    return TemplateResponse(request, "disclosure/admin/scan.html", context)


@require_POST
@requires(_may_decide, REFUSED, SECTION)
def decide_view(request, pk: int):
    finding = get_object_or_404(ScanFinding, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择处理方式。")
        return redirect("disclosure_scan")
    try:
        scan.decide(
            finding=finding,
            state=form.cleaned_data["state"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已处理：{finding.title}（{finding.get_state_display()}）。")
    return redirect("disclosure_scan")
