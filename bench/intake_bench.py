"""Benchmark: 存量导入 throughput (documents/s) with attachment extraction and indexing,
against the baseline of creating the same documents without them, in the same run.

    python -m bench.intake_bench [--docs 60]

Two manifests of ``--docs`` rows each (a third PDF, a third DOCX, a third TXT, made here
with ReportLab and python-docx) are imported through ``intake.services.documents_import``
into a throwaway SQLite database (or DATABASE_URL) with the immediate task backend, so the
extraction and indexing tasks queued on commit run at once, as a worker would run them:
  - baseline: the search app's signals disconnected — pages, files, revisions and the
    LegacyIssue records only, no extraction, no indexing;
  - import: the full path (extraction of every PDF/DOCX, the index entries).
Reported: seconds, documents/s and the ratio import ÷ baseline. Times are wall-clock on
whatever else the machine is doing; compare the ratio.
"""

import argparse
import os
import tempfile
import time

from bench.search_bench import setup_django


def _signals(connect: bool) -> None:
    from django.db.models.signals import post_save
    from wagtail.models import Revision
    from wagtail.signals import page_published, published

    from cms.models import AttachmentFile
    from search import signals

    if connect:
        signals.connect()
        return
    for signal in (page_published, published):
        signal.disconnect(dispatch_uid=f"fulltext_{id(signal)}")
    post_save.disconnect(sender=Revision, dispatch_uid="fulltext_revision")
    post_save.disconnect(sender=AttachmentFile, dispatch_uid="fulltext_attachment")


def _manifest(docs: int, start: int, department: str):
    from intake.files import ZipFiles
    from tests.intake import builders

    rows = [builders.row(n, department) for n in range(start, start + docs)]
    files = {
        values["附件"]: builders.file_bytes(values["附件"], builders.file_text(n))
        for n, values in zip(range(start, start + docs), rows, strict=True)
    }
    return builders.xlsx(rows), ZipFiles(builders.zip_bytes(files))


def _run(user, docs: int, start: int, department: str) -> float:
    from intake import services

    manifest, files = _manifest(docs, start, department)
    started = time.perf_counter()
    plan, batch = services.documents_import(
        user=user, manifest=manifest, manifest_name=f"bench{start}.xlsx", files=files
    )
    elapsed = time.perf_counter() - started
    assert batch is not None and not plan.errors, [row.messages for row in plan.errors]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=60)
    args = parser.parse_args()
    os.environ["TASKS_BACKEND"] = "immediate"
    with tempfile.TemporaryDirectory() as db_dir:
        os.environ.setdefault("MEDIA_ROOT", os.path.join(db_dir, "media"))
        setup_django(db_dir)
        from cms import services as cms_services
        from search.models import AttachmentText
        from tests import factories

        cms_services.site_tree_ensure()
        cms_services.roles_ensure()
        department = factories.DepartmentFactory(code="jiuzhu", name="社会救助站")
        user = factories.UserFactory(username="bench-admin", is_superuser=True)

        _signals(connect=False)
        baseline = _run(user, args.docs, 1, department.name)
        _signals(connect=True)
        extracted_before = AttachmentText.objects.count()
        full = _run(user, args.docs, 1001, department.name)
        extracted = AttachmentText.objects.count() - extracted_before

    print(f"documents per run: {args.docs} (attachments extracted in the import: {extracted})")
    print(f"baseline (no extraction): {baseline:7.1f} s  {args.docs / baseline:6.2f} documents/s")
    print(f"import (extraction):      {full:7.1f} s  {args.docs / full:6.2f} documents/s")
    print(f"ratio import ÷ baseline:  {full / baseline:6.2f}×")


if __name__ == "__main__":
    main()
