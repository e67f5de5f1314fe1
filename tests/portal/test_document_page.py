"""The document page (government disclosure layout), masking, and what is never public."""

import pytest
from wagtail.models import PageViewRestriction

from cms import privacy
from cms.models import DocumentAttachment, NormativeDocumentPage
from tests import factories
from tests.portal.conftest import CONTRACT, DIBAO, DRAFT, VALID_ID

pytestmark = pytest.mark.django_db

META_LABELS = [
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "标题",
    "发文字号",
    "发布日期",
    "登记编号",
    "施行日期",
    "有效性",
    "有效期至",
]


def test_the_page_shows_the_disclosure_metadata_table(client, library):
    html = client.get(library["dibao"].url).content.decode()
    for label in META_LABELS:
        assert f'<th scope="row">{label}</th>' in html
    assert "640303-MZ/2023-00001" in html
    assert "红民规〔2023〕1号" in html
    assert "2023年3月20日" in html
    assert "<h1>" + DIBAO + "</h1>" in html
    assert "分类施保" in html
    assert "已废止" not in html.split("<main")[1].split("有效性")[0]  # no banner


def test_an_abolished_document_shows_a_banner_with_the_date_and_the_replacement(client, library):
    html = client.get(library["linshi"].url).content.decode()
    banner = html.split('class="banner"')[1].split("</div>")[0]
    assert "本文件已废止" in banner
    assert "2023年4月20日" in banner
    assert DIBAO in banner
    assert library["dibao"].url in banner
    assert "红民规〔2023〕1号" in banner
    replaced = client.get(library["dibao"].url).content.decode()
    assert "本文件替代的文件" in replaced


def test_a_replacement_that_is_not_published_is_not_named(client, library):
    NormativeDocumentPage.objects.filter(pk=library["linshi"].pk).update(
        replaced_by=library["draft"]
    )
    html = client.get(library["linshi"].url).content.decode()
    assert "本文件已废止" in html
    assert DRAFT not in html


def test_attachments_are_listed_with_type_and_size(client, library):
    page = library["dibao"]
    attachment = factories.make_attachment("附件1：申请表", factories.pdf_bytes("申请表"))
    DocumentAttachment.objects.create(page=page, label="附件1：申请表", file=attachment)
    html = client.get(page.url).content.decode()
    assert "附件1：申请表" in html
    assert "（PDF，" in html
    assert attachment.url in html


def test_an_id_number_in_a_live_body_is_masked_on_every_public_page(client, library):
    """The publishing gate refuses such a body; if one gets in anyway, output masks it."""
    page = library["dibao"]
    body = f"<p>公示对象张某，身份证号{VALID_ID}，手机13812345678。</p>"
    NormativeDocumentPage.objects.filter(pk=page.pk).update(
        body=body, title=f"{DIBAO}（{VALID_ID}）"
    )
    for url in [page.url, "/documents/", "/", "/feeds/documents.rss", "/feeds/documents.atom"]:
        html = client.get(url).content.decode()
        assert VALID_ID not in html, url
        assert "13812345678" not in html, url
    html = client.get(page.url).content.decode()
    assert "110105********002X" in html
    assert "138****5678" in html


def test_a_mistyped_id_number_in_a_live_body_is_masked_on_the_public_pages(client, library):
    mistyped = "640303199001010005"  # ID-shaped, wrong check digit (4), passes Luhn
    assert not privacy.is_resident_id(mistyped) and privacy.luhn_ok(mistyped)
    page = library["dibao"]
    NormativeDocumentPage.objects.filter(pk=page.pk).update(
        body=f"<p>公示对象张某，身份证号{mistyped}。</p>", title=f"{DIBAO}（{mistyped}）"
    )
    for url in [page.url, "/documents/", "/feeds/documents.rss"]:
        assert mistyped not in client.get(url).content.decode(), url
    assert "640303********0005" in client.get(page.url).content.decode()


def test_a_draft_is_never_reachable(client, library):
    draft = library["draft"]
    assert client.get(draft.url or f"/documents/jiuzhu/{draft.slug}/").status_code == 404
    assert client.get(f"/consultations/{draft.pk}/").status_code == 404  # not opened
    for url in ["/", "/documents/", "/sitemap.xml", "/feeds/documents.rss", "/consultations/"]:
        assert DRAFT not in client.get(url).content.decode(), url


def test_a_contract_is_never_reachable(client, library):
    for url in [
        "/",
        "/documents/",
        "/documents/?q=入户探访",
        "/sitemap.xml",
        "/feeds/documents.rss",
    ]:
        assert CONTRACT not in client.get(url).content.decode(), url


def test_an_unpublished_document_disappears_from_the_portal(client, library):
    page = library["yanglao"]
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404
    assert page.title not in client.get("/documents/").content.decode()


def test_a_restricted_document_is_not_listed(client, library):
    page = library["yanglao"]
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert page.title not in client.get("/documents/").content.decode()
    assert page.title not in client.get("/feeds/documents.rss").content.decode()


def test_home_lists_the_latest_documents_and_links_the_sections(client, library):
    html = client.get("/").content.decode()
    assert DIBAO in html
    for href in ["/documents/", "/power-list/", "/cleanup-results/", "/consultations/"]:
        assert f'href="{href}"' in html
    assert "目前没有正在征求意见的文件" in html


def test_an_unknown_address_is_a_chinese_404(client, library):
    response = client.get("/documents/no-such-document/")
    assert response.status_code == 404


def test_a_search_highlight_never_shows_an_id_number(client, library):
    from tests.portal.conftest import reindex

    page = library["dibao"]
    NormativeDocumentPage.objects.filter(pk=page.pk).update(
        body=f"<p>公示对象身份证号{VALID_ID}，按月发放。</p>"
    )
    reindex()
    for query in ["身份证号", VALID_ID]:
        response = client.get("/documents/", {"q": query})
        assert [row.document.pk for row in response.context["rows"]] == [page.pk], query
        html = response.content.decode()
        assert VALID_ID not in html, query
        assert "110105********002X" in html, query


def test_a_highlight_mark_splitting_an_id_number_is_masked_as_plain_text():
    from portal.selectors import masked_passage

    passage = f"…身份证号<mark>{VALID_ID[:6]}</mark>{VALID_ID[6:]}，按月…"
    shown = str(masked_passage(passage))
    assert VALID_ID[6:] not in shown
    assert "110105********002X" in shown
    assert str(masked_passage("…<mark>救助</mark>资金…")) == "…<mark>救助</mark>资金…"
