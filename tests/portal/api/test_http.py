"""HTTP behaviour for portal clients: ETag/Last-Modified and 304, CORS, rate limit, stock v2."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v2/documents/"
PORTAL = "https://www.hongsibu.gov.cn"


def test_a_repeated_request_with_the_etag_is_a_304(portal, client):
    first = client.get(URL)
    assert first.status_code == 200
    assert first["Cache-Control"] in {"public, max-age=60", "max-age=60, public"}
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get(URL, {"limit": 1}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200


def test_a_new_publication_changes_the_etag(portal, client, jiuzhu):
    from tests import factories

    first = client.get(URL)
    factories.make_document(jiuzhu, live=True, title="新发布的文件")
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    "path",
    ["/api/v2/decision-lists/", "/api/v2/power-list/", "/api/v2/consultations/", "/api/v2/pages/"],
)
def test_every_endpoint_answers_304_to_its_etag(portal, client, path):
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_cors_allows_the_configured_portal_origin_only(portal, client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PORTAL]
    allowed = client.get(URL, HTTP_ORIGIN=PORTAL)
    assert allowed["Access-Control-Allow-Origin"] == PORTAL
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get(URL, HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options(URL, HTTP_ORIGIN=PORTAL, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight["Access-Control-Allow-Origin"] == PORTAL
    assert "Access-Control-Allow-Origin" not in client.get("/admin/login/", HTTP_ORIGIN=PORTAL)


def test_too_many_requests_from_one_address_get_a_429_in_chinese(portal, client, settings):
    settings.API_RATE_LIMIT = "3/m"
    settings.CORS_ALLOWED_ORIGINS = [PORTAL]
    codes = [client.get(URL).status_code for _ in range(3)]
    limited = client.get(URL, HTTP_ORIGIN=PORTAL)
    assert codes == [200, 200, 200]
    assert limited.status_code == 429
    assert "请求过于频繁" in limited.json()["detail"]
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited["Access-Control-Allow-Origin"] == PORTAL  # the portal can read the 429
    assert client.get(URL, REMOTE_ADDR="10.0.0.8").status_code == 200  # another client
    assert client.get("/admin/login/").status_code == 200  # only the API is limited


def test_the_rate_limit_can_be_switched_off(portal, client, settings):
    settings.API_RATE_LIMIT = "0"
    assert all(client.get("/api/v2/power-list/").status_code == 200 for _ in range(5))


def test_wagtails_stock_endpoints_keep_working(portal, client):
    pages = client.get("/api/v2/pages/", {"type": "cms.NormativeDocumentPage"})
    assert pages.status_code == 200
    assert pages.json()["meta"]["total_count"] == 5
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/files/").status_code == 200


def test_answers_are_cached_until_anything_is_published_or_withdrawn(portal, client, jiuzhu):
    from tests import factories

    first = client.get(URL)
    assert first["X-Api-Cache"] == "miss"
    assert client.get(URL)["X-Api-Cache"] == "hit"
    assert client.get(URL, HTTP_CACHE_CONTROL="no-cache").get("X-Api-Cache") is None
    dibao = portal["dibao"]
    dibao.unpublish()  # withdrawn: must vanish at once, not after the cache expires
    after = client.get(URL)
    assert after["X-Api-Cache"] == "miss"
    assert dibao.pk not in [item["id"] for item in after.json()["items"]]
    assert client.get(f"{URL}{dibao.pk}/").status_code == 404
    factories.make_document(
        jiuzhu, live=True, title="新发布的实施办法", published_on=date(2025, 1, 2)
    )
    assert client.get(URL).json()["items"][0]["title"] == "新发布的实施办法"


def test_the_server_cache_can_be_switched_off(portal, client, settings):
    settings.API_RESPONSE_CACHE = False
    client.get(URL)
    assert client.get(URL).get("X-Api-Cache") is None
