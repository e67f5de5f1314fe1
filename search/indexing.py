"""What gets indexed for each item, and keeping the index current.

A normative document has up to two entries: its **live** entry, built from the published
page row and its published attachments (``live=True``: what the public may search), and
its **draft** entry, built from the latest revision while that differs from what is live
(never-published drafts, pending revisions; ``live=False``, so only its department and
the bureau-wide roles find it). A public query therefore matches live text only, inside
the index query; a pending draft's words cannot be confirmed by any combination of terms.
Contracts are internal (never live in the index) and indexed from their latest revision;
decision items from their list.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.kinds import ItemKind
from cms.models import (
    AttachmentFile,
    Contract,
    DecisionItem,
    MajorDecisionListPage,
    NormativeDocumentPage,
)
from cms.richtext import rich_text_to_plain
from search.backends import get_backend
from search.backends.base import EntryData
from search.models import AttachmentText


def attachment_text(attachment: AttachmentFile | None) -> str:
    if attachment is None:
        return ""
    extraction = AttachmentText.objects.filter(attachment=attachment).first()
    if extraction is None or extraction.sha256 != attachment.sha256:
        extraction = extract_attachment(attachment)
    return extraction.text if extraction else ""


def extract_attachment(attachment: AttachmentFile) -> AttachmentText | None:
    """Extract and store an attachment's text (per content hash); failures are kept, not raised."""
    from search.extraction import extract

    try:
        with attachment.open_file() as handle:
            data = handle.read()
    except OSError:
        return None
    result = extract(data, attachment.filename)
    extraction, _ = AttachmentText.objects.update_or_create(
        attachment=attachment,
        defaults={
            "sha256": attachment.sha256,
            "status": result.status,
            "note": result.note[:300],
            "pages": result.pages,
            "repaired": result.repaired,
            "method": result.method,
            "ocr_confidence": result.confidence,
            "ocr_pages": result.ocr_pages,
            "text": result.text,
        },
    )
    return extraction


def _key(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return f"{content_type.app_label}.{content_type.model}:{obj.pk}"


def _admin_url(obj) -> str:
    return AdminURLFinder().get_edit_url(obj) or ""


DRAFT_SUFFIX = ":draft"
PENDING_STATUS = "待发布修改稿"
DRAFT_STATUS = "草稿"


def _document_data(page: NormativeDocumentPage, version, *, live: bool, key: str) -> EntryData:
    parts = [rich_text_to_plain(version.body)]
    parts += [attachment_text(a.file) for a in version.attachments.all()]
    day = version.published_on or version.written_on
    draft_status = PENDING_STATUS if page.live else DRAFT_STATUS
    status = version.validity_status if live else draft_status
    return EntryData(
        key=key,
        kind=ItemKind.NORMATIVE_DOCUMENT,
        object_id=str(page.pk),
        title=version.title,
        text="\n".join(part for part in parts if part),
        doc_number=version.doc_number,
        issuer=version.issuer,
        department_id=version.department_id,
        status=status,
        year=day.year if day else None,
        published_on=version.published_on,
        # A live document that is not 主动公开 keeps its entry for staff only.
        live=live and page.is_proactive,
        url=page.url if live and page.is_proactive else _admin_url(page),
    )


def document_keys(page) -> list[str]:
    """Both possible keys of a document: its live entry and its draft entry."""
    key = _key(page)
    return [key, key + DRAFT_SUFFIX]


def document_entries(page: NormativeDocumentPage) -> list[EntryData]:
    """The live entry (from the page row, which Wagtail keeps at the published version, and
    its saved attachment rows) and the draft entry (latest revision) where they differ.

    The page is read again from the database first: an instance being edited carries
    the draft's values in memory, which must never become the live entry."""
    return _saved_document_entries(_fresh(page))


def _saved_document_entries(page: NormativeDocumentPage) -> list[EntryData]:
    live_key, draft_key = document_keys(page)
    entries = []
    if page.live:
        entries.append(_document_data(page, page, live=True, key=live_key))
    if not page.live or page.has_unpublished_changes:
        draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
        entries.append(_document_data(page, draft, live=False, key=draft_key))
    return entries


def contract_entry(contract: Contract) -> EntryData:
    draft = (
        contract.get_latest_revision_as_object() if contract.has_unpublished_changes else contract
    )
    parts = [draft.counterparty, draft.text]
    parts += [attachment_text(a.file) for a in draft.attachments.all()]
    return EntryData(
        key=_key(contract),
        kind=ItemKind.CONTRACT,
        object_id=str(contract.pk),
        title=draft.title,
        text="\n".join(part for part in parts if part),
        issuer=draft.counterparty,
        department_id=draft.department_id,
        status="已签订" if contract.live else "草稿",
        year=(draft.signed_on or draft.term_start).year
        if (draft.signed_on or draft.term_start)
        else None,
        published_on=draft.signed_on,
        live=False,  # contracts are internal: never public, whatever their state
        url=_admin_url(contract),
    )


def decision_item_entries(decision_list: MajorDecisionListPage) -> list[EntryData]:
    return [
        EntryData(
            key=_key(item),
            kind=ItemKind.MAJOR_DECISION,
            object_id=str(item.pk),
            title=item.name,
            text="\n".join(
                [item.legal_basis, *(p["note"] for p in item.procedure_status() if p["note"])]
            ),
            issuer=decision_list.title,
            department_id=item.lead_unit_id,
            status=item.status,
            year=decision_list.year,
            live=decision_list.live,
            url=decision_list.url if decision_list.live else _admin_url(decision_list),
        )
        for item in decision_list.items.all()
    ]


def entries_for(obj) -> list[EntryData]:
    obj = getattr(obj, "specific", obj)
    if isinstance(obj, NormativeDocumentPage):
        return document_entries(obj)
    if isinstance(obj, Contract):
        return [contract_entry(obj)]
    if isinstance(obj, MajorDecisionListPage):
        return decision_item_entries(obj)
    return []


def _fresh(obj):
    """``obj`` as saved: a live entry must never come from an in-memory, unsaved edit."""
    if obj.pk is None:
        return obj
    return type(obj).objects.filter(pk=obj.pk).first() or obj


def index_object(obj) -> None:
    obj = getattr(obj, "specific", obj)
    backend = get_backend()
    if isinstance(obj, NormativeDocumentPage):
        entries = document_entries(obj)
        current = {entry.key for entry in entries}
        backend.delete([key for key in document_keys(obj) if key not in current])
        backend.index(entries)
        return
    if isinstance(obj, MajorDecisionListPage):
        current = {entry.key for entry in decision_item_entries(obj)}
        stale = [
            _key(DecisionItem(pk=pk))
            for pk in DecisionItem.history.filter(decision_list_id=obj.pk)
            .values_list("id", flat=True)
            .distinct()
        ]
        backend.delete([key for key in stale if key not in current])
    entries = entries_for(obj)
    if entries:
        backend.index(entries)


def remove_object(obj) -> None:
    """Drop ``obj``'s entries. Runs on post_delete: only keys are derived, because the
    object's revisions (a draft's content) and a decision list's items are already gone."""
    obj = getattr(obj, "specific", obj)
    keys = document_keys(obj) if isinstance(obj, NormativeDocumentPage) else [_key(obj)]
    if isinstance(obj, MajorDecisionListPage):
        keys += [
            _key(DecisionItem(pk=pk))
            for pk in DecisionItem.history.filter(decision_list_id=obj.pk)
            .values_list("id", flat=True)
            .distinct()
        ]
    get_backend().delete(keys)


def all_entries():
    for page in NormativeDocumentPage.objects.all().iterator():
        yield from _saved_document_entries(page)  # fresh from the database already
    for contract in Contract.objects.all().iterator():
        yield contract_entry(contract)
    for decision_list in MajorDecisionListPage.objects.all():
        yield from decision_item_entries(decision_list)
