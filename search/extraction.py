"""Text of uploaded attachments (PDF via pypdf, DOCX via python-docx, plain text) for search.

Real files are encrypted, truncated, GBK-garbled, overprinted or bombs: ``extract`` never raises
and says in Chinese what it could not do. Parsing runs in a child process, the only thing that can
be stopped when one page keeps pypdf busy for minutes. PDF pages are joined by "\\f" (→ page)."""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
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

NOTE_PASSWORD = "文件已加密，需要密码，已保存原文件但无法提取文字"
NOTE_GARBLED = "部分文字疑似乱码（PDF 字体缺少正确的文字映射），这部分无法提取文字，请以原文件为准"
NOTE_EMPTY = "未提取到文字（可能是扫描件或图片），已保存原文件但无法提取文字"
NOTE_BROKEN = "文件已损坏，无法提取文字：{}。已保存原文件，请核对或重新上传"
NOTE_TIMEOUT = "提取超时（超过 {:g} 秒），已保存原文件，已提取 {} 页的文字"
NOTE_AES = "文件使用 AES 加密，服务器缺少解密组件 cryptography，已保存原文件但无法提取文字"
_KINDS = {".pdf": "pdf", ".docx": "docx"} | dict.fromkeys((".txt", ".text", ".csv", ".md"), "txt")
_START_SECONDS = 10.0  # allowed for the child to start (a cold forkserver imports pypdf)
_CHILD_MEMORY = 2 << 30  # address-space cap of the child: a decompression bomb fails there


class Extraction(NamedTuple):
    """What ``extract`` found; a plain tuple so it pickles and compares cheaply."""

    text: str
    status: str  # "ok" | "empty" | "needs_password" | "malformed" | "too_large" | "too_many_pages" | "timeout" | "unsupported"
    note: str  # Chinese, for the clerk; "" when there is nothing to say
    pages: int  # pages the PDF declares (0 for DOCX/TXT and unreadable files)
    repaired: bool  # GBK mojibake was detected and repaired


class _Job(NamedTuple):
    """Everything the child needs, picklable to cross the process boundary."""

    kind: str  # "pdf" | "docx" | "txt"
    data: bytes
    max_pages: int
    max_seconds: float
    password: str | None


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
    if kind is None:  # .doc, .wps, .ofd, images…
        note = f"暂不支持提取 {ext or '该类型'} 文件的文字，已保存原文件"
        return Extraction("", "unsupported", note, 0, False)
    if not data and kind != "txt":
        return Extraction("", "malformed", NOTE_BROKEN.format("文件为空（0 字节）"), 0, False)
    if kind == "docx" and data[:4] == b"\xd0\xcf\x11\xe0":  # OLE container: encrypted Office file
        return Extraction("", "needs_password", NOTE_PASSWORD, 0, False)
    chunks, (_, status, note, pages) = _isolated(_Job(kind, data, max_pages, max_seconds, password))
    repaired = any(fixed for _, fixed in chunks)
    text = ("\f" if kind == "pdf" else "\n").join(text for text, _ in chunks).strip("\f\n ")
    if status == "ok" and not text:
        status, note = "empty", NOTE_EMPTY
    elif status == "ok" and looks_garbled(text):
        note = f"{note}；{NOTE_GARBLED}" if note else NOTE_GARBLED
    elif status == "ok" and repaired:
        note = note or "已修复 GBK 编码造成的乱码"
    return Extraction(text, status, note, pages, repaired)


def _isolated(job: _Job) -> tuple[list[tuple[str, bool]], tuple[Any, ...]]:
    """Run the parser in a child process; keep the pages it sent when it must be stopped."""
    chunks: list[tuple[str, bool]] = []
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
        return [m[1:3] for m in messages[:-1]], messages[-1]
    sender.close()
    declared, deadline = 0, time.monotonic() + job.max_seconds + _START_SECONDS
    try:
        while (left := deadline - time.monotonic()) > 0 and receiver.poll(left):
            msg = receiver.recv()
            if msg[0] == "start":  # the child's own clock starts now; allow it a little slack
                deadline = time.monotonic() + job.max_seconds + 0.5
            elif msg[0] == "page":  # ("page", text, repaired, pages declared)
                chunks.append(msg[1:3])
                declared = msg[3]
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
    """Emit ("page", text, repaired, pages)… then ("end", status, note, pages); never raise.
    Cleaning happens here, page by page, so that it too runs under the time limit."""
    try:
        (_pdf if job.kind == "pdf" else _flat)(job, emit)
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
    for number, page in enumerate(reader.pages, 1):
        if number > job.max_pages:
            note = f"文件共 {total} 页，超过上限 {job.max_pages} 页，仅提取了前 {job.max_pages} 页的文字"
            return emit(("end", "too_many_pages", note, total))
        if time.monotonic() - start > job.max_seconds:
            return emit(("end", "timeout", NOTE_TIMEOUT.format(job.max_seconds, number - 1), total))
        try:
            raw = page.extract_text() or ""
        except Exception:  # one broken page must not lose the others
            failed.append(str(number))
            raw = ""
        emit(("page", *clean_text(raw), total))
    if failed and len(failed) == total:
        raise ValueError(f"全部 {total} 页内容无法解析")
    note = f"第 {'、'.join(failed[:10])} 页内容损坏，无法提取文字" if failed else ""
    emit(("end", "ok", note, total))


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
    emit(("page", *clean_text(text, fake_bold=False), 0))  # no overprint outside PDFs
    emit(("end", "ok", "", 0))


# ----------------------------------------------------------------------- post-processing
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN1_RUN = re.compile(r"(?:[\x81-\xfe][\x40-\x7e\x80-\xfe])+")
_UCS2_RUN = re.compile(r"[\ua000-\uf8ff\U00010000-\U0010ffff]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff]")
_SPACES = re.compile(r"[ \t\r\u00a0\u2000-\u200b\u3000]+")
_REPEAT = {k: re.compile(rf"(\S.{{0,63}}?)\1{{{k - 1}}}") for k in (4, 3, 2)}
_BOLD_RUN = {k: re.compile(rf"(?:([^\s\d])\1{{{k - 1}}}(?!\1)){{5,}}") for k in (4, 3, 2)}


def clean_text(text: str, fake_bold: bool = True) -> tuple[str, bool]:
    """Strip NULs, repair GBK mojibake, normalise whitespace and (for PDF text, where overprint
    happens) collapse fake-bold repeats; return (text, repaired)."""
    text, repaired = _repair_mojibake(text.replace("\x00", "").replace("\f", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in _CONTROL.sub("", text).split("\n")]
    if fake_bold:
        lines = [_collapse_bold(line) for line in lines]
        # pypdf emits an overprinted line twice ("本科\n本科"): drop repeats when they dominate
        repeats = sum(1 for a, b in itertools.pairwise(lines) if len(b) >= 2 and a == b)
        if repeats >= 3 and 2 * repeats >= 0.4 * sum(1 for line in lines if line):
            lines = [b for i, b in enumerate(lines) if not i or len(b) < 2 or b != lines[i - 1]]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), repaired


def _gbk(match: re.Match[str], encoding: str) -> str:
    """Re-read a garbled run's bytes as GBK when that yields mostly Chinese; else keep it."""
    raw = match.group().encode(encoding, "surrogatepass")
    if encoding != "latin-1" and sum(b >= 0xA1 for b in raw) < 0.9 * len(raw):  # not GB2312
        return match.group()
    out = raw.decode("gbk", errors="replace")
    bad = out.count("\ufffd") > len(out) // 10 or len(_CJK_OR_PUNCT.findall(out)) < 0.8 * len(out)
    return match.group() if bad else out


def _repair_mojibake(text: str) -> tuple[str, bool]:
    """Two ways GBK text comes out wrong, each repaired only when its signature dominates:
    bytes shown as Latin-1 ("ÖÐÎÄ" for 中文; real accents stand alone or in pairs, "Café",
    "ação") and byte pairs read as UTF-16, pypdf's fallback for GBK-EUC CMaps ("컒쏇" for 我们;
    GB2312's common hanzi land on Hangul, icons in the private-use area do not)."""
    original, high = text, sum("\x80" <= c <= "\xff" for c in text)
    runs = sum(map(len, re.findall(r"[\x80-\xff]{4,}", text)))  # ≥ 2 hanzi = ≥ 4 bytes in a row
    if runs >= max(4, 0.6 * high) and high >= 2 * len(_CJK.findall(text)):
        text = _LATIN1_RUN.sub(lambda m: _gbk(m, "latin-1"), text)
    wide = _UCS2_RUN.findall(text)
    if wide and len(re.findall(r"[\uac00-\ud7a3]", "".join(wide))) >= 0.5 * len("".join(wide)):
        text = _UCS2_RUN.sub(lambda m: _gbk(m, "utf-16-be"), text)
    return text, text != original


def looks_garbled(text: str) -> bool:
    """Heuristic for text from a font whose ToUnicode map is wrong: leftover Hangul/Yi,
    rare CJK Extension A ideographs, or many U+FFFD among the Chinese characters."""
    cjk, odd = len(_CJK.findall(text)), len(re.findall(r"[\ua000-\ud7ff]", text))
    ext_a, bad = len(re.findall(r"[\u3400-\u4dbf]", text)), text.count("\ufffd")
    many_odd = odd > max(1, 0.1 * (cjk + odd))
    return many_odd or ext_a >= max(1, 0.1 * cjk) or bad > max(2, 0.1 * len(text))


def _collapse_bold(line: str) -> str:
    """Fake bold (overprinted 2–4 times) comes out as "规规范范性性" or "年报年报年报": collapse
    when k-fold repeats cover ≥ 80 % of the line with ≥ 3 distinct characters, or ≥ 5 characters
    in a row are each repeated k times, so "常常", "人人" stay (a line of AABB idioms alone,
    "高高兴兴快快乐乐", is collapsed too: a known limit)."""
    visible = len(line) - line.count(" ")
    pairs = list(itertools.pairwise(line))
    # such a line has ≤ 0.2·n + 0.8·n/2 distinct characters and either few distinct bigrams
    # ("年报年报") or many doubled neighbours ("规规范范"): a cheap test before the regexes
    likely = len(set(line)) <= 0.6 * visible + 1 and (
        len(set(pairs)) <= 0.6 * visible + 2 or sum(a == b for a, b in pairs) >= 0.3 * visible
    )
    for pattern in _REPEAT.values() if likely and len(line) <= 2000 else ():
        matches = list(pattern.finditer(line))
        units = "".join({m.group(1) for m in matches})
        covered = sum(m.end() - m.start() for m in matches)
        if covered >= 0.8 * visible and len(units) >= 3 and any(c.isalpha() for c in units):
            return pattern.sub(r"\1", line)
    for k, pattern in _BOLD_RUN.items():
        line = pattern.sub(lambda m, k=k: m.group()[::k], line)
    return line
