"""Drafts with real attachments (PDF/DOCX made here) and readers of findings."""

from cms.models import ContractAttachment, DocumentAttachment
from prereview.services import prereview_evaluate
from tests import factories

VALID_ID = "640303199001011234"  # GB 11643 check digit 4
WRONG_CHECK_DIGIT_ID = "640303199001011236"


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def document(department, *lines: str, attachments=(), **fields):
    """A saved draft in the department's folder; ``attachments`` are (label, bytes, filename)."""
    fields.setdefault("body", paragraphs(*lines) if lines else "")
    page = factories.make_document(department, **fields)
    for label, content, name in attachments:
        file = factories.make_attachment(label, content, name)
        DocumentAttachment.objects.create(page=page, label=label, file=file)
    if attachments:
        page.save_revision()
    return page


def attach_to_contract(contract, label, content, name):
    file = factories.make_attachment(label, content, name)
    ContractAttachment.objects.create(contract=contract, label=label, file=file)
    return contract


def findings(obj, code: str | None = None):
    result = prereview_evaluate(obj).findings
    return [f for f in result if code is None or f.code == code]


def severities(obj, code: str) -> list[str]:
    return [f.severity for f in findings(obj, code)]
