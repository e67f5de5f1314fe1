"""The opinion's two PDFs, rendered outside the request that signs it (review.tasks).

The opinion record (text, conclusion, SHA-256 of the revision) is written when it is
signed; its letter and its archive (审核归档: the letter followed by the reviewed
revision's PDF attachments) are rendered afterwards, by the worker or — when no worker
is running — by the download request itself. Each PDF is written to storage first and
then named on the opinion by one conditional UPDATE (``… WHERE letter = ''``): a crash
in between leaves an unnamed file and an empty field, so a retry renders again, and of
two renderers racing only the first is filed (the other's file is removed).
"""

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.kinds import specific
from review import letters
from review.checklists import CHECKLIST_TEXTS
from review.models import LegalOpinion, Outcome

logger = logging.getLogger(__name__)
SWAPPED = "文件内容与审核时不一致，未合并"


def opinion_letter_file(*, opinion_id: int) -> LegalOpinion:
    """Render and file the opinion's letter unless it is filed already; returns the opinion."""
    opinion = LegalOpinion.objects.select_related("revision", "confirms").get(pk=opinion_id)
    if opinion.letter:
        return opinion
    pdf = letters.render_opinion_letter(letter_of(opinion, specific(opinion.content_object)))
    name = f"{opinion.year}-{opinion.sequence:04d}.pdf"
    return _file_once(opinion, "letter", name, pdf)


def opinion_archive_file(*, opinion_id: int) -> LegalOpinion:
    """Render and file the archive PDF (the letter first, if missing); returns the opinion."""
    opinion = opinion_letter_file(opinion_id=opinion_id)
    if opinion.archive:
        return opinion
    with opinion.letter.open("rb") as handle:
        letter_pdf = handle.read()
    attachments, swapped = reviewed_attachments(opinion)
    pdf, skipped = letters.archive_pdf(letter_pdf, attachments)
    name = f"{opinion.year}-{opinion.sequence:04d}-archive.pdf"
    return _file_once(opinion, "archive", name, pdf, archive_skipped=swapped + skipped)


def _file_once(opinion: LegalOpinion, field: str, name: str, pdf: bytes, **extra) -> LegalOpinion:
    file = getattr(opinion, field)
    stored_name = file.storage.save(file.field.generate_filename(opinion, name), ContentFile(pdf))
    filed = LegalOpinion.objects.file_pdf(pk=opinion.pk, field=field, name=stored_name, **extra)
    if not filed:  # another renderer filed it first: keep theirs
        file.storage.delete(stored_name)
    opinion.refresh_from_db(fields=["letter", "archive", "archive_skipped"])
    return opinion


def reviewed_attachments(opinion: LegalOpinion) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(name, bytes) of the attachments of exactly the revision the opinion judged, and the
    names left out because their stored bytes no longer match the SHA-256 recorded for them
    (a file altered outside the application never enters an archive)."""
    reviewed = opinion.revision.as_object()
    rows = getattr(reviewed, "attachments", None)
    if rows is None:
        return [], []
    found, swapped = [], []
    for attachment in rows.all():
        file = attachment.file
        name = attachment.label or file.title or file.filename
        try:
            with file.open_file() as handle:
                data = handle.read()
        except OSError:
            swapped.append(f"{name}：文件无法读取，未合并")
            continue
        if hashlib.sha256(data).hexdigest() != file.sha256:
            logger.warning("意见书 %s 的附件 %s 内容与记录的 SHA-256 不符", opinion.number, name)
            swapped.append(f"{name}：{SWAPPED}")
            continue
        found.append((name, data))
    return found, swapped


def letter_of(opinion: LegalOpinion, obj) -> letters.OpinionLetter:
    """What the letter prints, from the opinion record (never from the item's live data)."""
    department = getattr(obj, "department", None) or getattr(obj, "lead_unit", None)
    created = timezone.localtime(opinion.revision.created_at)
    return letters.OpinionLetter(
        bureau=settings.BUREAU_NAME,
        number=opinion.number,
        item_kind=opinion.get_kind_display(),
        item_title=opinion.item_title,
        revision_label=f"修订号 {opinion.revision_id}（{created:%Y-%m-%d %H:%M}）",
        content_hash=opinion.content_hash,
        outcome=Outcome.APPROVE if opinion.outcome == Outcome.CONFIRMED else opinion.outcome,
        checklist=[
            letters.ChecklistLine(
                CHECKLIST_TEXTS.get(line["code"], line["code"]),
                line["result"],
                line.get("remark", ""),
            )
            for line in opinion.checklist
        ],
        conclusion=opinion.conclusion,
        required_changes=list(opinion.required_changes),
        adviser=opinion.adviser_name,
        signed_on=timezone.localdate(opinion.signed_at),
        submitted_by=str(department or "—"),
        previous_number=opinion.confirms.number if opinion.confirms_id else "",
    )


def archive_input_bytes(opinion: LegalOpinion) -> int:
    """The total size of the reviewed revision's attachments (what an archive merges)."""
    rows = getattr(opinion.revision.as_object(), "attachments", None)
    if rows is None:
        return 0
    return sum(_size(row.file) for row in rows.all())


def _size(file) -> int:
    if file.file_size is not None:
        return file.file_size
    try:
        return file.file.size
    except OSError:
        return 0
