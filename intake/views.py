"""存量导入 in the admin: upload a manifest and a ZIP, read the dry run, confirm; batches; undo.

The uploads wait between the dry run and the confirmation in ``INTAKE_PENDING_DIR`` under
a random token held in the uploader's session (never under MEDIA_ROOT, never served);
the confirmation runs the whole plan again, so nothing unchecked is imported, and the
pending files are removed afterwards.
"""

from __future__ import annotations

import functools
import secrets
import shutil
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from cms.sheets import MAX_BYTES, ImportRefused
from intake import selectors, services
from intake.files import NoFiles, ZipFiles
from intake.models import ImportBatch
from intake.report import summary

SESSION_KEY = "intake_pending"
MANIFEST, ARCHIVE = "manifest", "files.zip"


class UploadForm(forms.Form):
    manifest = forms.FileField(
        label="清单（Excel或CSV）",
        help_text="每行一个文件：标题、发文机关、发文字号、登记编号、成文日期、发布日期、施行日期、"
        "有效期至、有效性、主题分类、起草科室、纸质依据、附件（多个文件名用“；”分隔）。",
        error_messages={"required": "请选择清单文件。", "empty": "清单文件为空。"},
    )
    archive = forms.FileField(
        label="附件压缩包（ZIP）",
        required=False,
        help_text="清单“附件”列中的 PDF、DOCX、TXT 文件打包为一个 .zip。",
    )

    def clean_manifest(self):
        upload = self.cleaned_data["manifest"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"清单文件过大（超过{MAX_BYTES // 1024 // 1024}MB）。")
        return upload

    def clean_archive(self):
        upload = self.cleaned_data.get("archive")
        limit = settings.INTAKE_ZIP_MAX_MB
        if upload and upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(f"压缩包过大（超过{limit}MB），请分批导入。")
        return upload


def importers_only(view):
    """A Chinese 403 page for anyone without review.import_legacy (not Wagtail's redirect)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not services.may_import(request.user):
            context = {"message": services.REFUSED, "section": "存量导入"}
            return TemplateResponse(request, "cms/admin/forbidden.html", context, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _pending_dir(token: str) -> Path:
    return Path(settings.INTAKE_PENDING_DIR) / token


def _store(request, form: UploadForm) -> str:
    old = request.session.get(SESSION_KEY)
    if old:
        shutil.rmtree(_pending_dir(old["token"]), ignore_errors=True)
    token = secrets.token_hex(16)
    folder = _pending_dir(token)
    folder.mkdir(parents=True)
    for field, target in (("manifest", MANIFEST), ("archive", ARCHIVE)):
        upload = form.cleaned_data.get(field)
        if upload:
            with (folder / target).open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
    request.session[SESSION_KEY] = {
        "token": token,
        "manifest_name": form.cleaned_data["manifest"].name[:200],
        "archive_name": getattr(form.cleaned_data.get("archive"), "name", "")[:200],
    }
    return token


def _arguments(request, pending: dict) -> dict:
    folder = _pending_dir(pending["token"])
    archive = folder / ARCHIVE
    files = ZipFiles(archive.open("rb"), pending["archive_name"]) if archive.exists() else NoFiles()
    return {
        "user": request.user,
        "manifest": (folder / MANIFEST).read_bytes(),
        "manifest_name": pending["manifest_name"],
        "files": files,
    }


def _report(request, form, *, plan=None, problems=(), confirmable=False):
    context = {
        "form": form,
        "plan": plan,
        "summary": summary(plan) if plan else "",
        "problems": list(problems),
        "confirmable": confirmable,
    }
    return TemplateResponse(request, "intake/admin/upload.html", context)


@importers_only
def upload_view(request):
    """Upload, then the dry run's report (nothing written)."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _report(request, form)
    _store(request, form)
    try:
        plan = services.documents_plan(**_arguments(request, request.session[SESSION_KEY]))
    except (ImportRefused, ValueError) as refusal:
        return _report(request, form, problems=getattr(refusal, "problems", [str(refusal)]))
    confirmable = not plan.errors and plan.count("导入") > 0
    return _report(request, form, plan=plan, confirmable=confirmable)


@require_POST
@importers_only
def confirm_view(request):
    """确认导入: run the plan again and import all or nothing."""
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["token"] != request.POST.get("token", ""):
        messages.error(request, "待确认的导入已失效，请重新上传清单并试运行。")
        return redirect("intake_upload")
    try:
        plan, batch = services.documents_import(**_arguments(request, pending))
    except (ImportRefused, ValueError) as refusal:
        return _report(request, UploadForm(), problems=getattr(refusal, "problems", [str(refusal)]))
    if plan.errors:
        return _report(request, UploadForm(), plan=plan)
    shutil.rmtree(_pending_dir(pending["token"]), ignore_errors=True)
    del request.session[SESSION_KEY]
    if batch is None:
        messages.info(request, f"{summary(plan)}没有需要导入的新文件。")
        return redirect("intake_batches")
    messages.success(request, f"已导入第{batch.pk}批。{summary(plan)}")
    return redirect("intake_batch", batch.pk)


@importers_only
def batches_view(request):
    context = {"batches": selectors.batches()}
    return TemplateResponse(request, "intake/admin/batches.html", context)


@importers_only
def batch_view(request, batch_id: int):
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    context = {
        "batch": batch,
        "rows": selectors.batch_rows(batch),
        "undo_problems": services.undo_problems(batch),
    }
    return TemplateResponse(request, "intake/admin/batch.html", context)


@require_POST
@importers_only
def undo_view(request, batch_id: int):
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    try:
        services.batch_undo(batch=batch, user=request.user)
    except ImportRefused as refusal:
        messages.error(request, "；".join(refusal.problems))
    else:
        messages.success(request, f"已撤销第{batch.pk}批：本批文件已全部撤回，不再公开。")
    return redirect("intake_batch", batch.pk)
