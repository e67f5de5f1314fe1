"""Writes of a cleanup campaign: run it, record decisions, approve and apply them."""

import re
from datetime import date, timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cms import roles
from cms.models import NormativeDocumentPage, ValidityStatus
from cms.richtext import rich_text_to_plain
from search.cleanup.citations import AMENDED, REPEALED, find_citations
from search.cleanup.statutes import library_from_db
from search.indexing import attachment_text
from search.models import (
    CleanupCampaign,
    CleanupDecision,
    CleanupFinding,
    CleanupRun,
    CompetitionPhrase,
    DecisionChoice,
)
from search.models.cleanup import FindingRule

EXCERPT_RADIUS = 30
_CITATION = re.compile(r"《[^《》]{2,60}》")


class CleanupError(ValidationError):
    """A refused cleanup action; the message is Chinese."""


class Source(NamedTuple):
    label: str
    text: str


def _sources(page: NormativeDocumentPage) -> list[Source]:
    sources = [Source("正文", rich_text_to_plain(page.body))]
    for attachment in page.attachments.select_related("file"):
        text = attachment_text(attachment.file)
        if text:
            sources.append(Source(f"附件：{attachment.label or attachment.file.title}", text))
    return sources


def _where(source: Source, start: int) -> str:
    if "\f" not in source.text:
        return source.label
    return f"{source.label} 第{source.text.count(chr(12), 0, start) + 1}页"


def _excerpt(text: str, start: int, end: int) -> str:
    before = text[max(0, start - EXCERPT_RADIUS) : start]
    after = text[end : end + EXCERPT_RADIUS]
    return " ".join(f"{before}【{text[start:end]}】{after}".split())


def campaign_documents(campaign: CleanupCampaign):
    documents = NormativeDocumentPage.objects.live()
    if campaign.statuses:
        documents = documents.filter(validity_status__in=campaign.statuses)
    if campaign.topics:
        documents = documents.filter(topic__in=campaign.topics)
    if campaign.published_from:
        documents = documents.filter(published_on__gte=campaign.published_from)
    if campaign.published_to:
        documents = documents.filter(published_on__lte=campaign.published_to)
    return documents.order_by("published_on", "pk")


_STATUTE_RULES = {
    REPEALED: (FindingRule.REPEALED_STATUTE, "引用的法律法规已废止"),
    AMENDED: (FindingRule.AMENDED_STATUTE, "引用的法律法规已修改，核对所引版本与条文序号"),
}


def _statute_citations(text: str, campaign: CleanupCampaign, statutes):
    """Citations the campaign's statute rules report; ``campaign.statutes``, when set,
    narrows them to those statutes (a campaign started from a library update)."""
    wanted = {
        status
        for status, on in (
            (REPEALED, campaign.rule_repealed_statutes),
            (AMENDED, campaign.rule_amended_statutes),
        )
        if on
    }
    if not wanted:
        return []
    only = set(campaign.statutes or ())
    return [
        citation
        for citation in find_citations(text, statutes, frozenset(wanted))
        if not only or citation.statute in only
    ]


def _findings_for(page, campaign, statutes, phrases, today: date) -> list[CleanupFinding]:
    found: list[CleanupFinding] = []

    def add(rule, subject="", detail="", source=None, start=0, end=0):
        found.append(
            CleanupFinding(
                document=page,
                rule=rule,
                subject=subject[:200],
                detail=detail[:300],
                source=_where(source, start) if source else "",
                excerpt=_excerpt(source.text, start, end) if source else "",
                start=start,
                end=end,
            )
        )

    sources = _sources(page)
    for source in sources:
        for citation in _statute_citations(source.text, campaign, statutes):
            rule, detail = _STATUTE_RULES[citation.status]
            add(rule, citation.statute, detail, source, citation.start, citation.end)
    if campaign.rule_fair_competition:
        for source in sources:
            for phrase in phrases:
                for match in re.finditer(re.escape(phrase.phrase), source.text):
                    add(
                        FindingRule.FAIR_COMPETITION,
                        phrase.phrase,
                        f"{phrase.category}：{phrase.standard}",
                        source,
                        match.start(),
                        match.end(),
                    )
    if campaign.rule_validity and page.valid_until:
        if page.valid_until < today:
            add(FindingRule.EXPIRED, detail=f"有效期已于{page.valid_until:%Y-%m-%d}届满")
        elif page.valid_until <= today + timedelta(days=campaign.validity_days):
            add(
                FindingRule.EXPIRING,
                detail=f"有效期至{page.valid_until:%Y-%m-%d}，{(page.valid_until - today).days}天后届满",
            )
    if (
        campaign.rule_no_legal_basis
        and not page.legal_bases.exists()
        and not _CITATION.search(sources[0].text)
    ):
        add(FindingRule.NO_LEGAL_BASIS, detail="未载明制定依据（上位法）")
    return found


@transaction.atomic
def campaign_run(*, campaign: CleanupCampaign, user, today: date | None = None) -> CleanupRun:
    today = today or timezone.localdate()
    statutes = library_from_db()
    phrases = list(CompetitionPhrase.objects.filter(active=True))
    run = CleanupRun.objects.create(campaign=campaign, started_by=user)
    findings: list[CleanupFinding] = []
    examined = 0
    for page in campaign_documents(campaign):
        examined += 1
        findings += _findings_for(page, campaign, statutes, phrases, today)
    for finding in findings:
        finding.run = run
    CleanupFinding.objects.bulk_create(findings)
    run.documents_examined = examined
    run.candidates = len({finding.document_id for finding in findings})
    run.save(update_fields=["documents_examined", "candidates"])
    return run


class RunComparison(NamedTuple):
    new: list  # documents that are candidates now but were not in the previous run
    resolved: list  # documents no longer candidates
    unchanged: list


def compare_runs(run: CleanupRun, previous: CleanupRun | None) -> RunComparison:
    now = set(run.findings.values_list("document_id", flat=True))
    before = set(previous.findings.values_list("document_id", flat=True)) if previous else set()
    pages = NormativeDocumentPage.objects.in_bulk(now | before)
    pick = lambda ids: [pages[pk] for pk in sorted(ids) if pk in pages]  # noqa: E731
    return RunComparison(pick(now - before), pick(before - now), pick(now & before))


def _holds(user, permission: str) -> bool:
    return user.is_active and user.has_perm(permission)


@transaction.atomic
def decision_record(*, campaign, document, user, decision: str, reason: str) -> CleanupDecision:
    """The adviser's 清理意见 for one document; revisable until leadership approves it."""
    if not _holds(user, roles.DECIDE_CLEANUP):
        raise CleanupError("只有法律顾问可以提出清理意见。")
    if decision not in DecisionChoice.values:
        raise CleanupError("请选择清理意见：继续有效、修改、废止或宣布失效。")
    if not reason.strip():
        raise CleanupError("请填写清理意见的理由。")
    existing = (
        CleanupDecision.objects.select_for_update()
        .filter(campaign=campaign, document=document)
        .first()
    )
    if existing and existing.approved:
        raise CleanupError("该清理意见已经局领导批准，不能再修改。")
    if existing:
        existing.decision, existing.reason, existing.decided_by = decision, reason.strip(), user
        existing.save(update_fields=["decision", "reason", "decided_by"])
        return existing
    return CleanupDecision.objects.create(
        campaign=campaign,
        document=document,
        decision=decision,
        reason=reason.strip(),
        decided_by=user,
    )


NEW_STATUS = {
    DecisionChoice.ABOLISH: ValidityStatus.ABOLISHED,
    DecisionChoice.DECLARE_INVALID: ValidityStatus.EXPIRED,
}


@transaction.atomic
def decision_approve(
    *, decision: CleanupDecision, user, effective_on: date | None = None
) -> CleanupDecision:
    """Leadership approves; 废止 / 宣布失效 change the document's 有效性 and republish it."""
    if not _holds(user, roles.APPROVE_CLEANUP):
        raise CleanupError("只有局领导可以批准清理意见。")
    decision = CleanupDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.approved:
        raise CleanupError("该清理意见已经批准。")
    effective_on = effective_on or timezone.localdate()
    decision.approved_by, decision.approved_at, decision.effective_on = (
        user,
        timezone.now(),
        effective_on,
    )
    decision.save(update_fields=["approved_by", "approved_at", "effective_on"])
    status = NEW_STATUS.get(decision.decision)
    if status:
        # Republish the *published* content with the new status, never a pending draft: an
        # unreviewed draft must not go live with it (and the issue gate would refuse it).
        # The draft stays the latest revision, carrying the new status too.
        page = NormativeDocumentPage.objects.get(pk=decision.document_id)
        draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
        if page.live:
            page.validity_status, page.status_changed_on = status, effective_on
            page.save_revision(user=user, log_action=True).publish(
                user=user, skip_permission_checks=True
            )
        if draft is not None or not page.live:
            draft = draft or page.get_latest_revision_as_object()
            draft.validity_status, draft.status_changed_on = status, effective_on
            draft.save_revision(user=user, log_action=True)
    return decision


@transaction.atomic
def campaign_for_statute_changes(*, statute_import, user) -> CleanupCampaign:
    """A campaign over the documents citing what a library import repealed or amended, run once.

    Offered after an import (admin button, ``import_statutes --campaign``); a second request
    for the same import returns the campaign already made instead of a duplicate.
    """
    if not (user is None or (user.is_active and user.has_perm("fulltext.add_cleanupcampaign"))):
        raise CleanupError("只有有权发起清理活动的用户可以据此发起清理。")
    existing = statute_import.campaigns.first()
    if existing is not None:
        return existing
    names = statute_import.changed_names
    if not names:
        raise CleanupError("本次导入没有新废止或新修改的法律法规，无需发起清理。")
    listed = "、".join(f"《{name}》" for name in names[:20]) + ("等" if len(names) > 20 else "")
    campaign = CleanupCampaign.objects.create(
        name=f"法规库更新后的清理（{timezone.localdate():%Y-%m-%d}）",
        basis=f"法律法规库导入“{statute_import.file_name}”：{listed}已废止或已修改。",
        statuses=[ValidityStatus.IN_FORCE],
        rule_repealed_statutes=True,
        rule_amended_statutes=True,
        rule_fair_competition=False,
        rule_validity=False,
        rule_no_legal_basis=False,
        statutes=names,
        statute_import=statute_import,
        created_by=user,
    )
    campaign_run(campaign=campaign, user=user)
    return campaign
