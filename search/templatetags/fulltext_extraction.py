"""The attachment's text extraction, for the documents admin's edit page (status, method, note)."""

from django import template

from search.models import AttachmentText

register = template.Library()

STATUS_LABELS = {
    "ok": "已提取",
    "empty": "未提取到文字",
    "needs_password": "需要密码",
    "malformed": "文件损坏",
    "too_large": "文件过大",
    "too_many_pages": "页数超过上限，已提取部分",
    "timeout": "提取超时，已提取部分",
    "unsupported": "不支持的类型",
}


@register.simple_tag
def attachment_extraction(document) -> dict | None:
    """What extraction found for this file's current content; None while it is queued."""
    if document is None or not getattr(document, "sha256", ""):
        return None
    stored = AttachmentText.objects.filter(attachment=document, sha256=document.sha256).first()
    if stored is None:
        return None
    return {
        "status": STATUS_LABELS.get(stored.status, stored.status),
        "method": stored.method_label or "无",
        "pages": stored.pages,
        "note": stored.note,
    }
