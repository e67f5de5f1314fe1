"""Thin admin views; reads come from cms.selectors."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from cms import roles, selectors
from cms.models import MajorDecisionListPage


def may_read_decision_list(user, decision_list: MajorDecisionListPage) -> bool:
    """The bureau-wide roles, and whoever may edit the list (the office), read its history;
    a drafter does not: a list's unpublished items and adjustments are drafts."""
    return roles.sees_every_department(user) or decision_list.permissions_for_user(user).can_edit()


def decision_list_history(request, page_id: int):
    decision_list = get_object_or_404(MajorDecisionListPage, pk=page_id)
    if not may_read_decision_list(request.user, decision_list):
        raise PermissionDenied("您无权查看该重大行政决策事项目录的调整记录。")
    return TemplateResponse(
        request,
        "cms/admin/decision_list_history.html",
        {
            "decision_list": decision_list,
            "adjustments": selectors.decision_list_adjustments(decision_list),
        },
    )
