"""Admin face of cleanup campaigns (规范性文件清理): the campaign and phrase-list snippets,
the campaign page (run, candidates with evidence, comparison, decisions, approval) and
the exports. Thin: every write is a call into ``search.cleanup.services``; refusals come
back as Chinese messages, never as a server error.

Who may do what goes by Django permissions (defaults per role in cms.roles): viewing
the campaign model lets one look; adding and changing campaigns lets one edit and run
them; the services themselves check who records (search.decide_cleanup) and who approves
(search.approve_cleanup). No check compares a group's name.
"""

import functools
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from cms import roles
from cms.gates import IssueRefused
from cms.models import NormativeDocumentPage
from search.cleanup import exports, services
from search.cleanup.forms import CleanupCampaignForm
from search.models import (
    CleanupCampaign,
    CleanupDecision,
    CleanupFinding,
    CompetitionPhrase,
    DecisionChoice,
)

SECTION = "规范性文件清理"  # the forbidden page names the section
NOT_BUREAU = "只有法律顾问、局办公室、局领导和管理员可以查看规范性文件清理。"


# --- permissions -----------------------------------------------------------------------


def may(user, permission: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(permission))


campaign_policy = ModelPermissionPolicy(CleanupCampaign)
phrase_policy = ModelPermissionPolicy(CompetitionPhrase)


# --- snippet viewsets ------------------------------------------------------------------


class CampaignCreateView(CreateView):
    """After creating a campaign, go straight to its page (where it is run)."""

    def get_success_url(self):
        return reverse("cleanup_campaign_detail", args=[self.object.pk])


class CampaignEditView(EditView):
    """After changing scope or rules, back to the campaign's page to run it again."""

    def get_success_url(self):
        return reverse("cleanup_campaign_detail", args=[self.object.pk])


def _latest_run(campaign: CleanupCampaign) -> str:
    run = campaign.runs.first()
    if run is None:
        return "尚未运行"
    return f"{timezone.localtime(run.started_at):%Y-%m-%d %H:%M}（候选{run.candidates}件）"


class CleanupCampaignViewSet(SnippetViewSet):
    model = CleanupCampaign
    menu_label = "规范性文件清理"
    icon = "clipboard-list"
    menu_order = 215
    add_to_admin_menu = True
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView
    edit_handler = ObjectList(CleanupCampaign.panels, base_form_class=CleanupCampaignForm)
    list_display = [
        "name",
        "status",
        Column("latest_run", label="最近一次运行", accessor=_latest_run),
        "created_at",
    ]
    list_filter = ["status"]


class CompetitionPhraseViewSet(SnippetViewSet):
    model = CompetitionPhrase
    menu_label = "公平竞争风险表述"
    icon = "warning"
    add_to_settings_menu = True
    list_display = ["phrase", "category", "standard", "active"]
    list_filter = ["category", "active"]
    list_per_page = 100


# --- helpers ---------------------------------------------------------------------------

_MARK = re.compile(r"【([^【】]*)】")


def highlight(excerpt: str, start: int = 0, end: int = 0) -> str:
    """The excerpt with its hit (between 【】) as <mark>, everything else escaped.

    The text around the hit may hold 【】 of its own; the marker chosen is the one whose
    length matches the hit and that sits where the excerpt's context puts it.
    """
    marks = list(_MARK.finditer(excerpt))
    if not marks:
        return conditional_escape(excerpt)
    fitting = [m for m in marks if len(m.group(1)) == end - start] or marks
    expected = min(start, services.EXCERPT_RADIUS)
    mark = min(fitting, key=lambda m: abs(m.start() - expected))
    return format_html(
        "{}<mark>{}</mark>{}", excerpt[: mark.start()], mark.group(1), excerpt[mark.end() :]
    )


def bureau_only(view):
    """A plain 403 for anyone outside the bureau roles (Wagtail would turn a raised
    PermissionDenied into a redirect to the dashboard)."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not campaign_policy.user_has_permission(request.user, "view"):
            return TemplateResponse(
                request,
                "cms/admin/forbidden.html",
                {"message": NOT_BUREAU, "section": SECTION},
                status=403,
            )
        return view(request, *args, **kwargs)

    return guarded


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


def _detail_url(campaign: CleanupCampaign, anchor: str = "") -> str:
    url = reverse("cleanup_campaign_detail", args=[campaign.pk])
    return f"{url}#{anchor}" if anchor else url


def _selected_run(request, campaign: CleanupCampaign):
    """The run asked for (``?run=``), else the latest; and the run before it."""
    runs = list(campaign.runs.select_related("started_by"))
    if not runs:
        return runs, None, None
    wanted = request.GET.get("run", "")
    if wanted:
        matching = [i for i, run in enumerate(runs) if str(run.pk) == wanted]
        if not matching:
            raise Http404("没有这次清理运行。")
        index = matching[0]
    else:
        index = 0
    previous = runs[index + 1] if index + 1 < len(runs) else None
    return runs, runs[index], previous


def _candidates(run, decisions: dict[int, CleanupDecision], draft: dict | None) -> list[dict]:
    grouped: dict[int, dict] = {}
    if run is None:
        return []
    findings = run.findings.select_related("document").order_by("document_id", "rule", "start")
    for finding in findings:
        entry = grouped.setdefault(
            finding.document_id,
            {
                "document": finding.document,
                "findings": [],
                "decision": decisions.get(finding.document_id),
            },
        )
        entry["findings"].append(
            {
                "finding": finding,
                "excerpt": highlight(finding.excerpt, finding.start, finding.end)
                if finding.excerpt
                else "",
            }
        )
    for entry in grouped.values():
        decision = entry["decision"]
        entry["choice"] = decision.decision if decision else ""
        entry["reason"] = decision.reason if decision else ""
        if draft and draft["document_id"] == entry["document"].pk:
            entry["choice"], entry["reason"] = draft["decision"], draft["reason"]
    return list(grouped.values())


def _render_detail(request, campaign: CleanupCampaign, draft: dict | None = None):
    runs, run, previous = _selected_run(request, campaign)
    decisions = {
        d.document_id: d
        for d in campaign.decisions.select_related("document", "decided_by", "approved_by")
    }
    user = request.user
    context = {
        "campaign": campaign,
        "scope": exports.scope_text(campaign),
        "rules": exports.rules_text(campaign),
        "runs": runs,
        "run": run,
        "previous": previous,
        "comparison": services.compare_runs(run, previous) if run and previous else None,
        "candidates": _candidates(run, decisions, draft),
        "decisions": sorted(decisions.values(), key=lambda d: d.decided_at, reverse=True),
        "choices": DecisionChoice.values,
        "can_edit": campaign_policy.user_has_permission(user, "change"),
        "can_run": campaign_policy.user_has_permission(user, "change"),
        "can_decide": may(user, roles.DECIDE_CLEANUP),
        "can_approve": may(user, roles.APPROVE_CLEANUP),
        "edit_url": reverse("wagtailsnippets_fulltext_cleanupcampaign:edit", args=[campaign.pk]),
        "index_url": reverse("wagtailsnippets_fulltext_cleanupcampaign:list"),
        "has_proposal": bool(exports.abolition_decisions(campaign)),
    }
    return TemplateResponse(request, "search/cleanup/campaign_detail.html", context)


# --- views -----------------------------------------------------------------------------


@bureau_only
def campaign_detail(request, campaign_id: int):
    return _render_detail(request, get_object_or_404(CleanupCampaign, pk=campaign_id))


@require_POST
@bureau_only
def campaign_run(request, campaign_id: int):
    campaign = get_object_or_404(CleanupCampaign, pk=campaign_id)
    if not campaign_policy.user_has_permission(request.user, "change"):
        messages.error(request, "只有法律顾问、局办公室或管理员可以运行清理。")
        return redirect(_detail_url(campaign))
    try:
        run = services.campaign_run(campaign=campaign, user=request.user)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(_detail_url(campaign))
    messages.success(
        request,
        f"清理已运行：审查文件{run.documents_examined}件，清理候选文件{run.candidates}件。",
    )
    return redirect(_detail_url(campaign, "candidates"))


@require_POST
@bureau_only
def decision_record(request, campaign_id: int, document_id: int):
    campaign = get_object_or_404(CleanupCampaign, pk=campaign_id)
    document = get_object_or_404(NormativeDocumentPage, pk=document_id)
    if not CleanupFinding.objects.filter(run__campaign=campaign, document=document).exists():
        messages.error(request, f"《{document.title}》不是本次清理的候选文件。")
        return redirect(_detail_url(campaign))
    choice = request.POST.get("decision", "")
    reason = request.POST.get("reason", "")
    try:
        decision = services.decision_record(
            campaign=campaign, document=document, user=request.user, decision=choice, reason=reason
        )
    except ValidationError as error:
        messages.error(request, f"《{document.title}》的清理意见未保存：{_refusal(error)}")
        draft = {"document_id": document.pk, "decision": choice, "reason": reason}
        return _render_detail(request, campaign, draft)
    messages.success(
        request,
        f"已记录《{document.title}》的清理意见：{decision.decision}。"
        + ("请局领导批准。" if not decision.approved else ""),
    )
    return redirect(_detail_url(campaign, f"document-{document.pk}"))


@require_POST
@bureau_only
def decision_approve(request, decision_id: int):
    decision = get_object_or_404(CleanupDecision.objects.select_related("document"), pk=decision_id)
    campaign = decision.campaign
    title = decision.document.title
    try:
        decision = services.decision_approve(decision=decision, user=request.user)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(_detail_url(campaign, "decisions"))
    except IssueRefused as refusal:
        messages.error(request, "未能重新发布文件：" + "；".join(refusal.reasons))
        return redirect(_detail_url(campaign, "decisions"))
    status = services.NEW_STATUS.get(decision.decision)
    if status:
        messages.success(
            request,
            f"已批准《{title}》的清理意见“{decision.decision}”：文件有效性已改为“{status}”"
            f"（{exports.chinese_date(decision.effective_on)}），并已在门户网站更新。",
        )
    else:
        hint = "请起草科室修改后重新送审。" if decision.decision == DecisionChoice.AMEND else ""
        messages.success(request, f"已批准《{title}》的清理意见“{decision.decision}”。{hint}")
    return redirect(_detail_url(campaign, "decisions"))


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "清理"


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


def _run_for_export(request, campaign):
    _, run, _ = _selected_run(request, campaign)
    if run is None:
        messages.error(request, "该清理活动尚未运行，没有可导出的清理清单。")
    return run


def _export_list(request, campaign_id: int, build, extension: str, content_type: str):
    """The selected run's cleanup list (清理清单) as a download, or back with why not."""
    campaign = get_object_or_404(CleanupCampaign, pk=campaign_id)
    run = _run_for_export(request, campaign)
    if run is None:
        return redirect(_detail_url(campaign))
    stamp = f"{timezone.localtime(run.started_at):%Y%m%d%H%M}"
    return _download(
        build(run), f"清理清单-{_safe_name(campaign.name)}-{stamp}.{extension}", content_type
    )


@bureau_only
def export_xlsx(request, campaign_id: int):
    return _export_list(
        request,
        campaign_id,
        exports.cleanup_list_xlsx,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@bureau_only
def export_csv(request, campaign_id: int):
    return _export_list(
        request, campaign_id, exports.cleanup_list_csv, "csv", "text/csv; charset=utf-8"
    )


@bureau_only
def export_proposal(request, campaign_id: int):
    campaign = get_object_or_404(CleanupCampaign, pk=campaign_id)
    try:
        content = exports.abolition_proposal_docx(campaign)
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return redirect(_detail_url(campaign, "decisions"))
    return _download(
        content,
        f"废止建议-{_safe_name(campaign.name)}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
