"""Downloading an opinion's letter and archive PDFs, which a background task renders.

A filed PDF is served. A missing one is rendered in the request when no worker is
running (the database queue without a recent heartbeat, or the immediate backend) and
the input is within PDF_INLINE_MAX_MB; otherwise the rendering is queued (once) and the
answer is a Chinese page asking to refresh — never an error.
"""

import logging
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from background import queue
from review import selectors, services, tasks
from review.models import LegalOpinion
from review.services.opinion_pdfs import archive_input_bytes
from review.views import refuse

logger = logging.getLogger(__name__)
WHAT = {"letter": "意见书 PDF", "archive": "审核归档 PDF"}


def opinion_letter(request, opinion_id: int):
    """The signed letter PDF, for anyone who may see the item in the admin."""
    return _download(request, opinion_id, "letter", "审核意见书-{}.pdf")


def opinion_archive(request, opinion_id: int):
    """One archive PDF: the signed letter followed by the reviewed revision's PDF attachments.

    Attachments left out (not PDF, encrypted, damaged, or altered since review) are listed
    in the response header ``X-Archive-Skipped``, never an error.
    """
    return _download(request, opinion_id, "archive", "审核归档-{}.pdf")


def _download(request, opinion_id: int, field: str, filename: str):
    opinion = get_object_or_404(LegalOpinion, pk=opinion_id)
    if not selectors.user_may_see(request.user, opinion.content_object):
        return refuse(request, "无权查看该审核意见书。")
    opinion, too_large = _filed(opinion, field)
    if not getattr(opinion, field):
        context = {"opinion": opinion, "what": WHAT[field], "too_large_mb": too_large}
        return TemplateResponse(request, "review/pdf_pending.html", context, status=202)
    response = FileResponse(
        getattr(opinion, field).open("rb"),
        as_attachment=False,
        filename=filename.format(opinion.number),
        content_type="application/pdf",
    )
    if field == "archive" and opinion.archive_skipped:
        response["X-Archive-Skipped"] = quote("；".join(opinion.archive_skipped))
    return response


def _filed(opinion: LegalOpinion, field: str) -> tuple[LegalOpinion, int]:
    """The opinion with its ``field`` PDF filed if that could be done now, and the input's
    size in MB when it was too large to render here (0 otherwise)."""
    if getattr(opinion, field):
        return opinion, 0
    too_large = 0
    if not queue.worker_running():
        size = archive_input_bytes(opinion) if field == "archive" else 0
        if size <= settings.PDF_INLINE_MAX_MB * 2**20:
            render = {
                "letter": services.opinion_letter_file,
                "archive": services.opinion_archive_file,
            }[field]
            try:
                return render(opinion_id=opinion.pk), 0
            except Exception:  # a rendering failure is the worker's to retry, never a 500
                logger.exception(
                    "意见书 %s 的 %s 未能当场生成，已转入后台任务", opinion.number, field
                )
        else:
            too_large = max(1, round(size / 2**20))
    queue.enqueue_unless_pending(tasks.render_opinion_pdfs, opinion.pk)
    opinion.refresh_from_db(fields=["letter", "archive", "archive_skipped"])
    return opinion, too_large
