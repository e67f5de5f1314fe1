"""The admin page form's two behaviours that used private Wagtail/Django names before
(``Page._slug_is_available``, ``BaseFormSet._should_delete_form``), through the real
admin add view: a blank slug gets the next free suffix among its siblings, and an
attachment row the user deletes is not questioned."""

import pytest
from wagtail.test.utils.form_data import inline_formset

from cms.forms import UNSEEN_FILE
from cms.models import NormativeDocumentPage
from tests import factories
from tests.cms.admin_forms import document_form
from tests.review import helpers as h
from tests.security.files import (
    file_in_collection,
    files_on_disk,  # noqa: F401  (autouse fixture)
)

pytestmark = pytest.mark.django_db

TITLE = "关于规范婚姻登记预约服务的通知"


def test_a_blank_slug_takes_the_next_free_suffix(login, site_tree, shiwu, shiwu_drafter):
    client = login(shiwu_drafter)
    for _ in range(2):
        response = client.post(h.add_document_url(shiwu), document_form(title=TITLE))
        assert response.status_code == 302, response.context["form"].errors
    slugs = sorted(NormativeDocumentPage.objects.filter(title=TITLE).values_list("slug", flat=True))
    assert len(slugs) == 2
    assert slugs[1] == f"{slugs[0]}-2"


def test_a_deleted_attachment_row_is_not_questioned(login, site_tree, jiuzhu, shiwu, shiwu_drafter):
    unseen = file_in_collection(jiuzhu, "合同正文", factories.pdf_bytes("x"), "c.pdf")
    client = login(shiwu_drafter)
    row = {"label": "附件1", "file": str(unseen.pk)}

    kept = client.post(
        h.add_document_url(shiwu), document_form(title=TITLE, attachments=inline_formset([row]))
    )
    assert UNSEEN_FILE in kept.context["form"].formsets["attachments"].forms[0].errors["file"]

    deleted = client.post(
        h.add_document_url(shiwu),
        document_form(title=TITLE, attachments=inline_formset([{**row, "DELETE": "1"}])),
    )
    assert deleted.status_code == 302
    page = NormativeDocumentPage.objects.get(title=TITLE)
    assert not page.attachments.exists()
