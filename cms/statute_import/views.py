"""Admin screens: upload a statute list (导入法规库) and read an import's change report.

Actions on a report that belong to higher layers (the cleanup campaign) plug in through the
Wagtail hook ``statute_import_report_actions``: each function gets (request, record) and
returns (label, url) — a POST target — or None.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail import hooks

from cms.models import StatuteImport
from cms.statute_import.services import (
    CHANGE_KINDS,
    IMPORT_PERMISSIONS,
    StatuteImportError,
    statutes_import,
)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
REPORT_ACTIONS_HOOK = "statute_import_report_actions"


class StatuteUploadForm(forms.Form):
    file = forms.FileField(
        label="法规清单文件",
        help_text="CSV、XLSX、JSON 或 JSONL；国家法律法规数据库导出的文件可直接导入。",
    )
    dry_run = forms.BooleanField(label="只检查并预览变更报告，不写入", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 20 MB，请拆分后分批导入。")
        return upload


def _require_import_permission(user) -> None:
    if not (user.is_active and all(user.has_perm(p) for p in IMPORT_PERMISSIONS)):
        raise PermissionDenied("只有有权维护法律法规库的用户可以导入法规。")


def _sections(report: dict) -> list[tuple[str, list[str]]]:
    return [(label, report.get(kind, [])) for kind, label in CHANGE_KINDS.items()]


def statute_import(request):
    _require_import_permission(request.user)
    form = StatuteUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "recent": StatuteImport.objects.all()[:10]}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan, record = statutes_import(
                file_name=upload.name,
                data=upload.read(),
                user=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except StatuteImportError as exc:
            context["problems"] = exc.messages
        else:
            if record is not None:
                return redirect("statute_import_report", record.pk)
            context |= {
                "preview": True,
                "dry_run": form.cleaned_data["dry_run"],
                "summary": plan.summary(),
                "sections": _sections(plan.report),
                "warnings": plan.warnings,
            }
    return TemplateResponse(request, "cms/admin/statute_import.html", context)


def statute_import_report(request, import_id: int):
    _require_import_permission(request.user)
    record = get_object_or_404(StatuteImport, pk=import_id)
    actions = [action(request, record) for action in hooks.get_hooks(REPORT_ACTIONS_HOOK)]
    counts = "，".join(
        f"{label} {len(record.report.get(kind, []))} 部" for kind, label in CHANGE_KINDS.items()
    )
    return TemplateResponse(
        request,
        "cms/admin/statute_import_report.html",
        {
            "record": record,
            "summary": counts,
            "sections": _sections(record.report),
            "warnings": record.report.get("warnings", []),
            "actions": [action for action in actions if action],
        },
    )
