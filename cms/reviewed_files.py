"""Reviewed and published 附件 are immutable: what the public downloads is what was reviewed.

A file is *frozen* when

- anyone may download it (``attachment_access.is_public``: a live public document holds
  or links it, or a draft open for comment shows it), or a live item (document, decision
  list, signed contract) holds it in its rows or links it from its text; or
- a revision that a review record vouches for holds it: a legal opinion (any outcome), a
  fair-competition review, a collective deliberation, a registration, a filing or a
  legacy-issue record. The review app registers where those records are
  (``register_vouched_revisions``), so cms never imports review.

A frozen file keeps its bytes and its title (the portal shows the title when a row has no
label): the document library refuses to replace its file or rename it, and refuses to
delete it, in Chinese. Replacing it means uploading a new file and choosing it in a new
draft; the live page keeps the reviewed file until that draft passes review. Paths that
write a file in Wagtail (``wagtail/documents/views/``):

- ``documents.EditView`` (file and title fields): ``AttachmentForm`` refuses on the field;
- ``multiple.EditView`` (title; its form has no file field): the same form;
- ``multiple.CreateFromUploadedDocumentView``, ``documents.CreateView``, the chooser's
  upload tab: create new files only;
- ``documents.DeleteView``, ``multiple.DeleteView``, ``bulk_actions.DeleteBulkAction``:
  ``AttachmentFile.delete`` and a ``pre_delete`` receiver refuse, and the admin shows the
  reason (cms.document_admin); bulk tags and collections touch neither file nor title;
- anything else (shell, scripts): ``AttachmentFile.save`` refuses a new file or title.

Wagtail's API v3 document endpoints (create, update, delete) are not mounted here.
A file held only by rows of drafts is not frozen but is not deleted either
(``delete_refusal``): its rows protect it.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, TextField
from django.db.models.functions import Cast

VouchedRevisions = Callable[[], Iterable]  # returns querysets of Revision ids
_sources: list[VouchedRevisions] = []

PUBLIC = "该附件已在门户公开（已发布的文件或正在征求意见的草案使用它）"
LIVE = "该附件属于已发布或已签订的事项"
REVIEWED = "该附件属于已经审核的版本（审核意见书、集体审议、统一登记等记录所依据的版本包含它）"
HELD = "该附件正被文件、合同或决策事项使用"
KEEP = "，审核过的内容必须与公开的内容一致，不能在原处替换或修改标题。如需更换，请上传新文件，在草稿中改用新文件并重新送审。"


class FileFrozen(PermissionDenied):
    """Replacing, renaming or deleting a reviewed or published file was refused."""


def register_vouched_revisions(source: VouchedRevisions) -> None:
    if source not in _sources:
        _sources.append(source)


def freeze_reason(file) -> str:
    """Why ``file``'s bytes and title may not change, in Chinese; '' when they may."""
    if file.pk is None:
        return ""
    from cms import attachment_access

    if attachment_access.is_public(file):
        return PUBLIC
    if _held_live(file):
        return LIVE
    if _in_vouched_revision(file.pk):
        return REVIEWED
    return ""


def replace_refusal(file) -> str:
    """The whole Chinese refusal for a new file or title, or ''."""
    reason = freeze_reason(file)
    return f"{reason}{KEEP}" if reason else ""


def delete_refusal(file) -> str:
    """Why ``file`` may not be deleted from the library, in Chinese; '' when it may."""
    reason = freeze_reason(file)
    if reason:
        return f"{reason}，不能删除：审核和公开的记录须能证明所依据的文件。"
    from cms.attachment_access import holds_in_rows

    if holds_in_rows(file):
        return f"{HELD}，不能删除；请先在相应事项中移除该附件。"
    return ""


def _held_live(file) -> bool:
    from cms.attachment_access import holds_in_rows, linked_files
    from cms.models import NormativeDocumentPage

    if holds_in_rows(file, live_only=True):
        return True
    mention = NormativeDocumentPage.objects.live().filter(body__contains=f'id="{file.pk}"')
    return any(file.pk in linked_files(body) for body in mention.values_list("body", flat=True))


def _in_vouched_revision(file_id: int) -> bool:
    from wagtail.models import Revision

    vouched = Q(pk__in=[])
    for source in _sources:
        for revision_ids in source():
            vouched |= Q(pk__in=revision_ids)
    # The JSON as both databases print it: ``"file": 12,`` or, in rich text, ``id=\"12\"``;
    # the parsed content below is the rule.
    mention = rf'(file|_evidence)": {int(file_id)}[,}}]|id=\\"{int(file_id)}\\"'
    candidates = (
        Revision.objects.filter(vouched)
        .annotate(json=Cast("content", TextField()))
        .filter(json__regex=mention)
    )
    return any(file_id in files_in_content(r.content) for r in candidates.only("content"))


def files_in_content(content: dict) -> set[int]:
    """Ids of the files a revision's content holds: rows, evidence and text links."""
    from cms.attachment_access import linked_files

    found: set[int] = set()
    for value in content.values():
        if isinstance(value, str):
            found |= linked_files(value)
        elif isinstance(value, list):
            for child in value:
                if isinstance(child, dict):
                    found |= {
                        int(child_value)
                        for child_key, child_value in child.items()
                        if (child_key == "file" or child_key.endswith("_evidence"))
                        and isinstance(child_value, int)
                    }
    return found
