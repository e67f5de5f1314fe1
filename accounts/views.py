"""Admin views: 登录记录 (login records) and 账号锁定 (current lockouts, unlock)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from accounts.models import UNLOCK_LOGIN, VIEW_LOGIN_RECORDS

PAGE_SIZE = 50


def may_view(user) -> bool:
    return user.is_active and user.has_perm(VIEW_LOGIN_RECORDS)


def may_unlock(user) -> bool:
    return user.is_active and user.has_perm(UNLOCK_LOGIN)


def _refuse(request, reason: str):
    messages.error(request, reason)
    return redirect("wagtailadmin_home")


def _date(text: str, problems: list[str], label: str) -> datetime.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        problems.append(f"{label}“{text}”不是日期，请写成 2026-01-31 的形式。")
        return None


def login_records_view(request):
    if not may_view(request.user):
        return _refuse(
            request, "只有具有“可查看登录记录”权限的用户（默认为管理员）可以查看登录记录。"
        )
    problems: list[str] = []
    query = {
        "username": request.GET.get("username", "").strip(),
        "result": request.GET.get("result", ""),
        "date_from": _date(request.GET.get("date_from", ""), problems, "开始日期"),
        "date_to": _date(request.GET.get("date_to", ""), problems, "结束日期"),
    }
    if query["result"] not in selectors.RESULTS:
        query["result"] = ""
    records = selectors.login_records(**query)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [dict(zip(selectors.COLUMNS, row, strict=True)) for row in page.object_list]
    for row in rows:
        row["result_label"] = selectors.RESULTS[row["result"]]
    context = {
        "page_obj": page,
        "rows": rows,
        "results": selectors.RESULTS,
        "query": request.GET,
        "problems": problems,
        "idle_minutes": settings.SESSION_IDLE_MINUTES,
    }
    return TemplateResponse(request, "accounts/login_records.html", context)


@require_http_methods(["GET", "POST"])
def lockouts_view(request):
    if not (may_view(request.user) or may_unlock(request.user)):
        return _refuse(
            request, "只有具有“可解除登录锁定”权限的用户（默认为管理员）可以查看账号锁定。"
        )
    if request.method == "POST":
        if not may_unlock(request.user):
            return _refuse(
                request, "只有具有“可解除登录锁定”权限的用户（默认为管理员）可以解除锁定。"
            )
        try:
            record = services.login_unlock(
                kind=request.POST.get("kind", ""),
                value=request.POST.get("value", ""),
                user=request.user,
            )
        except services.UnlockError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                f"已解除{record.get_kind_display()}“{record.value}”的锁定"
                f"（清除失败 {record.failures} 次）。",
            )
        return redirect("accounts_lockouts")
    context = {
        "locks": selectors.current_locks(),
        "may_unlock": may_unlock(request.user),
        "unlocks": services.UnlockRecord.objects.select_related("unlocked_by")[:20],
    }
    return TemplateResponse(request, "accounts/lockouts.html", context)
