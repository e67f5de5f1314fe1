"""Each 附件 shows where its text extraction stands, where the clerk sees it: the
document's attachment rows in the admin edit form (cms.attachment_states) — 排队中 while
the task waits for the worker, then 已提取 or 提取失败 with the reason."""

import re

import pytest
from django.urls import reverse

from cms.models import DocumentAttachment
from tests import factories
from tests.background.conftest import run_worker_batch

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LINE = "临时救助先行救助"


def states(response) -> list[tuple[str, str]]:
    """The attachment rows' extraction states in the edit form, in order: (code, text)."""
    html = response.content.decode()
    found = re.findall(r'data-extraction-state="(\w+)"><strong>([^<]+)</strong>([^<]*)', html)
    return [(code, f"{label}{note}") for code, label, note in found]


def test_the_edit_form_shows_queued_then_extracted_or_failed(
    database_queue, django_capture_on_commit_callbacks, client, site_tree, jiuzhu, jiuzhu_drafter
):
    page = factories.make_document(jiuzhu)
    with django_capture_on_commit_callbacks(execute=True):
        readable = factories.make_attachment("细则", factories.docx_bytes(LINE), name="a.docx")
        broken = factories.make_attachment("残缺", factories.pdf_bytes("x")[:200], name="b.pdf")
    draft = page.get_latest_revision_as_object()
    draft.attachments = [
        DocumentAttachment(label="附件1：细则", file=readable),
        DocumentAttachment(label="附件2：残缺", file=broken),
    ]
    draft.save_revision(user=jiuzhu_drafter)
    client.force_login(jiuzhu_drafter)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])

    before = states(client.get(edit))

    assert [code for code, _ in before] == ["queued", "queued"]
    assert all(text.startswith("文字提取排队中：等待后台任务处理") for _, text in before)

    run_worker_batch("w", "--no-scheduler")

    (readable_state, readable_text), (broken_state, broken_text) = states(client.get(edit))
    assert (readable_state, broken_state) == ("extracted", "failed")
    assert readable_text.startswith("已提取文字")
    assert broken_text.startswith("文字提取失败：文件已损坏")
