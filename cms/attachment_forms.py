"""The upload form of 附件 (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

Its own module: Wagtail's document forms import the document model, so cms.forms (imported
by the models) cannot hold it.
"""

from wagtail.documents.forms import BaseDocumentForm

from cms import reviewed_files

FROZEN_FIELDS = ("file", "title")


class AttachmentForm(BaseDocumentForm):
    """An empty upload is refused with a message naming the 附件, like every other refusal
    (AttachmentFile.clean); Django's own says only 提交的是空文件. A reviewed or published
    file keeps its bytes and title (cms.reviewed_files): a new one is refused on its field,
    and the form is shown again with the other edits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages["empty"] = "附件文件为空（0 字节），请重新选择文件。"

    def clean(self):
        cleaned = super().clean()
        changed = [name for name in FROZEN_FIELDS if name in self.changed_data]
        if self.instance.pk and changed:
            refusal = reviewed_files.replace_refusal(self.instance)
            for name in changed if refusal else ():
                self.add_error(name, refusal)
        return cleaned
