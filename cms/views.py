"""Thin admin views; reads come from cms.selectors."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from cms import selectors
from cms.models import MajorDecisionListPage


def decision_list_history(request, page_id: int):
    decision_list = get_object_or_404(MajorDecisionListPage, pk=page_id)
    return TemplateResponse(
        request,
        "cms/admin/decision_list_history.html",
        {
            "decision_list": decision_list,
            "adjustments": selectors.decision_list_adjustments(decision_list),
        },
    )
