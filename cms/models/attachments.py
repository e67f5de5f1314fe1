"""Attachments (附件) of documents and contracts: Wagtail documents with a content check."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.documents.models import AbstractDocument

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
