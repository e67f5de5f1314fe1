"""relief-disclosures/ and relief-disclosures/{id}/: live monthly lists, filters, rows."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ROWS = [
    ("马玉花", "红寺堡镇", "朝阳村", 3, "1680.00", ""),
    ("杨建国", "大河乡", "龙源村", 1, "560.50", "新纳入"),
]


@pytest.fixture
def lists(site_tree, groups, jiuzhu, shiwu):
    return {
        "jan": factories.make_relief_disclosure(jiuzhu, 2023, 1, rows=ROWS),
        "feb": factories.make_relief_disclosure(jiuzhu, 2023, 2, rows=ROWS[:1]),
        "temp": factories.make_relief_disclosure(shiwu, 2024, 2, "临时救助", rows=ROWS[1:]),
        "draft": factories.make_relief_disclosure(jiuzhu, 2024, 3),
        "unpublished": factories.make_relief_disclosure(jiuzhu, 2024, 4, live=False),
    }


def test_the_list_is_newest_first_with_totals(lists, get):
    response = get("/api/v2/relief-disclosures/")
    assert response.status_code == 200
    data = response.data
    assert data["total"] == 4
    months = [(i["year"], i["month"], i["type"]) for i in data["items"]]
    assert months == [
        (2024, 3, "城乡低保"),
        (2024, 2, "临时救助"),
        (2023, 2, "城乡低保"),
        (2023, 1, "城乡低保"),
    ]
    jan = data["items"][-1]
    assert jan["department"] == "社会救助站"
    assert (jan["households"], jan["people"], jan["amount"]) == (2, 4, "2240.50")
    assert jan["api_url"] == f"/api/v2/relief-disclosures/{lists['jan'].pk}/"
    assert jan["html_url"] == lists["jan"].url
    assert "rows" not in jan


def test_filters_by_type_year_and_month(lists, get):
    def ids(**params):
        return [i["id"] for i in get("/api/v2/relief-disclosures/", **params).data["items"]]

    assert ids(type="临时救助") == [lists["temp"].pk]
    assert ids(year=2023) == [lists["feb"].pk, lists["jan"].pk]
    assert ids(year=2023, month=1) == [lists["jan"].pk]
    assert ids(month=2) == [lists["temp"].pk, lists["feb"].pk]
    assert ids(limit=1, page=2) == [lists["temp"].pk]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"type": "救济粮"}, "type"), ({"month": "13"}, "month"), ({"kind": "x"}, "kind")],
)
def test_bad_filters_are_a_chinese_400(lists, get, params, parameter):
    response = get("/api/v2/relief-disclosures/", **params)
    assert response.status_code == 400
    assert response.data["parameter"] == parameter
    assert "参数" in response.data["detail"] or "查询参数" in response.data["detail"]


def test_the_detail_has_the_rows(lists, get):
    response = get(f"/api/v2/relief-disclosures/{lists['jan'].pk}/")
    assert response.status_code == 200
    data = response.data
    assert data["title"] == "2023年1月城乡低保资金发放公示"
    assert data["rows"] == [
        {
            "name": "马玉花",
            "town": "红寺堡镇",
            "village": "朝阳村",
            "people": 3,
            "amount": "1680.00",
            "note": "",
        },
        {
            "name": "杨建国",
            "town": "大河乡",
            "village": "龙源村",
            "people": 1,
            "amount": "560.50",
            "note": "新纳入",
        },
    ]


def test_an_unpublished_list_is_a_404(lists, get):
    response = get(f"/api/v2/relief-disclosures/{lists['unpublished'].pk}/")
    assert response.status_code == 404
    assert "未找到该救助资金发放公示" in response.data["detail"]
    assert get("/api/v2/relief-disclosures/99999/").status_code == 404
    ids = [i["id"] for i in get("/api/v2/relief-disclosures/").data["items"]]
    assert lists["unpublished"].pk not in ids
