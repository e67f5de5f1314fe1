"""Attachment downloads (/documents/<id>/<filename>) obey publication and department.

Real files (pypdf, python-docx) through Wagtail's own serve view and our
``before_serve_document`` hook; the files/ API must list exactly what anyone may download.
"""

import importlib
from datetime import timedelta

import pytest
from django.urls import clear_url_caches
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import attachment_access
from cms.models import ContractAttachment, DocumentAttachment
from tests import factories
from tests.portal.conftest import open_for_consultation

pytestmark = pytest.mark.django_db

PUBLISHED = "城乡低保申请审批表"


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """Wagtail's serve view sends files from a filesystem path: the test settings' in-memory
    storage has none, so these tests keep their files in a real media directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def attach(title: str, content: bytes | None = None, name: str = "a.pdf", collection=None):
    file = factories.make_attachment(title, content, name=name)
    if collection is not None:
        file.collection = collection
        file.save()
    return file


def document_with(department, file, *, live: bool, **fields):
    fields.setdefault("title", f"关于{file.title}的通知")
    return factories.make_document(
        department,
        live=live,
        attachments=[DocumentAttachment(file=file, label=file.title)],
        **fields,
    )


def download(client, file):
    response = client.get(file.url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response.status_code, body


@pytest.fixture
def published(site_tree, jiuzhu):
    content = factories.chinese_pdf_bytes("附件1：" + PUBLISHED)
    file = attach(PUBLISHED, content, name="dibao.pdf")
    page = document_with(jiuzhu, file, live=True)
    return {"file": file, "page": page, "bytes": content}


@pytest.fixture
def draft_file(site_tree, jiuzhu):
    file = attach("草稿附件", factories.docx_bytes("尚未公布的附件正文"), name="draft.docx")
    document_with(jiuzhu, file, live=False, title="殡葬服务管理办法（草稿）")
    return file


@pytest.fixture
def pending_file(published, jiuzhu):
    """Added to the live page in a draft revision only: the live rows do not hold it."""
    file = attach("修订草案新增附件", name="pending.pdf")
    page = published["page"]
    page.attachments.add(DocumentAttachment(file=file, label="附件2"))
    page.save_revision()
    return file


@pytest.fixture
def contract_file(jiuzhu):
    file = attach("合同文本", name="contract.pdf")
    contract = factories.ContractFactory(department=jiuzhu)
    ContractAttachment.objects.create(contract=contract, file=file, label="合同正文")
    return file


def test_anyone_downloads_a_published_documents_attachment(client, published):
    status, body = download(client, published["file"])
    assert status == 200
    assert body == published["bytes"]


def test_the_portal_page_links_the_attachment_and_the_link_downloads(client, published):
    html = client.get(published["page"].url).content.decode()
    assert published["file"].url in html
    assert download(client, published["file"])[0] == 200


@pytest.mark.parametrize("which", ["draft_file", "pending_file", "contract_file"])
def test_anonymous_gets_a_404_for_unreleased_files(client, request, which):
    file = request.getfixturevalue(which)
    response = client.get(file.url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_file_in_a_live_pages_draft_stays_private_until_published(
    client, published, pending_file
):
    assert not attachment_access.is_public(pending_file)
    factories.issue_as_legacy(published["page"])
    assert download(client, pending_file)[0] == 200


def test_a_view_restricted_pages_attachment_is_not_public(client, published):
    PageViewRestriction.objects.create(
        page=published["page"], restriction_type=PageViewRestriction.LOGIN
    )
    assert download(client, published["file"])[0] == 404


def test_an_unpublished_documents_attachment_is_denied(client, published):
    assert download(client, published["file"])[0] == 200
    published["page"].unpublish()
    assert download(client, published["file"])[0] == 404


def test_another_departments_drafter_gets_a_chinese_403(
    login, shiwu_drafter, draft_file, pending_file, contract_file
):
    client = login(shiwu_drafter)
    for file in (draft_file, pending_file, contract_file):
        response = client.get(file.url)
        assert response.status_code == 403, file.title
        assert "无权下载该附件" in response.content.decode()


@pytest.mark.parametrize("who", ["jiuzhu_drafter", "adviser", "office_user", "leader"])
def test_own_department_and_bureau_roles_download_unreleased_files(
    login, request, who, draft_file, pending_file, contract_file
):
    client = login(request.getfixturevalue(who))
    for file in (draft_file, pending_file, contract_file):
        status, body = download(client, file)
        assert status == 200, (who, file.title)
        assert body == file.file.open("rb").read()


def test_a_file_replaced_in_a_later_revision_stays_with_that_revisions_readers(
    client, login, site_tree, jiuzhu, jiuzhu_drafter, shiwu_drafter, adviser
):
    """The adviser's opinion judged the first version: its attachment still opens for the
    adviser and the drafting department after the drafter replaced it, for nobody else."""
    first = attach("送审稿附件", factories.docx_bytes("第一次送审的附件"), name="first.docx")
    page = document_with(jiuzhu, first, live=False, title="殡葬服务管理办法（送审稿）")
    second = attach("修改后附件", name="second.pdf")
    page.attachments = [DocumentAttachment(file=second, label="附件")]
    page.save()
    page.save_revision()
    holders = list(attachment_access.holders_of(first))
    assert [holder.pk for holder in holders] == [page.pk]
    assert first.pk not in attachment_access.files_of(page)  # only the older revision has it
    assert download(client, first)[0] == 404
    assert login(shiwu_drafter).get(first.url).status_code == 403
    for reader in (adviser, jiuzhu_drafter):
        status, body = download(login(reader), first)
        assert status == 200 and body == first.file.open("rb").read()


def test_decision_evidence_is_for_the_lead_unit_and_the_bureau_only(
    client, login, site_tree, jiuzhu, jiuzhu_drafter, shiwu_drafter, adviser
):
    evidence = attach("风险评估报告", name="risk.pdf")
    decision_list = factories.make_decision_list()
    factories.make_decision_item(decision_list, jiuzhu, risk_assessment_evidence=evidence)
    decision_list.save_revision()
    factories.issue_as_legacy(decision_list)  # the list is public, its evidence is not
    assert download(client, evidence)[0] == 404
    assert login(shiwu_drafter).get(evidence.url).status_code == 403
    assert login(jiuzhu_drafter).get(evidence.url).status_code == 200
    assert login(adviser).get(evidence.url).status_code == 200


def test_a_file_attached_to_nothing_is_for_its_collections_editors(
    client, login, jiuzhu, jiuzhu_drafter, shiwu_drafter, adviser
):
    file = attach("刚上传的附件", name="new.pdf", collection=jiuzhu.collection)
    assert download(client, file)[0] == 404
    assert login(shiwu_drafter).get(file.url).status_code == 403
    assert login(adviser).get(file.url).status_code == 403  # may choose, not edit, files
    assert login(jiuzhu_drafter).get(file.url).status_code == 200


def test_a_file_linked_from_a_published_documents_text_downloads(client, site_tree, jiuzhu):
    file = attach("办事指南", name="guide.pdf")
    assert download(client, file)[0] == 404
    factories.make_document(
        jiuzhu, live=True, body=f'<p>详见<a linktype="document" id="{file.pk}">办事指南</a>。</p>'
    )
    assert download(client, file)[0] == 200


def test_the_files_api_lists_exactly_what_anyone_may_download(
    client, published, draft_file, pending_file, contract_file, jiuzhu
):
    unattached = attach("未关联附件", name="loose.pdf", collection=jiuzhu.collection)
    files = [published["file"], draft_file, pending_file, contract_file, unattached]
    listed = {item["id"] for item in client.get("/api/v2/files/").json()["items"]}
    downloadable = {file.pk for file in files if client.get(file.url).status_code == 200}
    assert listed == downloadable == {published["file"].pk}
    assert client.get(f"/api/v2/files/{contract_file.pk}/").status_code == 404


def test_debug_serves_media_images_but_never_attachments(settings, client, published):
    image = settings.MEDIA_ROOT / "original_images" / "logo.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"an image")
    import cms.urls

    settings.DEBUG = True
    try:
        importlib.reload(cms.urls)
        clear_url_caches()
        assert client.get("/media/original_images/logo.png").status_code == 200
        assert client.get(f"/media/{published['file'].file.name}").status_code == 404
        assert client.get(published["file"].url).status_code == 200
    finally:
        settings.DEBUG = False
        importlib.reload(cms.urls)
        clear_url_caches()


def test_a_draft_open_for_comment_shares_its_attachments_while_the_window_is_open(
    client, site_tree, jiuzhu
):
    file = attach("附件：临时救助申请表", name="form.pdf")
    page = document_with(jiuzhu, file, live=False, title="关于临时救助的实施办法")
    assert download(client, file)[0] == 404
    open_for_consultation(page)
    html = client.get(f"/consultations/{page.pk}/").content.decode()
    assert file.url in html and "附件：临时救助申请表" in html
    assert download(client, file)[0] == 200
    assert attachment_access.public_files().filter(pk=file.pk).exists()  # files/ agrees
    open_for_consultation(page, start=timezone.localdate() - timedelta(days=30), days=10)
    assert download(client, file)[0] == 404  # closed: the page no longer shows the text
