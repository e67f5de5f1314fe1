"""The plain documents list (its own SQL, its own JSON): a bounded number of queries at any
page size, the shape its schema documents, private sections left out, the count's index."""

from datetime import date

import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from cms.models import DocumentAttachment
from portal.api.schemas import AttachmentOut, DocumentList, DocumentOut, DocumentRef
from tests import factories
from tests.portal.api.conftest import DIBAO, LABOUR, document

pytestmark = pytest.mark.django_db
URL = "/api/v2/documents/"
NO_CACHE = {"HTTP_CACHE_CONTROL": "no-cache"}  # past the answer cache: every query runs
# private sections, the window, the total, attachments, replacing documents, Last-Modified
QUERIES = 6


@pytest.fixture
def replaced(portal, jiuzhu):
    """Twelve more live documents, each with an attachment and replaced by the 低保 细则."""
    pages = []
    for number in range(1, 13):
        page = document(
            jiuzhu,
            f"城乡低保审核确认办法（第{number}版）",
            "<p>已被新细则替代。</p>",
            day=date(2020, 1, number),
            doc_number=f"红民发〔2020〕{number}号",
            topic="社会救助",
            validity_status="已废止",
            status_changed_on=date(2024, 5, 10),
            replaced_by=portal["dibao"],
        )
        file = factories.make_attachment(f"申请表{number}")
        DocumentAttachment.objects.create(page=page, file=file, label=f"附件：申请表{number}")
        pages.append(page)
    return pages


@pytest.mark.parametrize("limit", [2, 17])
def test_the_list_runs_the_same_few_queries_whatever_the_page_size(
    replaced, client, django_assert_max_num_queries, limit
):
    client.get(URL, {"limit": 1}, **NO_CACHE)  # the site's root paths, cached per process
    with django_assert_max_num_queries(QUERIES):
        response = client.get(URL, {"limit": limit, "ordering": "published_on"}, **NO_CACHE)
    items = response.json()["items"]
    assert len(items) == limit and response.json()["total"] == 17
    old = [item for item in items if item["title"].startswith("城乡低保审核确认办法")]
    assert old and all(item["replaced_by"]["title"] == DIBAO for item in old)
    assert all(len(item["attachments"]) == 1 for item in old)


def test_the_list_answer_has_exactly_the_fields_its_schema_documents(replaced, get):
    data = get(URL, limit=100).data
    DocumentList.model_validate(data)  # types too: a wrong one raises
    assert set(data) == set(DocumentList.model_fields)
    for item in data["items"]:
        assert list(item) == list(DocumentOut.model_fields)  # and in the schema's order
        for attachment in item["attachments"]:
            assert list(attachment) == list(AttachmentOut.model_fields)
        if item["replaced_by"] is not None:
            assert list(item["replaced_by"]) == list(DocumentRef.model_fields)


def test_a_list_item_says_what_the_validated_detail_says(replaced, get):
    """The list writes its own JSON; the detail goes through ninja's validation."""
    listed = {item["id"]: item for item in get(URL, limit=100).data["items"]}
    for page in (replaced[0], replaced[5]):
        detail = get(f"{URL}{page.pk}/").data
        for detail_only in ("body", "disclosure_attribute", "interpretations"):
            detail.pop(detail_only)
        assert listed[page.pk] == detail


def test_a_view_restricted_section_leaves_the_list_and_its_totals(portal, get, jiuzhu):
    PageViewRestriction.objects.create(
        page=factories.folder_of(jiuzhu), restriction_type=PageViewRestriction.LOGIN
    )
    for params in ({}, {"limit": 1}, {"limit": 1, "status": "现行有效"}):
        data = get(URL, **params).data
        assert data["total"] == 1, params  # only the 劳动用工 notice is outside 救助站
        assert [item["title"] for item in data["items"]] == [LABOUR]
    assert get(f"{URL}{portal['dibao'].pk}/").status_code == 404


def test_the_total_is_counted_through_its_covering_index():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert indexes["cms_live_page_by_type"]["columns"] == [
        "content_type_id",
        "live",
        "path",
        "depth",
    ]
