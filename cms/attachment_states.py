"""Where each 附件's text extraction stands, for the clerk who looks at the attachment.

Extraction is the search app's (it registers ``register_state_reader`` at start-up), so
cms, which shows attachments in the edit forms, never imports it. ``AttachmentStatePanel``
shows the state on every attachment row of a document's or contract's edit form; the
pre-review report reads the same ``extraction_state``.
"""

from collections.abc import Callable
from typing import NamedTuple

from wagtail.admin.panels import Panel


class ExtractionState(NamedTuple):
    code: str  # "queued" | "extracted" | "failed" | "not_extracted"
    label: str  # 文字提取排队中 / 已提取文字 / 文字提取失败 / 尚未提取文字
    note: str  # Chinese detail for the clerk, "" when there is nothing to add


QUEUED = "queued"
EXTRACTED = "extracted"
FAILED = "failed"
NOT_EXTRACTED = "not_extracted"

StateReader = Callable[[object], ExtractionState]
_readers: list[StateReader] = []


def register_state_reader(reader: StateReader) -> None:
    if reader not in _readers:
        _readers.append(reader)


def extraction_state(file) -> ExtractionState | None:
    """The state of ``file`` (an ``AttachmentFile``), or None when nothing can say."""
    if file is None or file.pk is None or not _readers:
        return None
    return _readers[0](file)


class AttachmentStatePanel(Panel):
    """A read-only line under an attachment row: its text extraction state."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/panels/attachment_state.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            file_id = getattr(self.instance, "file_id", None)
            context["state"] = extraction_state(self.instance.file) if file_id else None
            return context
