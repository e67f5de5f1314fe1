"""The text extraction state of one attachment, as the clerk sees it (cms.attachment_states).

已提取文字: the stored extraction is of the file's current bytes and found text (a partial
result, e.g. beyond the page limit, says so in its note). 文字提取失败: it found none, or
the queued task failed for good. 文字提取排队中: the task waits for the worker. 尚未提取文字:
none of these (the file predates the queue, or the task is lost); pre-review and the
publish check extract it in the request when they need it.
"""

from background import queue
from cms.attachment_states import (
    EXTRACTED,
    FAILED,
    NOT_EXTRACTED,
    QUEUED,
    ExtractionState,
)
from search import tasks
from search.models import AttachmentText

FAILED_TASK = "后台提取任务多次执行失败，请联系系统管理员查看后台任务日志"
LATER = "预审和发布前检查需要时会当场提取"


def extraction_state(file) -> ExtractionState:
    stored = AttachmentText.objects.filter(attachment=file, sha256=file.sha256).first()
    if stored is not None:
        if stored.text:
            return ExtractionState(EXTRACTED, "已提取文字", _pages(stored) + stored.note)
        return ExtractionState(FAILED, "文字提取失败", stored.note or stored.status)
    queued = queue.call_state(tasks.extract_attachment_text, file.pk)  # one query
    if queued == queue.PENDING:
        return ExtractionState(QUEUED, "文字提取排队中", f"等待后台任务处理，{LATER}")
    if queued == queue.FAILED:
        return ExtractionState(FAILED, "文字提取失败", FAILED_TASK)
    return ExtractionState(NOT_EXTRACTED, "尚未提取文字", LATER)


def _pages(stored: AttachmentText) -> str:
    return f"共 {stored.pages} 页。" if stored.pages else ""
