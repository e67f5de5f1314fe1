"""The archive PDF: the signed letter merged with the attachments of the revision judged."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from tests.review import helpers as h

pytestmark = pytest.mark.django_db


def two_page_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def reviewed_with_attachments(workflows, jiuzhu, jiuzhu_drafter, adviser):
    page, _ = h.submitted_with_pdf_and_docx(jiuzhu, jiuzhu_drafter, two_page_pdf())
    return h.approve_legal(page, adviser)


def test_archive_merges_the_letter_with_the_reviewed_pdf_and_names_what_it_skipped(
    client, adviser, reviewed_with_attachments
):
    opinion = reviewed_with_attachments
    client.force_login(adviser)
    response = client.get(reverse("review_opinion_archive", args=[opinion.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    letter_pages = len(PdfReader(opinion.letter.open("rb")).pages)
    assert len(reader.pages) == letter_pages + 2
    assert opinion.number in reader.pages[0].extract_text()
    outline = [item.title for item in reader.outline]
    assert "附件1：实施细则" in outline
    assert "%E9%99%84%E4%BB%B62" in response["X-Archive-Skipped"]  # 附件2 (DOCX) not merged


def test_archive_is_refused_to_a_drafter_of_another_department(
    client, shiwu_drafter, reviewed_with_attachments
):
    client.force_login(shiwu_drafter)
    response = client.get(reverse("review_opinion_archive", args=[reviewed_with_attachments.pk]))
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"
