"""The opinion's letter and archive PDFs leave the signing request (review.tasks).

With the production queue (django-tasks-db) the opinion is recorded at once and its PDFs
wait for the worker: a download then answers "正在生成，请稍后刷新" (a running worker) or
renders in the request (no worker, within PDF_INLINE_MAX_MB). The archive holds exactly
the reviewed revision's files, whatever happens to the item or the stored bytes later.
"""

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from background.scheduler import heartbeat_record
from cms.models import DocumentAttachment
from review import letters, tasks
from review.gate import opinion_verifies
from review.models import LegalOpinion
from tests import factories
from tests.background.conftest import DATABASE_QUEUE, run_worker_batch
from tests.review import helpers as h

RENDER_TASK = "review.tasks.render_opinion_pdfs"
REVIEWED_LINE = "原附件甲：审核时的实施细则"
LATER_LINE = "替换后的附件乙：审核后才上传"


@pytest.fixture
def database_queue():
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def reviewed_document(jiuzhu, drafter):
    return h.submitted_with_pdf_and_docx(
        jiuzhu, drafter, factories.chinese_pdf_bytes(REVIEWED_LINE)
    )


def replace_attachment_in_new_draft(page, drafter) -> None:
    """The drafter chooses a new file in a later draft (the reviewed one stays frozen)."""
    later = factories.make_attachment(
        "附件1（新）", factories.chinese_pdf_bytes(LATER_LINE), "c.pdf"
    )
    draft = page.get_latest_revision_as_object()
    draft.attachments = [DocumentAttachment(label="附件1：实施细则", file=later)]
    draft.save_revision(user=drafter)


def render_tasks(opinion) -> list[str]:
    return [
        r.status
        for r in DBTaskResult.objects.filter(task_path=RENDER_TASK)
        if r.args_kwargs["args"] == [opinion.pk]
    ]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def letter_pages(opinion) -> int:
    with opinion.letter.open("rb") as handle:
        return len(PdfReader(handle).pages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_running_worker_renders_what_the_download_shows_as_pending(
    database_queue, client, workflows, jiuzhu, jiuzhu_drafter, adviser
):
    page, _ = reviewed_document(jiuzhu, jiuzhu_drafter)
    heartbeat_record(worker_id="running-worker", now=timezone.now())

    opinion = h.approve_legal(page, adviser)

    # recorded and bound to its revision at once; only the PDFs wait
    assert opinion.number and opinion_verifies(opinion)
    assert not opinion.letter and not opinion.archive
    assert render_tasks(opinion) == ["READY"]
    client.force_login(adviser)
    for name in ("review_opinion_letter", "review_opinion_archive"):
        response = client.get(reverse(name, args=[opinion.pk]))
        assert response.status_code == 202
        assert response["Content-Type"].startswith("text/html")
        assert "正在生成，请稍后刷新" in response.content.decode()
    assert (
        "意见书 PDF 正在生成，请稍后刷新"
        in client.get(reverse("review_opinion_letter", args=[opinion.pk])).content.decode()
    )
    assert render_tasks(opinion) == ["READY"]  # asking again queues nothing more
    replace_attachment_in_new_draft(page, jiuzhu_drafter)  # before the worker gets to it

    run_worker_batch("running-worker", "--no-scheduler")

    assert render_tasks(opinion) == ["SUCCESSFUL"]
    opinion.refresh_from_db()
    letter = client.get(reverse("review_opinion_letter", args=[opinion.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert opinion.number in h.pdf_text(body(letter))
    archive = client.get(reverse("review_opinion_archive", args=[opinion.pk]))
    assert archive.status_code == 200
    merged = body(archive)
    assert len(PdfReader(io.BytesIO(merged)).pages) == letter_pages(opinion) + 1
    text = pdf_text(merged)
    assert REVIEWED_LINE in text and LATER_LINE not in text
    assert "%E9%99%84%E4%BB%B62" in archive["X-Archive-Skipped"]  # 附件2 (DOCX) not merged


@pytest.mark.django_db
def test_without_a_worker_the_download_renders_in_the_request(
    database_queue, client, workflows, jiuzhu, jiuzhu_drafter, adviser
):
    page, _ = reviewed_document(jiuzhu, jiuzhu_drafter)
    opinion = h.approve_legal(page, adviser)
    assert not opinion.letter and render_tasks(opinion) == ["READY"]
    client.force_login(adviser)

    letter = client.get(reverse("review_opinion_letter", args=[opinion.pk]))
    assert letter.status_code == 200 and opinion.number in h.pdf_text(body(letter))
    archive = client.get(reverse("review_opinion_archive", args=[opinion.pk]))
    assert archive.status_code == 200 and REVIEWED_LINE in pdf_text(body(archive))
    filed = LegalOpinion.objects.get(pk=opinion.pk)
    assert (
        filed.letter
        and filed.archive
        and filed.archive_skipped == ["附件2：申请表：不是PDF文件，未合并"]
    )
    # the queued task, when a worker comes, finds both filed and renders nothing again
    assert tasks.render_opinion_pdfs.call(opinion.pk) == "ok"
    again = LegalOpinion.objects.get(pk=opinion.pk)
    assert (again.letter.name, again.archive.name) == (filed.letter.name, filed.archive.name)


@pytest.mark.django_db
@override_settings(PDF_INLINE_MAX_MB=0)
def test_an_archive_too_large_to_render_here_waits_for_the_worker(
    database_queue, client, workflows, jiuzhu, jiuzhu_drafter, adviser
):
    page, _ = reviewed_document(jiuzhu, jiuzhu_drafter)
    opinion = h.approve_legal(page, adviser)
    client.force_login(adviser)

    response = client.get(reverse("review_opinion_archive", args=[opinion.pk]))

    assert response.status_code == 202
    page_text = response.content.decode()
    assert "审核归档 PDF 正在生成，请稍后刷新" in page_text and "后台任务当前未运行" in page_text
    assert render_tasks(opinion) == ["READY"]
    # the letter alone is small: rendered here all the same
    assert client.get(reverse("review_opinion_letter", args=[opinion.pk])).status_code == 200


@pytest.mark.django_db
def test_a_file_altered_in_storage_after_review_never_enters_the_archive(
    database_queue, client, workflows, jiuzhu, jiuzhu_drafter, adviser
):
    page, pdf = reviewed_document(jiuzhu, jiuzhu_drafter)
    opinion = h.approve_legal(page, adviser)
    storage, name = pdf.file.storage, pdf.file.name
    storage.delete(name)  # someone swaps the bytes behind the application's back
    assert storage.save(name, io.BytesIO(factories.chinese_pdf_bytes(LATER_LINE))) == name
    client.force_login(adviser)

    archive = client.get(reverse("review_opinion_archive", args=[opinion.pk]))

    assert archive.status_code == 200
    merged = body(archive)
    assert LATER_LINE not in pdf_text(merged)
    filed = LegalOpinion.objects.get(pk=opinion.pk)
    assert len(PdfReader(io.BytesIO(merged)).pages) == letter_pages(filed)
    assert "附件1：实施细则：文件内容与审核时不一致，未合并" in filed.archive_skipped


@pytest.mark.django_db
def test_a_rendering_that_fails_half_way_leaves_the_archive_to_a_retry(
    client, workflows, jiuzhu, jiuzhu_drafter, adviser, monkeypatch
):
    """The immediate backend (no worker): the merge fails once; the opinion and its letter
    stand, the archive field stays empty, and the next download renders it."""
    page, _ = reviewed_document(jiuzhu, jiuzhu_drafter)

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(letters, "archive_pdf", disk_full)
        opinion = h.approve_legal(page, adviser)

    assert opinion.letter and not opinion.archive and opinion_verifies(opinion)
    client.force_login(adviser)
    archive = client.get(reverse("review_opinion_archive", args=[opinion.pk]))
    assert archive.status_code == 200 and REVIEWED_LINE in pdf_text(body(archive))
