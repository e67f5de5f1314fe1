"""Contracts (合同) through the Wagtail admin: filing, refused input, the register and its export."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import Contract
from tests import factories
from tests.cms.admin_forms import contract_form

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/cms/contract/add/"
REGISTER_URL = "/admin/snippets/cms/contract/"
COUNTERPARTY = "宁夏安宁殡葬服务有限公司"
CONTRACT_TEXT = "甲方委托乙方运营管理殡仪服务中心。"


def form_errors(response):
    return {field: " ".join(errors) for field, errors in response.context["form"].errors.items()}


def department_options(response) -> str:
    """The HTML of the 承办科室 field as rendered."""
    return str(response.context["form"]["department"])


def test_drafter_files_a_contract_for_own_department(login, jiuzhu_drafter, jiuzhu):
    client = login(jiuzhu_drafter)
    response = client.post(ADD_URL, contract_form(jiuzhu, amount="380000.50"))
    assert response.status_code == 302, form_errors(response)
    contract = Contract.objects.get()
    assert contract.title == "红寺堡区殡仪服务中心委托运营管理合同"
    assert contract.department == jiuzhu
    assert contract.amount == Decimal("380000.50")
    assert contract.counterparty == COUNTERPARTY
    assert not contract.live
    assert contract.latest_revision.user == jiuzhu_drafter


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount": "-1.00"}, "amount", "合同金额不能为负数"),
        ({"amount": "1200.125"}, "amount", "两位小数"),
        (
            {"term_start": "2026-06-01", "term_end": "2026-05-31"},
            "term_end",
            "履行期限止必须晚于履行期限起",
        ),
        (
            {"term_start": "2026-06-01", "term_end": "2026-06-01"},
            "term_end",
            "履行期限止必须晚于履行期限起",
        ),
        ({"title": "殡" * 201}, "title", "合同名称不能超过200个字符"),
    ],
)
def test_refused_contract_names_the_field_and_keeps_what_was_typed(
    login, jiuzhu_drafter, jiuzhu, fields, field, message
):
    client = login(jiuzhu_drafter)
    response = client.post(ADD_URL, contract_form(jiuzhu, **fields))
    assert response.status_code == 200
    errors = form_errors(response)
    assert message in errors[field]
    assert set(errors) == {field}
    html = response.content.decode()
    assert COUNTERPARTY in html
    assert CONTRACT_TEXT in html
    for value in fields.values():
        assert f'value="{value}"' in html
    assert not Contract.objects.exists()


def test_drafter_is_offered_only_own_department(login, jiuzhu_drafter, jiuzhu, shiwu):
    client = login(jiuzhu_drafter)
    response = client.get(ADD_URL)
    assert response.status_code == 200
    options = department_options(response)
    assert jiuzhu.name in options
    assert shiwu.name not in options


def test_drafter_cannot_file_a_contract_for_another_department(
    login, jiuzhu_drafter, jiuzhu, shiwu
):
    client = login(jiuzhu_drafter)
    response = client.post(ADD_URL, contract_form(shiwu))
    assert response.status_code == 200
    assert "选择一个有效的选项" in form_errors(response)["department"]
    assert COUNTERPARTY in response.content.decode()
    assert not Contract.objects.exists()


def test_drafter_cannot_move_own_contract_to_another_department(
    login, jiuzhu_drafter, jiuzhu, shiwu
):
    contract = factories.ContractFactory(department=jiuzhu)
    client = login(jiuzhu_drafter)
    url = reverse("wagtailsnippets_cms_contract:edit", args=[contract.pk])
    response = client.post(url, contract_form(shiwu, title=contract.title))
    assert response.status_code == 200
    assert "department" in form_errors(response)
    contract.refresh_from_db()
    assert contract.department == jiuzhu


def test_office_may_assign_a_contract_to_any_department(login, office_user, jiuzhu, shiwu):
    contract = factories.ContractFactory(department=jiuzhu)
    client = login(office_user)
    url = reverse("wagtailsnippets_cms_contract:edit", args=[contract.pk])
    response = client.post(url, contract_form(shiwu, title=contract.title))
    assert response.status_code == 302, form_errors(response)
    contract.refresh_from_db()
    assert contract.department == shiwu


# 合同台账: filters and export ---------------------------------------------------------


@pytest.fixture
def register(jiuzhu, shiwu):
    """Four contracts whose terms end relative to today (Asia/Shanghai)."""
    today = timezone.localdate()

    def contract(title, kind, department, ends_in, signed):
        end = today + timedelta(days=ends_in)
        return factories.ContractFactory(
            title=title,
            contract_type=kind,
            department=department,
            term_start=end - timedelta(days=365),
            term_end=end,
            signed_on=end - timedelta(days=370) if signed else None,
        )

    return {
        "soon": contract("社工站服务项目合同（30天后到期）", "服务外包", jiuzhu, 30, True),
        "edge": contract("殡仪馆委托管理合同（89天后到期）", "委托管理", shiwu, 89, True),
        "later": contract("孵化基地房屋租赁合同（200天后到期）", "租赁", shiwu, 200, False),
        "expired": contract("适老化改造采购合同（已到期）", "政府采购", jiuzhu, -10, True),
    }


def listed(response, register) -> set[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return {key for key, contract in register.items() if contract.title in html}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"soon", "edge", "later", "expired"}),
        ({"contract_type": "租赁"}, {"later"}),
        ({"contract_type": "服务外包"}, {"soon"}),
        ({"expiry": "90"}, {"soon", "edge"}),
        ({"expiry": "30"}, {"soon"}),
        ({"expiry": "expired"}, {"expired"}),
        ({"signed": "true"}, {"soon", "edge", "expired"}),
        ({"signed": "false"}, {"later"}),
    ],
)
def test_register_filters(login, office_user, register, query, expected):
    client = login(office_user)
    assert listed(client.get(REGISTER_URL, query), register) == expected


def test_register_filters_keep_department_isolation(login, jiuzhu_drafter, register):
    client = login(jiuzhu_drafter)
    assert listed(client.get(REGISTER_URL, {"expiry": "90"}), register) == {"soon"}


def export_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_register_prints_amounts_grouped_by_thousands_and_sorts_by_them(
    login, office_user, register
):
    client = login(office_user)
    html = client.get(REGISTER_URL).content.decode()
    assert "286,000.00" in html and "286000.00" not in html
    ordered = client.get(REGISTER_URL, {"ordering": "amount"})
    assert ordered.status_code == 200
    assert "合同金额（元）" in ordered.content.decode()


def test_register_exports_csv_with_chinese_header(login, office_user, register, jiuzhu):
    client = login(office_user)
    response = client.get(REGISTER_URL, {"export": "csv"})
    disposition = response["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''%E5%90%88%E5%90%8C%E5%8F%B0%E8%B4%A6.csv"
    header, *rows = export_rows(response)
    assert header == [
        "合同名称",
        "合同相对方",
        "合同金额（元）",
        "合同类型",
        "承办科室",
        "履行期限起",
        "履行期限止",
        "签订日期",
    ]
    by_title = {row[0]: row for row in rows}
    assert set(by_title) == {c.title for c in register.values()}
    soon = by_title[register["soon"].title]
    assert soon[1:5] == ["宁夏红寺堡区益民社会工作服务中心", "286000.00", "服务外包", jiuzhu.name]
    assert soon[6] == register["soon"].term_end.isoformat()
    assert by_title[register["later"].title][7] == ""


def test_export_follows_the_filters_and_the_department(
    login, office_user, jiuzhu_drafter, register
):
    filtered = login(office_user).get(REGISTER_URL, {"export": "csv", "contract_type": "租赁"})
    assert [row[0] for row in export_rows(filtered)[1:]] == [register["later"].title]
    own = login(jiuzhu_drafter).get(REGISTER_URL, {"export": "csv"})
    assert {row[0] for row in export_rows(own)[1:]} == {
        register["soon"].title,
        register["expired"].title,
    }
