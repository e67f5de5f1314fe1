"""Finding 10: an id in a URL too large for the database (20 digits, > 2**63) is a 404,
never an OverflowError 500 — on the portal, our API, Wagtail's stock API, document serve
URLs and the admin's own pages, on SQLite and PostgreSQL alike."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 19  # 10**19 > 2**63 - 1: no SQLite or PostgreSQL integer holds it
JUST_OVER = str(2**63)  # the first value past a signed 64-bit integer
LONG = "9" * 40

PUBLIC = [
    "/consultations/{id}/",
    "/consultations/decisions/{id}/",
    "/api/v2/documents/{id}/",
    "/api/v2/relief-disclosures/{id}/",
    "/api/v2/pages/{id}/",
    "/api/v2/files/{id}/",
    "/api/v2/images/{id}/",
    "/documents/{id}/a.pdf",
]

ADMIN = [
    "/admin/pages/{id}/",
    "/admin/pages/{id}/edit/",
    "/admin/pages/{id}/delete/",
    "/admin/snippets/cms/contract/edit/{id}/",
    "/admin/documents/edit/{id}/",
    "/admin/public-comments/{id}/",
    "/admin/decision-lists/{id}/history/",
    "/admin/review/legal/{id}/",
    "/admin/review/fair-competition/{id}/",
    "/admin/review/deliberation/{id}/",
    "/admin/review/registration/{id}/",
    "/admin/review/sign-off/{id}/",
    "/admin/review/opinions/{id}/letter/",
    "/admin/review/opinions/{id}/archive/",
    "/admin/review/filing/{id}/",
    "/admin/review/revision/{id}/1/{id}/",
    "/admin/review/compare/{id}/1/{id}/{id}/",
    "/admin/review/audit/{id}/1/",
    "/admin/prereview/{id}/1/",
    "/admin/cleanup/{id}/",
    "/admin/cleanup/{id}/run/",
    "/admin/cleanup/{id}/documents/{id}/decision/",
    "/admin/cleanup/decisions/{id}/approve/",
    "/admin/cleanup/{id}/export/list.xlsx",
]


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def administrator(groups):
    client = Client(raise_request_exception=False)
    client.force_login(factories.user_with_role("admin", username="ids-admin", is_superuser=True))
    return client


@pytest.mark.parametrize("digits", [HUGE, JUST_OVER, LONG])
@pytest.mark.parametrize("pattern", PUBLIC)
def test_a_public_url_with_an_id_no_database_can_hold_is_not_found(
    site_tree, anonymous, pattern, digits
):
    response = anonymous.get(pattern.format(id=digits))
    assert response.status_code == 404


@pytest.mark.parametrize("digits", [HUGE, JUST_OVER])
@pytest.mark.parametrize("pattern", ADMIN)
def test_an_admin_url_with_an_id_no_database_can_hold_is_not_found(
    site_tree, administrator, pattern, digits
):
    response = administrator.get(pattern.format(id=digits), follow=True)
    assert response.status_code == 404


def test_an_audit_or_pre_review_url_with_an_out_of_range_object_id_is_not_found(
    site_tree, administrator
):
    from django.contrib.contenttypes.models import ContentType

    from cms.models import Contract, NormativeDocumentPage

    for model in (NormativeDocumentPage, Contract):
        content_type = ContentType.objects.get_for_model(model).pk
        for url in (
            f"/admin/review/audit/{content_type}/{HUGE}/",
            f"/admin/prereview/{content_type}/{HUGE}/",
            f"/admin/review/revision/{content_type}/{HUGE}/1/",
        ):
            assert administrator.get(url).status_code == 404, url


def test_the_api_says_in_chinese_that_an_out_of_range_document_is_not_found(site_tree, anonymous):
    response = anonymous.get(f"/api/v2/documents/{HUGE}/")
    assert response.status_code == 404
    assert "未找到" in response.json()["detail"]


def test_an_existing_consultation_is_still_found_by_its_id(site_tree, anonymous, jiuzhu):
    page = factories.make_document(jiuzhu, live=True)
    assert anonymous.get(f"/api/v2/documents/{page.pk}/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?child_of={id}",
        "/api/v2/pages/?descendant_of={id}",
        "/api/v2/pages/?id={id}",
        "/api/v2/files/?id={id}",
        "/api/v2/documents/?page={id}",
        "/?page={id}",
    ],
)
def test_an_out_of_range_id_in_a_query_parameter_is_never_a_500(site_tree, anonymous, url):
    response = anonymous.get(url.format(id=HUGE))
    assert response.status_code in {200, 400, 404}
