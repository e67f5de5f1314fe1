"""Cleanup after a statute library import (法规库更新后发起清理): the report's button.

cms shows the import's change report; this module plugs the button in through the hook
``statute_import_report_actions`` and starts the campaign (``campaign_for_statute_changes``).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from cms.models import StatuteImport
from search.cleanup import services
from search.cleanup.views import SECTION, _detail_url, _refusal, campaign_policy

NOT_ALLOWED = "只有有权发起清理活动的用户可以据此发起清理。"


def statute_import_action(request, record: StatuteImport):
    """(label, POST url) for the report page: start, or open, the campaign over the
    documents citing what this import repealed or amended; None when there is nothing to do."""
    campaign = record.campaigns.first()
    if campaign is not None:
        return ("查看据此发起的清理活动", _detail_url(campaign))
    if record.changed_names and campaign_policy.user_has_permission(request.user, "add"):
        url = reverse("cleanup_from_statute_import", args=[record.pk])
        return ("对引用新废止、新修改法规的文件发起清理", url)
    return None


@require_POST
def campaign_from_statute_import(request, import_id: int):
    record = get_object_or_404(StatuteImport, pk=import_id)
    if not campaign_policy.user_has_permission(request.user, "add"):
        return TemplateResponse(
            request,
            "cms/admin/forbidden.html",
            {"message": NOT_ALLOWED, "section": SECTION},
            status=403,
        )
    try:
        campaign = services.campaign_for_statute_changes(statute_import=record, user=request.user)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect("statute_import_report", record.pk)
    run = campaign.runs.first()
    if run is not None:
        messages.success(
            request,
            f"已发起清理活动，审查 {run.documents_examined} 件，清理候选 {run.candidates} 件。",
        )
    return redirect(_detail_url(campaign))
