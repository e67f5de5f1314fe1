"""Attachments (附件) of documents and contracts: Wagtail documents with a content check."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.models import Orderable

from cms.attachment_states import AttachmentStatePanel
from cms.uploads import attachment_problem


class AttachmentFile(AbstractDocument):
    """A PDF or DOCX file kept in the bureau's collections (附件).

    ``sha256`` is what opinions and registrations bind to: Wagtail's own ``file_hash``
    is SHA-1, too weak for a record meant to prove which file was reviewed.
    """

    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "tags")

    class Meta(AbstractDocument.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def clean(self):
        upload = self.file
        if not upload:
            return  # the form's file field already says it is missing or empty
        if not getattr(upload, "_committed", True):
            problem = attachment_problem(upload, upload.name)
            if problem:
                raise ValidationError({"file": problem})
        super().clean()  # Wagtail's extension check, after ours names the 附件 and the reason

    def save(self, *args, **kwargs):
        """A reviewed or published file keeps its bytes and title (cms.reviewed_files)."""
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("file", "title").first()
            if stored and (stored["file"] != self.file.name or stored["title"] != self.title):
                _refuse(self, "replace_refusal")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse(self, "delete_refusal")
        return super().delete(*args, **kwargs)

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        self.sha256 = sha256_of(self.file)


def sha256_of(field_file) -> str:
    digest = hashlib.sha256()
    field_file.open("rb")
    field_file.seek(0)
    for chunk in iter(lambda: field_file.read(1024 * 1024), b""):
        digest.update(chunk)
    field_file.seek(0)
    return digest.hexdigest()


def _refuse(file, rule: str) -> None:
    from cms import reviewed_files  # reads items and review records: imported late

    refusal = getattr(reviewed_files, rule)(file)
    if refusal:
        raise reviewed_files.FileFrozen(refusal)


@receiver(pre_delete, sender=AttachmentFile)
def refuse_deleting_reviewed_files(sender, instance, **kwargs):
    """Queryset deletes (Wagtail's bulk delete) skip ``delete()``; this refuses them too."""
    _refuse(instance, "delete_refusal")


class AttachedFile(Orderable):
    """One 附件 of an item (a document, a contract): a library file and its label.

    A subclass adds the ``ParentalKey`` to its item, named for the item (``page``,
    ``contract``), with ``related_name="attachments"``.
    """

    label = models.CharField("附件名称", max_length=200, blank=True)
    file = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="文件",
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("file"),
        AttachmentStatePanel(heading="文字提取"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.label or str(self.file)
