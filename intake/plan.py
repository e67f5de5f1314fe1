"""The dry run: what importing a manifest would do, row by row, writing nothing.

Each row is new (导入), already there (已存在，跳过: the same content hash, or the same
文号 imported before with that content) or refused with its reasons. A row's content hash
covers its title, 文号 and every file's SHA-256, so re-running a manifest changes nothing.
The import (``intake.services``) runs this same plan and refuses the whole manifest
while any row is refused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from cms import rules
from cms.models import NormativeDocumentPage
from cms.uploads import attachment_problem
from intake.manifest import COLUMNS, LABELS, ManifestRow
from intake.models import BatchStatus, ImportedDocument

NEW, SKIP, ERROR = "导入", "已存在，跳过", "错误"
_ENCRYPTED = re.compile(rb"/Encrypt\s*\d+\s+\d+\s+R|/Encrypt\s*<<")
NOTE = "（仅提示）"  # a message that does not stop the row
TEXT_KINDS = (".txt",)
# The manifest columns that are the page's own fields (the rest: its folder, the record, files).
MODEL_FIELDS = tuple(
    key for key in COLUMNS if key not in ("department", "paper_reference", "files")
)


@dataclass
class LoadedFile:
    name: str
    data: bytes
    sha256: str
    is_text: bool


@dataclass
class RowPlan:
    line: int
    title: str
    doc_number: str
    status: str = NEW
    messages: list[str] = field(default_factory=list)  # errors, or notes for a new row
    files: list[LoadedFile] = field(default_factory=list)
    values: dict = field(default_factory=dict)
    content_sha256: str = ""
    reuse_page_id: int | None = None  # the same document, withdrawn by an undone batch


@dataclass
class Plan:
    rows: list[RowPlan]

    @property
    def errors(self) -> list[RowPlan]:
        return [row for row in self.rows if row.status == ERROR]

    def count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)


def text_of(data: bytes) -> str:
    """A .txt file's text: UTF-8 (with or without BOM), else GBK (GB18030 reads any bytes)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _file_notes(name: str, data: bytes) -> tuple[str, str]:
    """(refusal, note) of one PDF/DOCX file, in Chinese."""
    upload = ContentFile(data, name=name)
    problem = attachment_problem(upload, name)
    if problem:
        return f"附件“{name}”：{problem}", ""
    # The trailer's (or xref stream's) /Encrypt entry, found without parsing: a crafted PDF
    # never reaches a parser in this process (extraction parses it in its child process).
    if name.lower().endswith(".pdf") and _ENCRYPTED.search(data):
        return "", f"附件“{name}”已加密：将保存原文件，但无法提取文字，全文检索和清理看不到其内容"
    return "", ""


def _load_files(row: ManifestRow, files, plan_row: RowPlan) -> None:
    for name in row.files:
        fetched = files.fetch(name)
        if fetched.data is None:
            plan_row.messages.append(f"第{row.line}行“附件”列：{fetched.problem}")
            continue
        lower = name.lower()
        if lower.endswith(TEXT_KINDS):
            is_text = True
        elif lower.endswith((".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")):
            is_text = False
            refusal, note = _file_notes(name, fetched.data)
            if refusal:
                plan_row.messages.append(f"第{row.line}行“附件”列：{refusal}")
                continue
            if note:
                plan_row.messages.append(f"第{row.line}行：{note}{NOTE}")
        else:
            plan_row.messages.append(
                f"第{row.line}行“附件”列：附件“{name}”的格式不支持，仅支持 PDF、DOCX、TXT 和扫描图片（PNG、JPEG、TIFF）"
            )
            continue
        digest = hashlib.sha256(fetched.data).hexdigest()
        plan_row.files.append(LoadedFile(name, fetched.data, digest, is_text))


def _content_hash(plan_row: RowPlan) -> str:
    digest = hashlib.sha256()
    for part in (plan_row.title, plan_row.doc_number, *(f.sha256 for f in plan_row.files)):
        digest.update(part.encode() + b"\x00")
    return digest.hexdigest()


def _model_problems(plan_row: RowPlan, line: int) -> list[str]:
    values = {key: plan_row.values.get(key) for key in MODEL_FIELDS if key in plan_row.values}
    values = {key: value for key, value in values.items() if value not in (None, "")}
    page = NormativeDocumentPage(affects_public=False, pk=plan_row.reuse_page_id, **values)
    page.issuer = page.issuer or rules.bureau_name()
    try:
        page.clean()
    except ValidationError as error:
        names = {"status_changed_on": "废止日期"} | LABELS
        return [
            f"第{line}行“{names.get(key, key)}”列：{' '.join(messages)}"
            for key, messages in error.message_dict.items()
        ]
    plan_row.doc_number = page.doc_number
    plan_row.values.update(issuer=page.issuer, doc_number=page.doc_number)
    plan_row.values["valid_until"] = page.valid_until
    return []


def _existing(plan_row: RowPlan) -> tuple[str, int | None]:
    """('skip' reason or '', page id to reuse) from earlier batches and the library."""
    earlier = ImportedDocument.objects.filter(content_sha256=plan_row.content_sha256)
    kept = earlier.exclude(batch__status=BatchStatus.UNDONE).select_related("batch").first()
    if kept:
        return f"已存在，跳过（第{kept.batch_id}批第{kept.line}行已导入）", None
    withdrawn = earlier.values_list("page_id", flat=True).first()
    if withdrawn:
        return "", withdrawn
    if plan_row.doc_number:
        clash = NormativeDocumentPage.objects.filter(
            issuer=plan_row.values.get("issuer") or rules.bureau_name(),
            doc_number=plan_row.doc_number,
        ).first()
        if clash is not None:
            return "", -clash.pk  # the caller names the clash
    return "", None


def plan_rows(rows: list[ManifestRow], files) -> Plan:
    plans: list[RowPlan] = []
    seen_numbers: dict[str, int] = {}
    seen_hashes: dict[str, int] = {}
    for row in rows:
        values = dict(row.values)
        number = values.get("doc_number") or ""
        number = rules.normalise_doc_number(number) or number
        plan_row = RowPlan(row.line, values.get("title") or "", number, values=values)
        plan_row.messages.extend(row.problems)
        _load_files(row, files, plan_row)
        plan_row.content_sha256 = _content_hash(plan_row)
        errors = [m for m in plan_row.messages if not m.endswith(NOTE)]
        if not errors:
            errors = _duplicates(plan_row, seen_numbers, seen_hashes)
        if not errors and plan_row.status == NEW:
            errors = _model_problems(plan_row, row.line)
        if errors:
            plan_row.status = ERROR
            plan_row.messages = errors + [m for m in plan_row.messages if m.endswith(NOTE)]
        plans.append(plan_row)
    return Plan(plans)


def _duplicates(plan_row: RowPlan, seen_numbers: dict, seen_hashes: dict) -> list[str]:
    line = plan_row.line
    if plan_row.doc_number and plan_row.doc_number in seen_numbers:
        first = seen_numbers[plan_row.doc_number]
        return [f"第{line}行“发文字号”列：{plan_row.doc_number}与第{first}行重复"]
    if plan_row.content_sha256 in seen_hashes:
        first = seen_hashes[plan_row.content_sha256]
        return [f"第{line}行：内容（标题、文号和附件）与第{first}行相同"]
    if plan_row.doc_number:
        seen_numbers[plan_row.doc_number] = line
    seen_hashes[plan_row.content_sha256] = line
    skip, page_id = _existing(plan_row)
    if skip:
        plan_row.status = SKIP
        plan_row.messages.insert(0, skip)
    elif page_id is not None and page_id < 0:
        clash = NormativeDocumentPage.objects.get(pk=-page_id)
        return [
            f"第{line}行“发文字号”列：{plan_row.doc_number}已被《{clash.title}》使用，"
            "且内容与本行不同；如为同一文件，请核对标题和附件"
        ]
    else:
        plan_row.reuse_page_id = page_id
    return []
