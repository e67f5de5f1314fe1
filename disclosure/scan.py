"""The periodic personal-data scan (定期对信息公开中涉及的公民个人信息进行排查).

Goes over what the public can read: live normative documents (every public field and each
attachment's extracted text, as ``cms.privacy_guards.document_texts`` lists them), live
relief months (title, intro, every row), live major-decision lists (intro, each item), and
the published summaries of closed major-decision consultations (public comments themselves
are not shown on the portal, only counted). It looks for unmasked personal numbers with the
one detector (``cms.privacy``), and marks an ID with a name right before it (马小花
640303…) as 姓名和身份证号. Each finding is kept once (by source, place and number) with
when it was last seen; the office decides on it (``decide``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms import privacy
from cms.models import (
    DecisionConsultation,
    MajorDecisionListPage,
    NormativeDocumentPage,
    ReliefDisclosurePage,
)
from cms.privacy_guards import document_texts
from disclosure.models import FindingState, ScanFinding
from search.indexing import attachment_text

NAME_BEFORE = re.compile(r"([\u4e00-\u9fa5]{2,4})[\s:：,，、（(]{0,3}$")
NAME_AND_ID = "姓名和身份证号"
CONTEXT = 12


@dataclass(frozen=True)
class Source:
    kind: str  # "page" | "consultation"
    object_id: int
    title: str
    texts: Iterator[tuple[str, str]]


def _stored_text(file) -> str:
    """The stored extraction of this content, else the search app extracts it now."""
    from search.models import AttachmentText

    row = AttachmentText.objects.filter(attachment=file).first()
    if row is None or row.sha256 != file.sha256:
        return attachment_text(file)
    return row.text


def _list_texts(page: MajorDecisionListPage):
    yield "标题", page.title
    yield "简介", page.intro
    for number, item in enumerate(page.items.all(), start=1):
        yield f"第{number}项（事项名称）", item.name
        yield f"第{number}项（决策依据）", item.legal_basis


def sources() -> Iterator[Source]:
    for page in NormativeDocumentPage.objects.live().prefetch_related("attachments__file"):
        yield Source("page", page.pk, page.title, document_texts(page, file_text=_stored_text))
    for page in ReliefDisclosurePage.objects.live().prefetch_related("rows"):
        yield Source("page", page.pk, page.title, page.privacy_texts())
    for page in MajorDecisionListPage.objects.live():
        yield Source("page", page.pk, page.title, _list_texts(page))
    closed = DecisionConsultation.objects.filter(end__lt=timezone.localdate()).exclude(summary="")
    for record in closed.select_related("item"):
        yield Source(
            "consultation",
            record.pk,
            f"{record.item.name}（征求意见情况）",
            iter([("意见采纳情况", record.summary)]),
        )


def _kind_and_context(text: str, number) -> tuple[str, str]:
    before = text[max(0, number.start - CONTEXT) : number.start]
    after = text[number.end : number.end + CONTEXT]
    kind = number.label
    name = NAME_BEFORE.search(before)
    if number.kind == privacy.ID and name:
        kind = NAME_AND_ID
        before = before[: name.start(1)] + privacy.mask_name(name.group(1)) + before[name.end(1) :]
    context = privacy.mask_personal_numbers(f"{before}{number.masked}{after}")
    return kind, re.sub(r"<[^>]*>", "", context)[:200]


def _key(source: Source, where: str, digits: str) -> str:
    raw = f"{source.kind}|{source.object_id}|{where}|{digits}"
    return hashlib.sha256(raw.encode()).hexdigest()


def run_scan() -> dict:
    """Scan everything public; returns counts (found this run, new findings)."""
    now, found, new = timezone.now(), 0, 0
    for source in sources():
        for where, text in source.texts:
            for number in privacy.find_personal_numbers(text or ""):
                kind, context = _kind_and_context(text, number)
                _, created = ScanFinding.objects.update_or_create(
                    key=_key(source, where, number.digits),
                    defaults={"last_seen": now, "title": source.title[:255], "context": context},
                    create_defaults={
                        "source": source.kind,
                        "object_id": str(source.object_id),
                        "title": source.title[:255],
                        "place": where[:200],
                        "kind": kind,
                        "masked": number.masked,
                        "context": context,
                        "last_seen": now,
                    },
                )
                found += 1
                new += created
    return {"found": found, "new": new}


def admin_url(finding: ScanFinding) -> str:
    if finding.source == "page":
        return reverse("wagtailadmin_pages:edit", args=[int(finding.object_id)])
    return ""


@transaction.atomic
def decide(*, finding: ScanFinding, state: str, note: str, user) -> ScanFinding:
    """The office's decision: 撤下 (unpublish the page through Wagtail's unpublish, logged
    in the page history), 已脱敏 (the content was corrected), or 无需处理 (a reason)."""
    from wagtail.models import Page

    if state not in (FindingState.TAKEN_DOWN, FindingState.MASKED, FindingState.IGNORED):
        raise ValidationError("请选择处理方式。")
    if state == FindingState.IGNORED and not note.strip():
        raise ValidationError("选择“经核实无需处理”时须写明理由。")
    if state == FindingState.TAKEN_DOWN:
        if finding.source != "page":
            raise ValidationError("征求意见情况不能撤下，请修改其说明后选择“已脱敏”。")
        page = Page.objects.filter(pk=int(finding.object_id)).first()
        if page is not None and page.live:
            page.unpublish(user=user, log_action=True)
    finding.state, finding.decision_note = state, note.strip()[:500]
    finding.decided_by, finding.decided_at = user, timezone.now()
    finding.save()
    return finding
