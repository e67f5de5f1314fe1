"""Build the ``Subject`` a run reads: a draft's text, attachments and procedure records.

The draft may be a saved revision or the unsaved instance an edit form just built (its
attachments and legal bases are then in memory, as modelcluster keeps them). Attachment
text comes from search's stored extraction (``AttachmentText``, keyed by content hash) and
is extracted — within the EXTRACTION_* limits — only when missing or stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from cms.kinds import item_kind
from cms.richtext import rich_text_to_plain
from prereview.rules.base import CONTRACT, DOCUMENT, AttachmentInfo, Source


@dataclass
class Subject:
    kind: str
    obj: Any
    title: str
    sources: list[Source] = field(default_factory=list)
    attachments: list[AttachmentInfo] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)
    # A decision's own draft (决策方案): its item's procedures are due before its review.
    # The year's list (目录) is a catalogue: its items' progress is not the list's matter.
    decision_draft: bool = False
    fair_competition: list[Any] = field(default_factory=list)
    deliberations: list[Any] = field(default_factory=list)
    registrations: list[Any] = field(default_factory=list)
    workflow_tasks: list[str] = field(default_factory=list)  # task model names, in order
    cut: list[tuple[str, int]] = field(default_factory=list)  # (label, characters kept)

    @property
    def body(self) -> Source:
        return self.sources[0] if self.sources else Source("正文", "")


def max_chars() -> int:
    return settings.PREREVIEW_MAX_CHARS


def _stored_extraction(attachment_file):
    """search's extraction of this file, extracting (and storing) it when missing or stale."""
    from search.indexing import extract_attachment
    from search.models import AttachmentText

    stored = AttachmentText.objects.filter(attachment=attachment_file).first()
    if stored is None or stored.sha256 != attachment_file.sha256:
        stored = extract_attachment(attachment_file)
    return stored


def _attachment_sources(attachments, limit: int) -> tuple[list[Source], list[AttachmentInfo]]:
    sources, infos = [], []
    for attachment in attachments:
        file = attachment.file
        label = f"附件：{attachment.label or getattr(file, 'title', '') or '未命名'}"
        stored = _stored_extraction(file) if file is not None else None
        if stored is None:
            infos.append(AttachmentInfo(label, "missing", "文件无法读取（可能已被删除）", 0, 0))
            continue
        text = stored.text or ""
        truncated = limit if len(text) > limit else 0
        ocr = stored.method_label if stored.ocr_pages else ""
        infos.append(
            AttachmentInfo(label, stored.status, stored.note, stored.pages, truncated, ocr)
        )
        if text:
            sources.append(Source(label, text[:limit]))
    return sources, infos


def _plain(rich: str) -> str:
    return rich_text_to_plain(rich)


def _records(subject: Subject) -> None:
    """Procedure records and the workflow's tasks, for a draft that is already saved."""
    from review.models import Deliberation, FairCompetitionReview, Registration

    obj = subject.obj
    if obj.pk is None:
        return
    subject.fair_competition = list(FairCompetitionReview.for_object(obj))
    subject.deliberations = list(Deliberation.for_object(obj))
    subject.registrations = list(Registration.for_object(obj))


def _workflow_tasks(obj) -> list[str]:
    """The model names of the workflow's tasks in order ("faircompetitiontask", …): one query."""
    try:
        workflow = obj.get_workflow()
    except Exception:  # an unsaved page has no place in the tree yet
        workflow = None
    if workflow is None:
        return []
    tasks = workflow.tasks.order_by("workflow_tasks__sort_order")
    return list(tasks.values_list("content_type__model", flat=True))


def _add_text(subject: Subject, label: str, text: str, limit: int) -> None:
    """The body (or contract text) up to ``limit`` characters; a cut is noted, never silent."""
    if len(text) > limit:
        subject.cut.append((label, limit))
    subject.sources.append(Source(label, text[:limit]))


def subject_of(obj) -> Subject:
    """Everything the rules read about ``obj`` (a document, contract or decision list)."""
    obj = getattr(obj, "specific", obj)
    kind = item_kind(obj)
    if kind is None:
        raise ValueError(f"不支持预审的对象：{obj!r}")
    limit = max_chars()
    subject = Subject(kind=kind, obj=obj, title=getattr(obj, "title", "") or "")
    attachments = list(obj.attachments.all()) if hasattr(obj, "attachments") else []
    if kind == DOCUMENT:
        _add_text(subject, "正文", _plain(obj.body), limit)
        subject.legal_bases = [str(basis.statute) for basis in obj.legal_bases.all()]
    elif kind == CONTRACT:
        _add_text(subject, "合同文本", obj.text or "", limit)
    elif hasattr(obj, "items"):  # the year's list (目录)
        subject.sources.append(Source("说明", obj.intro or ""))
        subject.items = list(obj.items.all())
    else:  # a decision's draft (决策方案)
        _add_text(subject, "决策方案", f"{obj.summary}\n{obj.body}", limit)
        subject.items = [obj.item]
        subject.decision_draft = True
    if kind not in (DOCUMENT, CONTRACT):
        for item in subject.items:
            subject.sources.append(Source(f"事项“{item.name}”决策依据", item.legal_basis or ""))
    extra_sources, subject.attachments = _attachment_sources(attachments, limit)
    subject.sources += extra_sources
    _records(subject)
    subject.workflow_tasks = _workflow_tasks(obj)
    return subject
