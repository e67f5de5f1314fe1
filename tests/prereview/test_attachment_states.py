"""The pre-review report lists each attachment of the version it read with its text
extraction state and the reason when no text could be read."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests import factories
from tests.prereview.helpers import document

pytestmark = pytest.mark.django_db


def test_the_report_shows_each_attachments_extraction_state(
    site_tree, jiuzhu, jiuzhu_drafter, client
):
    locked = factories.encrypted_pdf(factories.chinese_pdf_bytes("保密"), "secret")
    page = document(
        jiuzhu,
        "第一条 为规范临时救助工作，制定本办法。",
        attachments=[
            ("附件1：实施细则", factories.docx_bytes("临时救助实施细则"), "a.docx"),
            ("附件2：加密文件", locked, "b.pdf"),
        ],
    )
    content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    client.force_login(jiuzhu_drafter)

    response = client.get(reverse("prereview_object", args=[content_type.pk, page.pk]))

    assert response.status_code == 200
    rows = re.findall(
        r'<tr data-extraction-state="(\w+)"><td>([^<]+)</td><td>([^<]+)</td><td>([^<]*)</td>',
        response.content.decode(),
    )
    assert [(code, label, state) for code, label, state, _ in rows] == [
        ("extracted", "附件1：实施细则", "已提取文字"),
        ("failed", "附件2：加密文件", "文字提取失败"),
    ]
    assert "文件已加密" in rows[1][3]
