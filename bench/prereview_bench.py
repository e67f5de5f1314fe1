"""Benchmark: pre-review of a typical 10-page draft with two attachments (a 10-page PDF and a
DOCX, made here), against the baseline of merely reading the draft and its texts.

    python -m bench.prereview_bench [--repeat 30]

The body is ten pages (~9,000 characters) of real legal Chinese drawn from
../shared/data/laws_dev.jsonl.gz when present (else generated sentences), with planted
problems: a repealed law cited, a fair-competition phrase, an ID number, a 文号 in square
brackets, no consultation window. Attachment text is extracted once at upload (as the
system does) and read from the store afterwards; the first, cold run that has to extract
is reported on its own. Reports p50/p95 of:
  - baseline: load the latest revision and build the texts the rules read (``subject_of``);
  - evaluate: the baseline plus every rule, nothing stored;
  - run: what the editor's button and submission do — evaluate and store the run.
Runs on a throwaway SQLite database unless DATABASE_URL is set.
"""

import argparse
import gzip
import html
import io
import json
import os
import random
import statistics
import tempfile
import time

from bench.search_bench import DATA, pct, setup_django, timed

PAGE_CHARS = 900
PLANTED = [
    "第一条 为规范养老服务补贴，依照《中华人民共和国合同法》和《社会救助暂行办法》，制定本办法。",
    "第五条 政府购买服务时，同等条件下本地企业优先。",
    "第八条 申请材料按照红民发[2023]5号文件执行；联系人身份证号640303199001011234。",
]


def body_paragraphs(pages: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    if DATA.exists():
        with gzip.open(DATA, "rt", encoding="utf-8") as handle:
            laws = [json.loads(line) for _, line in zip(range(400), handle, strict=False)]
        pool = [p for law in laws for p in law["text"].split("\n") if 30 < len(p) < 300]
    else:
        pool = [
            f"第{n}条 申请人应当如实提交家庭收入、财产状况等材料，乡镇人民政府负责审核。"
            for n in range(200)
        ]
    paragraphs, size = list(PLANTED), sum(map(len, PLANTED))
    while size < pages * PAGE_CHARS:
        paragraph = rng.choice(pool)
        paragraphs.append(paragraph)
        size += len(paragraph)
    return paragraphs


def pdf_of(paragraphs: list[str], pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    per_page = max(1, len(paragraphs) // pages)
    for page in range(pages):
        y = 800
        for paragraph in paragraphs[page * per_page : (page + 1) * per_page]:
            for start in range(0, len(paragraph), 38):
                sheet.setFont("STSong-Light", 10)
                sheet.drawString(40, y, paragraph[start : start + 38])
                y -= 14
                if y < 40:
                    break
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def docx_of(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_draft():
    from django.core.files.base import ContentFile

    from cms import services
    from cms.models import (
        AttachmentFile,
        Department,
        DepartmentFolderPage,
        DocumentAttachment,
        NormativeDocumentPage,
    )

    services.site_tree_ensure()
    department, _ = Department.objects.get_or_create(
        code="bench", defaults={"name": "基准测试站", "kind": "站室"}
    )
    services.department_provision(department)
    folder = DepartmentFolderPage.objects.get(department=department)
    paragraphs = body_paragraphs(10)
    page = NormativeDocumentPage(
        title="红寺堡区养老服务补贴管理办法（基准）",
        body="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
        touches_economic_activity=True,
        live=False,
    )
    annex = body_paragraphs(10, seed=12)
    for label, content, name in [
        ("附件1 实施细则", pdf_of(annex, 10), "annex.pdf"),
        ("附件2 申请表", docx_of(annex[:40]), "form.docx"),
    ]:
        file = AttachmentFile(title=label, file=ContentFile(content, name=name))
        file._set_document_file_metadata()
        file.save()
        page.attachments.add(DocumentAttachment(label=label, file=file))
    folder.add_child(instance=page)
    page.save_revision()
    return page, sum(map(len, paragraphs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as db_dir:
        setup_django(db_dir)
        from prereview.models import RunTrigger
        from prereview.services import prereview_evaluate, prereview_run
        from prereview.subjects import subject_of
        from search.models import AttachmentText

        page, chars = build_draft()
        AttachmentText.objects.all().delete()  # the cold run extracts, as a first pre-review would
        started = time.perf_counter()
        cold = prereview_run(obj=page, trigger=RunTrigger.EVALUATION)
        cold_ms = (time.perf_counter() - started) * 1000

        def baseline():
            subject_of(page.get_latest_revision_as_object())

        def evaluate():
            prereview_evaluate(page.get_latest_revision_as_object())

        def run():
            prereview_run(obj=page, trigger=RunTrigger.EVALUATION)

        results = {
            name: timed(fn, args.repeat)
            for name, fn in [("baseline", baseline), ("evaluate", evaluate), ("run", run)]
        }
        texts = subject_of(page.get_latest_revision_as_object()).sources
        print(
            f"草稿：正文 {chars} 字（约10页），附件 PDF 10 页 + DOCX；"
            f"预审读到 {sum(len(s.text) for s in texts)} 字，发现 {cold.findings.count()} 项"
            f"（阻断 {cold.blocking}，警告 {cold.warnings}，提示 {cold.notices}）"
        )
        print(f"首次预审（含附件文字提取）：{cold_ms:.1f} ms")
        base = statistics.median(results["baseline"])
        for name, samples in results.items():
            p50 = statistics.median(samples)
            print(
                f"{name:<9} p50 {p50:7.1f} ms  p95 {pct(samples, 95):7.1f} ms  ×{p50 / base:4.2f} 基线"
            )
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"机器负载（1/5/15 分钟）：{load}（{os.cpu_count()} 核；负载高时数字偏大）")
        verdict = "达标" if pct(results["run"], 95) <= 200 else "未达标"
        print(f"目标：预审一次 ≤ 200 ms（p95）：{verdict}")


if __name__ == "__main__":
    main()
