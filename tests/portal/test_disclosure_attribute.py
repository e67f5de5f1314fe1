"""公开属性: a live document that is 依申请公开 or 不予公开 never appears publicly — page, list,
API (list in both filter forms, count, detail, Wagtail's pages), feeds, sitemap, search."""

import pytest

from search.selectors import search_items
from tests import factories
from tests.portal.conftest import DIBAO, reindex

pytestmark = pytest.mark.django_db

TOKEN = "依申请专用标记"


@pytest.fixture(params=["依申请公开", "不予公开"])
def withheld(request, library, jiuzhu):
    page = factories.make_document(
        jiuzhu,
        live=True,
        title=f"{TOKEN}内部管理办法",
        body=f"<p>第一条 {TOKEN}条款。</p>",
        topic="社会救助",
        disclosure_attribute=request.param,
        disclosure_article="第十六条第一款",
        disclosure_reason="内部管理信息。",
    )
    reindex()
    return page


def test_a_withheld_live_document_is_never_public(client, withheld):
    assert withheld.live
    assert client.get(withheld.url).status_code == 404
    for url in [
        "/",
        "/documents/",
        f"/documents/?q={TOKEN}",
        "/sitemap.xml",
        "/feeds/documents.rss",
        "/feeds/documents.atom",
        "/api/v2/documents/",
        "/api/v2/documents/?status=现行有效",
        f"/api/v2/documents/?q={TOKEN}",
        "/api/v2/pages/?limit=50",
        f"/api/v2/pages/?search={TOKEN}",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        text = response.content.decode()
        assert withheld.title not in text and f"{TOKEN}条款" not in text, url
        assert "?q=" in url or "search=" in url or TOKEN not in text, url
    assert client.get(f"/api/v2/documents/{withheld.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{withheld.pk}/").status_code == 404
    assert search_items(user=None, query=TOKEN).total == 0


def test_the_api_totals_leave_withheld_documents_out(client, library, withheld):
    public = client.get("/api/v2/documents/?limit=1").json()
    filtered = client.get("/api/v2/documents/?status=现行有效&limit=1").json()
    listed = client.get("/api/v2/documents/?limit=100").json()
    assert public["total"] == len(listed["items"])
    assert all(TOKEN not in item["title"] for item in listed["items"])
    assert filtered["total"] == len([i for i in listed["items"] if i["topic"] == "社会救助"])


def test_staff_still_find_it_and_the_page_shows_the_attribute(client, library, withheld):
    from django.contrib.auth.models import AnonymousUser

    office = factories.user_with_role("office")
    assert search_items(user=office, query=TOKEN).total == 1
    assert search_items(user=AnonymousUser(), query=TOKEN).total == 0
    html = client.get(library["dibao"].url).content.decode()
    assert "公开属性" in html and "主动公开" in html and DIBAO in html
