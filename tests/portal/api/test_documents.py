"""documents/ and documents/{id}/: metadata, every filter, ordering and paging."""

import pytest

from tests.portal.api.conftest import ABOLISHED, DIBAO, LABOUR, PENDING_LIVE, PUBLICITY

pytestmark = pytest.mark.django_db
URL = "/api/v2/documents/"


def titles(response) -> list[str]:
    return [item["title"] for item in response.data["items"]]


def test_the_list_shows_every_live_document_newest_first_with_portal_metadata(portal, get):
    response = get(URL)
    assert response.status_code == 200
    assert response.data["total"] == 5
    assert response.data["limit"] == 20 and response.data["max_limit"] == 100
    assert [t[:10] for t in titles(response)] == [
        PUBLICITY[:10],
        DIBAO[:10],
        LABOUR[:10],
        PENDING_LIVE[:10],
        ABOLISHED[:10],
    ]
    dibao = response.data["items"][1]
    assert dibao["doc_number"] == "红民发〔2024〕5号"
    assert dibao["issuer"] == "吴忠市红寺堡区民政局"
    assert dibao["index_number"] == "640303-001/2024-00005"
    assert dibao["registration_number"] == "红民登〔2024〕2号"
    assert dibao["published_on"] == "2024-05-10" and dibao["written_on"] == "2024-05-10"
    assert dibao["validity_status"] == "现行有效" and dibao["topic"] == "社会救助"
    assert dibao["effective_on"] == "2024-06-01"
    assert dibao["valid_until"] == "2029-05-31"  # computed by the model: 5 years by default
    assert dibao["api_url"] == f"/api/v2/documents/{portal['dibao'].pk}/"
    (attachment,) = dibao["attachments"]
    assert attachment["title"] == "附件1：低保申请表"
    assert attachment["url"].startswith(f"/documents/{portal['attachment'].pk}/")
    assert attachment["type"] == "pdf" and attachment["content_type"] == "application/pdf"
    assert attachment["size"] == portal["attachment"].file_size > 0
    assert "body" not in dibao and "highlights" in dibao and dibao["highlights"] is None


def test_an_abolished_document_names_its_replacement(portal, get):
    response = get(f"{URL}{portal['abolished'].pk}/")
    assert response.data["validity_status"] == "已废止"
    assert response.data["status_changed_on"] == "2024-05-10"
    assert response.data["replaced_by"]["title"] == DIBAO
    assert response.data["replaced_by"]["doc_number"] == "红民发〔2024〕5号"
    assert response.data["replaced_by"]["api_url"] == f"/api/v2/documents/{portal['dibao'].pk}/"


def test_the_detail_carries_body_and_attachments(portal, get):
    response = get(f"{URL}{portal['dibao'].pk}/")
    assert response.status_code == 200
    assert response.data["body"] == "<p>对城乡低保对象实行分类施保，特困人员按规定另行救助。</p>"
    assert response.data["attachments"][0]["title"] == "附件1：低保申请表"
    assert response.data["replaced_by"] is None


FILTER_CASES = [
    ({"status": "已废止"}, {ABOLISHED}),
    ({"year": 2023}, {LABOUR}),
    ({"category": "养老服务"}, {PENDING_LIVE}),
    ({"issuer": "吴忠市红寺堡区人民政府办公室"}, {LABOUR}),
    ({"doc_number": "红民发〔2024〕5号"}, {DIBAO}),
    ({"doc_number": "红民发[2024]5号"}, {DIBAO}),
    ({"doc_number": "红民发【2024】05号"}, {DIBAO}),
    ({"doc_number": "红民发（2023）3号"}, {LABOUR}),
    ({"published_after": "2024-05-10", "published_before": "2024-05-31"}, {DIBAO}),
    ({"published_before": "2021-12-31"}, {ABOLISHED}),
    ({"status": "现行有效", "category": "社会救助", "year": 2024}, {DIBAO, PUBLICITY}),
    ({"year": 2030}, set()),
]


def test_each_filter_narrows_the_list(portal, get):
    for params, expected in FILTER_CASES:
        response = get(URL, **params)
        assert response.status_code == 200, (params, response.data)
        found = {t.split("（咨询")[0] for t in titles(response)}
        assert found == expected, params
        assert response.data["total"] == len(expected), params


def test_ordering_oldest_first(portal, get):
    response = get(URL, ordering="published_on")
    assert titles(response)[0] == ABOLISHED
    assert response.data["ordering"] == "published_on"


def test_paging_by_limit_offset_and_page_keeps_the_total(portal, get):
    first = get(URL, limit=2)
    second = get(URL, limit=2, page=2)
    third = get(URL, limit=2, offset=4)
    assert [r.data["total"] for r in (first, second, third)] == [5, 5, 5]
    assert len(first.data["items"]) == 2 and len(third.data["items"]) == 1
    assert second.data["offset"] == 2 and second.data["page"] == 2
    seen = titles(first) + titles(second) + titles(third)
    assert len(set(seen)) == 5


def test_a_huge_limit_is_capped_at_the_documented_maximum(portal, get):
    response = get(URL, limit=1000)
    assert response.status_code == 200
    assert response.data["limit"] == 100 and response.data["max_limit"] == 100
    assert response.data["total"] == 5 and len(response.data["items"]) == 5
    assert get(URL, limit=10**40).data["limit"] == 100


def test_beyond_the_last_page_is_empty_not_an_error(portal, get):
    response = get(URL, page=99)
    assert response.status_code == 200
    assert response.data["items"] == [] and response.data["total"] == 5


@pytest.mark.parametrize(
    ("params", "parameter", "words"),
    [
        ({"colour": "red"}, "colour", "不支持的查询参数：colour"),
        ({"type": "cms.NormativeDocumentPage"}, "type", "不支持的查询参数"),
        ({"published_after": "2024-13-01"}, "published_after", "日期"),
        ({"published_before": "yesterday"}, "published_before", "日期"),
        (
            {"published_after": "2024-06-01", "published_before": "2024-01-01"},
            "published_after",
            "不能晚于",
        ),
        ({"page": -1}, "page", "不能小于 1"),
        ({"page": 0}, "page", "不能小于 1"),
        ({"limit": 0}, "limit", "不能小于 1"),
        ({"limit": "abc"}, "limit", "须为整数"),
        ({"offset": -5}, "offset", "不能小于 0"),
        ({"offset": 10**12}, "offset", "不能大于"),
        ({"offset": 2, "page": 2}, "page", "不能同时使用"),
        ({"year": "二〇二四"}, "year", "须为整数"),
        ({"status": "有效"}, "status", "只能是以下值之一"),
        ({"category": "财政"}, "category", "只能是以下值之一"),
        ({"doc_number": "第五号"}, "doc_number", "格式不正确"),
        ({"ordering": "title"}, "ordering", "只能是以下值之一"),
        ({"ordering": "relevance"}, "ordering", "q"),
    ],
)
def test_bad_input_is_a_400_in_chinese_naming_the_parameter(db, get, params, parameter, words):
    response = get(URL, **params)
    assert response.status_code == 400, response.content
    assert response.data["parameter"] == parameter
    assert words in response.data["detail"]


def test_unknown_parameters_on_the_detail_are_refused_too(portal, get):
    response = get(f"{URL}{portal['dibao'].pk}/", fields="*")
    assert response.status_code == 400
    assert response.data["parameter"] == "fields"


def test_an_unknown_id_is_a_404_in_chinese(portal, get):
    response = get(f"{URL}987654/")
    assert response.status_code == 404
    assert "未找到" in response.data["detail"]


def test_rich_text_links_come_out_as_the_portal_renders_them(portal, get, jiuzhu):
    from tests import factories

    attachment = portal["attachment"]
    page = factories.make_document(
        jiuzhu,
        live=True,
        title="关于印发低保申请表的通知",
        body=f'<p>见<a linktype="document" id="{attachment.pk}">申请表</a>。</p>',
    )
    body = get(f"{URL}{page.pk}/").data["body"]
    assert 'linktype="document"' not in body
    assert f'href="/documents/{attachment.pk}/' in body


@pytest.mark.parametrize("path", [URL + "?limit=2&offset=3", "detail"])
def test_a_request_reads_the_view_restrictions_once(portal, get, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if path == "detail":
        path = f"{URL}{portal['dibao'].pk}/"
    with CaptureQueriesContext(connection) as queries:
        response = get(path)
    assert response.status_code == 200
    restrictions = [q for q in queries if "pageviewrestriction" in q["sql"].lower()]
    assert len(restrictions) == 1
