"""Normative documents through the Wagtail admin: validation keeps what was typed."""

import pytest
from django.urls import reverse

from cms.models import NormativeDocumentPage
from tests import factories
from tests.cms.admin_forms import document_form

pytestmark = pytest.mark.django_db


def add_url(folder):
    return reverse("wagtailadmin_pages:add", args=["cms", "normativedocumentpage", folder.pk])


def post_new_document(client, department, **fields):
    return client.post(add_url(factories.folder_of(department)), document_form(**fields))


def test_drafter_creates_a_draft_in_own_department(login, jiuzhu_drafter, jiuzhu):
    client = login(jiuzhu_drafter)
    response = post_new_document(client, jiuzhu, doc_number="红民发[2026]3号")
    assert response.status_code == 302, response.context["form"].errors
    page = NormativeDocumentPage.objects.get()
    assert page.doc_number == "红民发〔2026〕3号"
    assert page.department == jiuzhu
    assert not page.live


def test_the_new_document_form_shows_its_drafting_department(login, jiuzhu_drafter, jiuzhu):
    """起草科室 is read-only and comes from the folder: shown from the start, never "None"."""
    client = login(jiuzhu_drafter)
    html = client.get(add_url(factories.folder_of(jiuzhu))).content.decode()
    department_field = html[html.index("起草科室") :][:1500]
    assert jiuzhu.name in department_field
    assert "None" not in department_field


def form_errors(response):
    form = response.context["form"]
    return {field: " ".join(errors) for field, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"doc_number": "红民发2026年3号"}, "doc_number", "发文字号"),
        ({"title": "关" * 201}, "title", "标题不能超过200个字符"),
        (
            {"written_on": "2026-03-10", "published_on": "2026-03-01"},
            "published_on",
            "发布日期不能早于成文日期",
        ),
        (
            {"published_on": "2026-03-10", "effective_on": "2026-03-01"},
            "effective_on",
            "施行日期不能早于发布日期",
        ),
        (
            {"effective_on": "2026-01-01", "valid_until": "2031-06-01"},
            "valid_until",
            "有效期最长5年",
        ),
        (
            {
                "title": "临时救助暂行办法",
                "effective_on": "2026-01-01",
                "valid_until": "2029-01-01",
            },
            "valid_until",
            "最长2年",
        ),
    ],
)
def test_refused_document_names_the_field_and_keeps_what_was_typed(
    login, jiuzhu_drafter, jiuzhu, fields, field, message
):
    client = login(jiuzhu_drafter)
    response = post_new_document(client, jiuzhu, index_number="640303-2026-0007", **fields)
    assert response.status_code == 200
    assert message in form_errors(response)[field]
    html = response.content.decode()
    assert "640303-2026-0007" in html  # another field the user typed is still there
    for value in fields.values():
        assert value[:50] in html
    assert not NormativeDocumentPage.objects.exists()


def test_duplicate_doc_number_is_refused_whatever_the_brackets(login, jiuzhu_drafter, jiuzhu):
    factories.make_document(jiuzhu, title="既有文件", doc_number="红民发〔2026〕3号", live=True)
    client = login(jiuzhu_drafter)
    response = post_new_document(client, jiuzhu, doc_number="红民发【2026】3号")
    assert response.status_code == 200
    assert "已被《既有文件》使用" in form_errors(response)["doc_number"]


def test_validity_is_computed_when_left_blank(login, jiuzhu_drafter, jiuzhu):
    client = login(jiuzhu_drafter)
    post_new_document(
        client, jiuzhu, title="养老服务补贴发放办法（试行）", effective_on="2026-03-01"
    )
    page = NormativeDocumentPage.objects.get()
    assert str(page.valid_until) == "2028-02-29"


def test_abolished_document_needs_its_date(login, office_user, jiuzhu):
    client = login(office_user)
    response = post_new_document(client, jiuzhu, validity_status="已废止")
    assert "废止日期" in form_errors(response)["status_changed_on"]
