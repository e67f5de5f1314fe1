"""What gets indexed for each item, and keeping the index current.

Normative documents (with their attachments' text), contracts and decision items are
indexed from their latest revision, so a drafter finds their own drafts; the live flag
and the department decide who may find what.
"""

import html
import re

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.admin_url_finder import AdminURLFinder

from cms.models import (
    AttachmentFile,
    Contract,
    DecisionItem,
    MajorDecisionListPage,
    NormativeDocumentPage,
)
from search.backends import get_backend
from search.backends.base import EntryData
from search.models import AttachmentText, EntryKind

_TAGS = re.compile(r"<[^>]+>")


def plain_text(rich: str) -> str:
    """Rich text as plain text with paragraph breaks kept (for snippets)."""
    text = re.sub(r"</(p|h\d|li|div)>", "\n", rich or "")
    return html.unescape(_TAGS.sub("", text)).strip()


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
            "text": result.text,
        },
    )
    return extraction


def _key(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return f"{content_type.app_label}.{content_type.model}:{obj.pk}"


def _admin_url(obj) -> str:
    return AdminURLFinder().get_edit_url(obj) or ""


def document_entry(page: NormativeDocumentPage) -> EntryData:
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    parts = [plain_text(draft.body)]
    parts += [attachment_text(a.file) for a in draft.attachments.all()]
    day = draft.published_on or draft.written_on
    return EntryData(
        key=_key(page),
        kind=EntryKind.NORMATIVE_DOCUMENT,
        object_id=str(page.pk),
        title=draft.title,
        text="\n".join(part for part in parts if part),
        doc_number=draft.doc_number,
        issuer=draft.issuer,
        department_id=draft.department_id,
        status=draft.validity_status if page.live else "草稿",
        year=day.year if day else None,
        published_on=draft.published_on,
        live=page.live,
        url=page.url if page.live else _admin_url(page),
    )


def contract_entry(contract: Contract) -> EntryData:
    draft = (
        contract.get_latest_revision_as_object() if contract.has_unpublished_changes else contract
    )
    parts = [draft.counterparty, draft.text]
    parts += [attachment_text(a.file) for a in draft.attachments.all()]
    return EntryData(
        key=_key(contract),
        kind=EntryKind.CONTRACT,
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
            kind=EntryKind.DECISION_ITEM,
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
        return [document_entry(obj)]
    if isinstance(obj, Contract):
        return [contract_entry(obj)]
    if isinstance(obj, MajorDecisionListPage):
        return decision_item_entries(obj)
    return []


def index_object(obj) -> None:
    obj = getattr(obj, "specific", obj)
    backend = get_backend()
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
    keys = [_key(obj)]
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
        yield document_entry(page)
    for contract in Contract.objects.all().iterator():
        yield contract_entry(contract)
    for decision_list in MajorDecisionListPage.objects.all():
        yield from decision_item_entries(decision_list)
