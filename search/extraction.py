"""Text of uploaded attachments (PDF via pypdf, DOCX via python-docx, plain text; scanned pages
and PNG/JPEG/TIFF images by OCR, ``search.scans``) for search.

Real files are encrypted, truncated, GBK-garbled, overprinted or bombs: ``extract`` never raises
and says in Chinese what it could not do. Parsing runs in a child process, the only thing that can
be stopped when one page keeps pypdf busy for minutes. PDF pages are joined by "\\f" (→ page).
Each page's text comes from its text layer or, for a page without one or whose text layer decodes
to garbage, from OCR; ``Extraction.method`` says which ("text", "ocr", "mixed")."""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import multiprocessing
import re
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import docx
import pypdf
from django.conf import settings
from docx.table import Table

from search import ocr, scans
from search.textclean import clean_text, looks_garbled

NOTE_PASSWORD = "文件已加密，需要密码，已保存原文件但无法提取文字"
NOTE_GARBLED = "部分文字疑似乱码（PDF 字体缺少正确的文字映射），这部分无法提取文字，请以原文件为准"
NOTE_EMPTY = "未提取到文字（可能是扫描件或图片），已保存原文件但无法提取文字"
NOTE_BROKEN = "文件已损坏，无法提取文字：{}。已保存原文件，请核对或重新上传"
NOTE_TIMEOUT = "提取超时（超过 {:g} 秒），已保存原文件，已提取 {} 页的文字"
NOTE_AES = "文件使用 AES 加密，服务器缺少解密组件 cryptography，已保存原文件但无法提取文字"
_KINDS = {".pdf": "pdf", ".docx": "docx"} | dict.fromkeys((".txt", ".text", ".csv", ".md"), "txt")
_KINDS |= dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "image")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
METHODS = {"text": "文字层", "ocr": "OCR", "mixed": "文字层与 OCR", "": "无"}
_START_SECONDS = 10.0  # allowed for the child to start (a cold forkserver imports pypdf)
_CHILD_MEMORY = 2 << 30  # address-space cap of the child: a decompression bomb fails there


class Extraction(NamedTuple):
    """What ``extract`` found; a plain tuple so it pickles and compares cheaply."""

    text: str
    status: str  # "ok" | "empty" | "needs_password" | "malformed" | "too_large" | "too_many_pages" | "timeout" | "unsupported"
    note: str  # Chinese, for the clerk; "" when there is nothing to say
    pages: int  # pages the PDF declares (0 for DOCX/TXT and unreadable files)
    repaired: bool  # GBK mojibake was detected and repaired
    method: str = ""  # "text" (text layer) | "ocr" | "mixed" | "" (no text); METHODS
    confidence: float | None = None  # OCR's mean word confidence (0–100) over its pages
    ocr_pages: int = 0  # pages whose text came from OCR


class _Job(NamedTuple):
    """Everything the child needs, picklable to cross the process boundary."""

    kind: str  # "pdf" | "docx" | "txt" | "image"
    data: bytes
    max_pages: int
    max_seconds: float
    password: str | None
    ocr: scans.OcrLimits


def extract(
    data: bytes,
    filename: str,
    *,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    max_seconds: float | None = None,
    password: str | None = None,
) -> Extraction:
    """Extract and clean the text of one file; limits default to the EXTRACTION_* settings."""
    get = functools.partial(getattr, settings if settings.configured else None)  # or defaults
    max_bytes = int(get("EXTRACTION_MAX_MB", 50) * 2**20) if max_bytes is None else max_bytes
    max_pages = int(get("EXTRACTION_MAX_PAGES", 500)) if max_pages is None else max_pages
    max_seconds = float(get("EXTRACTION_MAX_SECONDS", 20)) if max_seconds is None else max_seconds
    if len(data) > max_bytes:
        size = f"{len(data) / 2**20:.1f} MB 超过上限 {max_bytes / 2**20:.0f} MB"
        return Extraction("", "too_large", f"文件大小 {size}，已保存原文件但未提取文字", 0, False)
    ext = Path(filename).suffix.lower()
    kind = "pdf" if b"%PDF-" in data[:1024] else _KINDS.get(ext)
    kind = "image" if data.startswith(_IMAGE_MAGIC) else kind
    if kind is None:  # .doc, .wps, .ofd…
        note = f"暂不支持提取 {ext or '该类型'} 文件的文字，已保存原文件"
        return Extraction("", "unsupported", note, 0, False)
    if not data and kind != "txt":
        return Extraction("", "malformed", NOTE_BROKEN.format("文件为空（0 字节）"), 0, False)
    if kind == "docx" and data[:4] == b"\xd0\xcf\x11\xe0":  # OLE container: encrypted Office file
        return Extraction("", "needs_password", NOTE_PASSWORD, 0, False)
    job = _Job(kind, data, max_pages, max_seconds, password, _ocr_limits(get))
    chunks, (_, status, note, pages) = _isolated(job)
    return _result(kind, chunks, status, note, pages)


def _ocr_limits(get: Callable[..., Any]) -> scans.OcrLimits:
    """OCR as configured (OCR_* settings), with the reason it cannot run here, if any."""
    languages = str(get("OCR_LANGUAGES", "chi_sim+eng"))
    why_not = ocr.unavailable(languages) if get("OCR_ENABLED", True) else ocr.NOTE_DISABLED
    return scans.OcrLimits(
        languages="" if why_not else languages,
        unavailable=why_not,
        max_pages=int(get("OCR_MAX_PAGES", 50)),
        page_seconds=float(get("OCR_PAGE_SECONDS", 60)),
        dpi=int(get("OCR_DPI", 300)),
    )


def _result(kind: str, chunks: list[scans.Chunk], status: str, note: str, pages: int) -> Extraction:
    """Join the pages and say, for the clerk, how the text was obtained."""
    repaired = any(chunk.repaired for chunk in chunks)
    text = ("\n" if kind in ("docx", "txt") else "\f").join(c.text for c in chunks).strip("\f\n ")
    read = [chunk for chunk in chunks if chunk.text.strip()]
    by_ocr = [chunk.confidence for chunk in read if chunk.confidence is not None]
    method = (
        "" if not read else "ocr" if len(by_ocr) == len(read) else "mixed" if by_ocr else "text"
    )
    confidence = round(sum(by_ocr) / len(by_ocr), 1) if by_ocr else None
    if status == "ok" and not text:
        status, note = "empty", note or NOTE_EMPTY
    elif status == "ok" and looks_garbled(text):
        note = f"{note}；{NOTE_GARBLED}" if note else NOTE_GARBLED
    elif status == "ok" and repaired:
        note = note or "已修复 GBK 编码造成的乱码"
    return Extraction(text, status, note, pages, repaired, method, confidence, len(by_ocr))


def _isolated(job: _Job) -> tuple[list[scans.Chunk], tuple[Any, ...]]:
    """Run the parser in a child process; keep the pages it sent when it must be stopped.
    Before each OCR page the child says so, and its deadline moves to that page's own limit."""
    chunks: list[scans.Chunk] = []
    ctx = multiprocessing.get_context("forkserver")  # children fork from a warm server: ~30 ms
    ctx.set_forkserver_preload(["search.extraction", "pypdf", "docx"])
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, job), daemon=True)
    try:
        proc.start()
    except (AssertionError, OSError):  # e.g. inside a daemonic worker: parse here instead
        messages: list[tuple[Any, ...]] = []
        for pipe_end in (receiver, sender):
            pipe_end.close()
        _parse(job, messages.append)
        return [scans.Chunk(*m[1:4]) for m in messages if m[0] == "page"], messages[-1]
    sender.close()
    declared, deadline = 0, time.monotonic() + job.max_seconds + _START_SECONDS
    ocr_until: float | None = None  # the limit of the page tesseract is reading, if any
    ocr_since = 0.0
    try:
        while (left := max(deadline, ocr_until or 0) - time.monotonic()) > 0 and receiver.poll(
            left
        ):
            msg, now = receiver.recv(), time.monotonic()
            if msg[0] == "start":  # the child's own clock starts now; allow it a little slack
                deadline = now + job.max_seconds + 0.5
            elif msg[0] == "ocr":  # ("ocr", seconds): a page goes to tesseract, on its own clock
                ocr_until, ocr_since = now + msg[1] + 1, now
            elif msg[0] == "page":  # ("page", text, repaired, OCR confidence, pages declared)
                if ocr_until is not None:  # OCR time is not the parsing budget's (as in the child)
                    deadline, ocr_until = deadline + (now - ocr_since), None
                chunks.append(scans.Chunk(*msg[1:4]))
                declared = msg[4]
            else:
                return chunks, msg
    except (EOFError, OSError):
        return chunks, ("end", "malformed", NOTE_BROKEN.format("解析进程异常退出"), declared)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    return chunks, ("end", "timeout", NOTE_TIMEOUT.format(job.max_seconds, len(chunks)), declared)


def _child(conn: Any, job: _Job) -> None:
    """Child-process entry: cap memory, parse, stream messages back to the parent."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (_CHILD_MEMORY, _CHILD_MEMORY))
    conn.send(("start",))
    _parse(job, conn.send)
    conn.close()


def _parse(job: _Job, emit: Callable[..., Any]) -> None:
    """Emit ("page", text, repaired, confidence, pages)… then ("end", status, note, pages);
    never raise. Cleaning happens here, page by page, so that it too runs under the time limit."""
    try:
        {"pdf": _pdf, "image": _image}.get(job.kind, _flat)(job, emit)
    except MemoryError:
        emit(("end", "too_large", "解析所需内存超过上限，已保存原文件但未提取文字", 0))
    except Exception as exc:  # any parser failure is a property of the file, never a 500
        text = f"{type(exc).__name__}: {exc}"
        why = (why for pattern, why in _REASONS.items() if re.search(pattern, text, re.I))
        emit(("end", "malformed", NOTE_BROKEN.format(next(why, f"解析器报错（{text[:80]}）")), 0))


_REASONS = {  # what pypdf's or zipfile's exceptions mean, for the clerk
    "cycl|loop|recursion": "页面树存在循环引用或嵌套过深",
    "xref": "缺少交叉引用表（startxref），文件可能未完整上传",
    "ended unexpectedly|truncat|EOF": "数据流意外结束，文件可能被截断",
    "zip|package": "DOCX 压缩包结构损坏",
    "cannot identify image|image file is truncated|decompression ?bomb": "图片文件无法解码",
}


def _pdf(job: _Job, emit: Callable[..., Any]) -> None:
    """Read a PDF page by page with pypdf, checking the page and time limits between pages."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings become our notes
    start = time.monotonic()
    if b"%PDF-" not in job.data[:1024]:
        raise ValueError("不是有效的 PDF 文件（缺少 %PDF 文件头）")
    try:
        reader = pypdf.PdfReader(io.BytesIO(job.data), strict=False)  # tries "" itself
        if reader.is_encrypted and not reader.decrypt(job.password or ""):  # NOT_DECRYPTED == 0
            return emit(("end", "needs_password", NOTE_PASSWORD, 0))
    except pypdf.errors.DependencyError:  # AES needs the cryptography package
        return emit(("end", "unsupported", NOTE_AES, 0))
    total = len(reader.pages)
    failed: list[str] = []
    reading = scans.PdfPages(job.data, job.password, job.ocr, emit)
    for number, page in enumerate(reader.pages, 1):
        if number > job.max_pages:
            note = f"文件共 {total} 页，超过上限 {job.max_pages} 页，仅提取了前 {job.max_pages} 页的文字"
            return emit(("end", "too_many_pages", _notes(note, *reading.notes()), total))
        if time.monotonic() - start - reading.ocr_seconds > job.max_seconds:
            return emit(("end", "timeout", NOTE_TIMEOUT.format(job.max_seconds, number - 1), total))
        try:
            raw = page.extract_text() or ""
        except Exception:  # one broken page must not lose the others
            failed.append(str(number))
            raw = ""
        emit(("page", *reading.page(number, page, clean_text(raw)), total))
    if failed and len(failed) == total and not reading.ocr_pages:
        raise ValueError(f"全部 {total} 页内容无法解析")
    note = f"第 {'、'.join(failed[:10])} 页内容损坏，无法提取文字" if failed else ""
    emit(("end", "ok", _notes(note, *reading.notes()), total))


def _image(job: _Job, emit: Callable[..., Any]) -> None:
    """A PNG/JPEG/TIFF (each TIFF frame a page) read by OCR, or the reason it cannot be."""
    total = ocr.frame_count(job.data)
    if not job.ocr.languages:
        return emit(("end", "ok", job.ocr.unavailable, total))
    notes = scans.read_images(job.data, min(total, job.max_pages), job.ocr, emit, total)
    if total > job.max_pages:
        notes.insert(
            0, f"文件共 {total} 页，超过上限 {job.max_pages} 页，仅识别了前 {job.max_pages} 页"
        )
    emit(("end", "too_many_pages" if total > job.max_pages else "ok", _notes(*notes), total))


def _notes(*notes: str) -> str:
    return "；".join(note for note in notes if note)


def _flat(job: _Job, emit: Callable[..., Any]) -> None:
    """DOCX: paragraphs and tables in document order (a row's cells joined by " | ", a merged
    cell once). Text: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (GBK's superset)."""

    def blocks(container: Any) -> list[str]:
        lines: list[str] = []
        for item in container.iter_inner_content():
            if isinstance(item, Table):  # a merged cell is listed once per grid column
                rows = ({c._tc: c for c in row.cells}.values() for row in item.rows)
                lines += [" | ".join(" ".join(blocks(c)) for c in cells) for cells in rows]
            else:
                lines.append(item.text)
        return lines

    if job.kind == "docx":
        text = "\n".join(blocks(docx.Document(io.BytesIO(job.data))))
    elif job.data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = job.data.decode("utf-16", errors="replace")
    else:  # a UTF-8 decode that needs replacements means the file is GBK/GB18030
        text = job.data.decode("utf-8-sig", errors="replace")
        text = job.data.decode("gb18030", errors="replace") if "\ufffd" in text else text
    emit(("page", *clean_text(text, fake_bold=False), None, 0))  # no overprint outside PDFs
    emit(("end", "ok", "", 0))
