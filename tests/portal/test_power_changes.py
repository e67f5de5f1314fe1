"""/power-list/ and its public change log after imports; the admin upload (预检, 导入)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.models import PowerItem, PowerListImport, PowerStatus
from cms.power_import import power_list_import
from tests import factories
from tests.cms.power_files import BASE_ROWS, row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(groups):
    return factories.user_with_role(
        "office", username="suj_office", first_name="苏", last_name="娟内部"
    )


@pytest.fixture
def imported_twice(site_tree, jiuzhu, shiwu, clerk):
    power_list_import(user=clerk, data=xlsx(BASE_ROWS), filename="内部清单v1.xlsx")
    rows = [
        BASE_ROWS[0],
        row(2, "行政给付", "临时救助金给付", "MZ-GF-002", basis="《宁夏回族自治区临时救助办法》"),
        row(3, "其他", "慈善信托备案", "MZ-QT-001", unit="社会事务站"),
    ]
    power_list_import(user=clerk, data=xlsx(rows), filename="内部清单v2.xlsx")


def test_the_list_shows_items_in_force_and_the_change_log(client, imported_twice):
    html = client.get("/power-list/").content.decode()
    assert "共 3 项" in html
    table, log = html.split('id="changes"')
    assert "慈善信托备案" in table and "特困人员认定" not in table  # cancelled: log only
    assert "取消" in log and "特困人员认定" in log
    assert "设定依据：由“《社会救助暂行办法》”改为“《宁夏回族自治区临时救助办法》”" in log
    assert log.count("<td>新增</td>") == 4  # three in the first file, one in the second
    assert reverse("portal:power_changes") in log


def test_the_full_change_log_lists_every_change_newest_first(client, imported_twice):
    html = client.get("/power-list/changes/").content.decode()
    kinds = [cell for cell in ("<td>取消</td>", "<td>变更</td>", "<td>新增</td>") if cell in html]
    assert kinds == ["<td>取消</td>", "<td>变更</td>", "<td>新增</td>"]
    assert html.index("慈善信托备案") < html.index("最低生活保障金给付")  # newest first
    assert client.get("/power-list/changes/?page=99").status_code == 200


def test_public_pages_never_show_who_imported_or_from_which_file(client, imported_twice, clerk):
    for url in ("/power-list/", "/power-list/changes/", "/api/v2/power-list/"):
        html = client.get(url).content.decode()
        for secret in ("suj_office", "娟内部", "内部清单", "导入批次", "导入人"):
            assert secret not in html, (url, secret)


def test_the_api_lists_only_items_in_force(client, imported_twice):
    data = client.get("/api/v2/power-list/").json()
    assert data["total"] == 3
    first = data["categories"][0]["items"][0]
    assert (first["code"], first["implementing_body"]) == ("MZ-GF-001", "红寺堡区民政局")
    assert first["responsibilities"] == "1.受理责任"
    assert PowerItem.objects.filter(status=PowerStatus.CANCELLED).count() == 1


def post(client, data, **fields):
    payload = {"file": SimpleUploadedFile("清单.xlsx", data), **fields}
    return client.post(reverse("wagtailsnippets_cms_poweritem:import"), payload)


def test_the_office_checks_then_imports_in_the_admin(login, site_tree, jiuzhu, shiwu, clerk):
    client = login(clerk)
    listing = client.get(reverse("wagtailsnippets_cms_poweritem:list")).content.decode()
    assert reverse("wagtailsnippets_cms_poweritem:import") in listing  # 从Excel导入
    checked = post(client, xlsx(BASE_ROWS), dry_run="1").content.decode()
    assert "预检（未写入）：新增3项" in checked
    assert PowerItem.objects.count() == 0
    done = post(client, xlsx(BASE_ROWS), **{"import": "1"}).content.decode()
    assert "已导入：新增3项" in done
    assert PowerItem.objects.count() == 3
    assert PowerListImport.objects.get().user == clerk


def test_a_bad_file_is_refused_in_the_admin_keeping_the_choice(login, site_tree, jiuzhu, clerk):
    client = login(clerk)
    bad = xlsx([row(1, "行政审批", "临时救助金给付", "MZ-GF-002")])
    response = post(client, bad, department=str(jiuzhu.pk), **{"import": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "未导入（共1处问题" in html and "第3行：类别“行政审批”不是权力类别" in html
    assert f'value="{jiuzhu.pk}" selected' in html
    assert PowerItem.objects.count() == 0 and PowerListImport.objects.count() == 0


def test_a_drafter_cannot_import(login, site_tree, jiuzhu, jiuzhu_drafter):
    client = login(jiuzhu_drafter)
    assert client.get(reverse("wagtailsnippets_cms_poweritem:import")).status_code in (302, 403)
    post(client, xlsx(BASE_ROWS), **{"import": "1"})
    assert PowerItem.objects.count() == 0
