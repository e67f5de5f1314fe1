"""What an uploaded attachment must be: a PDF, a DOCX or a scanned image (PNG, JPEG, TIFF:
an old 红头文件 photographed or scanned, read by OCR) by content, within the size limit.

The extension alone proves nothing (a renamed .exe or .doc is refused); the check reads
the file's magic bytes with ``filetype`` and, for DOCX, requires the Word main part.
"""

import zipfile

import filetype
from django.conf import settings

IMAGE_KINDS = {"png": "png", "jpg": "jpg", "tif": "tif"}  # filetype's name → ours
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "png": "png", "jpg": "jpg", "jpeg": "jpg"}
EXTENSIONS |= {"tif": "tif", "tiff": "tif"}
KIND_LABELS = {
    "pdf": "PDF",
    "docx": "DOCX",
    "png": "PNG 图片",
    "jpg": "JPEG 图片",
    "tif": "TIFF 图片",
}


def sniff_kind(fileobj) -> str:
    """'pdf', 'docx', 'png', 'jpg', 'tif' or '' from the file's content; the read position
    is restored."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    try:
        fileobj.seek(0)
        head = fileobj.read(8192)
        fileobj.seek(0)
        if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
            return "pdf"
        guess = filetype.guess(head)
        if guess is not None and guess.extension in IMAGE_KINDS:
            return IMAGE_KINDS[guess.extension]
        if guess is not None and guess.extension in {"docx", "zip"}:
            try:
                with zipfile.ZipFile(fileobj) as archive:
                    if "word/document.xml" in archive.namelist():
                        return "docx"
            except zipfile.BadZipFile:
                return ""
        return ""
    finally:
        fileobj.seek(position)


def attachment_problem(fileobj, filename: str) -> str:
    """Why this upload is refused, in Chinese naming the field, or '' when acceptable."""
    size = getattr(fileobj, "size", None)
    limit_mb = settings.ATTACHMENT_MAX_MB
    if size is not None and size > limit_mb * 1024 * 1024:
        return f"附件文件过大（{size / 1024 / 1024:.1f} MB），上限为 {limit_mb} MB。"
    if size == 0:
        return "附件文件为空（0 字节），请重新选择文件。"
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = sniff_kind(fileobj)
    if not kind:
        return (
            "附件文件内容不是 PDF 或 DOCX 格式（仅凭扩展名不能通过），请上传 PDF、"
            "Word（.docx）文件或扫描图片（PNG、JPEG、TIFF）。"
        )
    if EXTENSIONS.get(extension) != kind:
        return f"附件文件扩展名 .{extension or '(无)'} 与实际内容（{KIND_LABELS[kind]}）不符。"
    return ""
