"""存量导入: a manifest and its files into published 存量 documents, all or nothing.

The only way content goes live here is ``review.services.legacy_issue`` (the gate's
存量导入 path: a ``LegacyIssue`` record for exactly the revision it publishes). The
import runs the dry run's plan again and refuses the whole manifest while any row is
refused; it runs in one transaction, and the files it stored are deleted again if that
transaction does not commit. Extraction and indexing are queued on commit by the search
app's signals (``search.tasks``), like any upload.
"""

from __future__ import annotations

import hashlib
import html
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cms import roles
from cms.gates import IssueRefused
from cms.models import (
    AttachmentFile,
    DepartmentFolderPage,
    DocumentAttachment,
    NormativeDocumentPage,
)
from cms.sheets import ImportRefused
from intake.manifest import parse_manifest
from intake.models import BatchStatus, ImportBatch, ImportedDocument
from intake.plan import MODEL_FIELDS, NEW, SKIP, LoadedFile, Plan, RowPlan, plan_rows, text_of
from intake.selectors import references_to
from review.services import legacy_issue

REFUSED = "只有具有“导入存量文件”权限的管理员可以进行存量导入。"


class Outcome(NamedTuple):
    plan: Plan
    batch: ImportBatch | None  # None for a dry run, a refused manifest, or nothing new


def may_import(user) -> bool:
    return bool(user and user.is_active and user.has_perm(roles.IMPORT_LEGACY))


def _check(user) -> None:
    if not may_import(user):
        raise PermissionDenied(REFUSED)


def documents_plan(*, user, manifest: bytes, manifest_name: str, files) -> Plan:
    """The dry run: reads and checks everything, writes nothing (ImportRefused for the file)."""
    _check(user)
    return plan_rows(parse_manifest(manifest, manifest_name), files)


def documents_import(*, user, manifest: bytes, manifest_name: str, files) -> Outcome:
    """Plan, then import every new row in one transaction; nothing when any row is refused."""
    plan = documents_plan(user=user, manifest=manifest, manifest_name=manifest_name, files=files)
    if plan.errors or not plan.count(NEW):
        return Outcome(plan, None)
    stored: list[str] = []
    try:
        batch = _write(user, plan, manifest, manifest_name, getattr(files, "label", ""), stored)
    except BaseException:
        _delete_stored(stored)
        raise
    return Outcome(plan, batch)


def _delete_stored(names: list[str]) -> None:
    storage = AttachmentFile._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


@transaction.atomic
def _write(user, plan: Plan, manifest: bytes, manifest_name: str, files_name: str, stored):
    batch = ImportBatch.objects.create(
        manifest_name=manifest_name[:200],
        manifest_sha256=hashlib.sha256(manifest).hexdigest(),
        files_name=files_name[:200],
        rows_total=len(plan.rows),
        rows_skipped=plan.count(SKIP),
        created_by=user,
    )
    for row in plan.rows:
        if row.status != NEW:
            continue
        try:
            _import_row(user, batch, row, stored)
        except IssueRefused as refusal:  # e.g. a personal number in a file's text
            reasons = "；".join(refusal.reasons)
            raise ImportRefused(
                [f"第{row.line}行《{row.title}》不能公开：{reasons}。未导入任何文件。"]
            ) from refusal
    return batch


def _attachment(row_file: LoadedFile, department, stored: list[str]) -> AttachmentFile:
    known = AttachmentFile.objects.filter(
        sha256=row_file.sha256, collection=department.collection
    ).first()
    if known is not None:
        return known  # the same bytes imported before (an undone batch): not stored twice
    attachment = AttachmentFile(
        title=row_file.name.rsplit("/", 1)[-1][:255],
        collection=department.collection,
        file=ContentFile(row_file.data, name=row_file.name.rsplit("/", 1)[-1]),
    )
    attachment._set_document_file_metadata()  # size and SHA-256, as the upload views do
    attachment.save()
    stored.append(attachment.file.name)
    return attachment


def _body(row: RowPlan) -> str:
    paragraphs = []
    for row_file in row.files:
        if row_file.is_text:
            text = text_of(row_file.data)
            paragraphs += [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in paragraphs)


def _page(row: RowPlan) -> NormativeDocumentPage:
    department = row.values["department"]
    fields = {key: row.values.get(key) for key in MODEL_FIELDS}
    fields = {key: value for key, value in fields.items() if value is not None}
    if row.reuse_page_id:
        page = NormativeDocumentPage.objects.get(pk=row.reuse_page_id)
        for key, value in fields.items():
            setattr(page, key, value)
        page.body = _body(row)
        page.attachments.clear()
        return page
    page = NormativeDocumentPage(affects_public=False, body=_body(row), **fields)
    page.live = False
    DepartmentFolderPage.objects.get(department=department).add_child(instance=page)
    return page


def _import_row(user, batch: ImportBatch, row: RowPlan, stored: list[str]) -> None:
    department = row.values["department"]
    page = _page(row)
    for order, row_file in enumerate(f for f in row.files if not f.is_text):
        page.attachments.add(
            DocumentAttachment(
                sort_order=order,
                label=row_file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:200],
                file=_attachment(row_file, department, stored),
            )
        )
    # The revision holds the fields and attachments; legacy_issue's publish writes them.
    page.save_revision(user=user, log_action=True)
    reference = row.values["paper_reference"]
    record = legacy_issue(
        obj=page,
        user=user,
        paper_reference=reference,
        reason=f"存量导入第{batch.pk}批（{batch.manifest_name}）第{row.line}行",
    )
    ImportedDocument.objects.create(
        batch=batch,
        page=page,
        revision=record.revision,
        line=row.line,
        doc_number=row.doc_number,
        content_sha256=row.content_sha256,
        paper_reference=reference[:200],
    )


# --- undo --------------------------------------------------------------------------------


def undo_problems(batch: ImportBatch) -> list[str]:
    """Why the batch cannot be undone (Chinese, one per document), [] when it can."""
    if batch.status == BatchStatus.UNDONE:
        return ["该批次已撤销。"]
    problems = []
    for item in batch.documents.select_related("page"):
        page = item.page
        if page.latest_revision_id != item.revision_id or page.live_revision_id not in (
            item.revision_id,
            None,
        ):
            problems.append(f"《{page.title}》导入后已被修改")
        problems += [f"《{page.title}》{reason}" for reason in references_to(page)]
    return problems


@transaction.atomic
def batch_undo(*, batch: ImportBatch, user) -> ImportBatch:
    """撤销本批: withdraw every document of the batch from publication.

    The documents, their files and their ``LegacyIssue`` records stay (records are
    append-only; the audit trail shows the import and the withdrawal); the batch no longer
    counts for re-imports, so importing the same manifest again publishes them again.
    """
    _check(user)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    problems = undo_problems(batch)
    if problems:
        raise ImportRefused(["不能撤销本批：" + "；".join(problems[:20])])
    for item in batch.documents.select_related("page"):
        page = item.page
        if page.live:
            page.unpublish(user=user, log_action=True)
    batch.status = BatchStatus.UNDONE
    batch.undone_by = user
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_by", "undone_at"])
    return batch
