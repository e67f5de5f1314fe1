"""Background tasks of the review app: the opinion's letter and archive PDFs.

Queued when an opinion is signed (in the signing transaction, so a refused opinion
queues nothing) and again by a download that finds a PDF missing. Idempotent: a PDF
already filed is not rendered again, and each one is filed in one atomic step
(review.services.opinion_pdfs), so a retried or doubled task changes nothing.
"""

from django_tasks import task


@task()
def render_opinion_pdfs(opinion_id: int) -> str:
    from review.models import LegalOpinion
    from review.services.opinion_pdfs import opinion_archive_file

    if not LegalOpinion.objects.filter(pk=opinion_id).exists():
        return "gone"
    opinion_archive_file(opinion_id=opinion_id)
    return "ok"
