"""社会救助资金发放公示: spreadsheet import (XLSX, GBK CSV), all-or-nothing validation, the
privacy publishing guard over rows, the portal table, department isolation, the home
reminder and the demo lists."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import Page

from cms import services
from cms.gates import IssueRefused
from cms.models import ReliefDisclosurePage, ReliefFolderPage, ReliefRow
from cms.relief_admin import missing_this_month
from cms.relief_import import ImportRefused, parse, relief_import
from tests import factories
from tests.cms.admin_forms import inline_formset, nested_form_data

pytestmark = pytest.mark.django_db

RESIDENT_ID = "11010519491231002X"  # valid GB 11643 check digit
HEADER = ["序号", "户主姓名", "乡镇（街道）", "村（社区）", "家庭人口", "保障金额（元）", "备注"]
HOUSEHOLDS = [
    [1, "马玉花", "红寺堡镇", "朝阳村", 3, 1680, ""],
    [2, "杨建国", "大河乡", "龙源村", 1, 560.5, "新纳入"],
    [3, "李秀英", "柳泉乡", "永新村", 2, "1,120.00", ""],
]


def xlsx_bytes(rows: list[list], title: str | None = "2023年1月城乡低保发放表") -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str) -> bytes:
    text = "\r\n".join(",".join(str(cell) for cell in row) for row in rows)
    return text.encode(encoding)


@pytest.fixture
def tree(site_tree, groups):
    return site_tree


def run_import(department, data, filename, *, user, year=2023, month=1, relief_type="城乡低保"):
    return relief_import(
        user=user,
        department=department,
        year=year,
        month=month,
        relief_type=relief_type,
        data=data,
        filename=filename,
    )


def post_import(client, department, data, filename, **fields):
    payload = {
        "department": department.pk,
        "year": 2023,
        "month": 1,
        "relief_type": "城乡低保",
        "file": SimpleUploadedFile(filename, data),
        **fields,
    }
    return client.post(reverse("relief_import"), payload)


# --- import ------------------------------------------------------------------------------


def test_xlsx_import_through_the_admin_makes_a_draft_with_every_household(
    tree, jiuzhu, jiuzhu_drafter, login
):
    client = login(jiuzhu_drafter)
    rows = [HEADER, *HOUSEHOLDS, ["合计", "", "", "", 6, 3360.5, ""]]
    response = post_import(client, jiuzhu, xlsx_bytes(rows), "低保1月.xlsx")
    page = ReliefDisclosurePage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.title == "2023年1月城乡低保资金发放公示"
    assert page.department == jiuzhu and not page.live
    assert page.get_parent().specific == ReliefFolderPage.objects.get(department=jiuzhu)
    stored = [(r.name, r.town, r.village, r.people, r.amount, r.note) for r in page.rows.all()]
    assert stored == [
        ("马玉花", "红寺堡镇", "朝阳村", 3, Decimal("1680.00"), ""),
        ("杨建国", "大河乡", "龙源村", 1, Decimal("560.50"), "新纳入"),
        ("李秀英", "柳泉乡", "永新村", 2, Decimal("1120.00"), ""),
    ]  # the sheet's 合计 line is not a household
    assert page.totals() == {"households": 3, "people": 6, "amount": Decimal("3360.50")}
    followed = client.get(response.url).content.decode()
    assert "共3户" in followed and "序号" in followed  # the ignored column is named


def test_gbk_csv_with_other_header_names(tree, jiuzhu, office_user):
    rows = [
        ["姓名", "乡镇", "村", "人数", "发放金额", "备注"],
        ["海正清", "太阳山镇", "良繁村", "4人", "2240元", "一类"],
        ["田桂兰", "新庄集乡", "红川村", "1", "280", ""],
    ]
    data = csv_bytes(rows, "gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really GBK, as Excel on Chinese Windows writes it
    outcome = run_import(jiuzhu, data, "temp.csv", user=office_user, relief_type="临时救助")
    assert outcome.created and outcome.households == 2
    names = list(outcome.page.rows.values_list("name", "town", "people", "amount", "note"))
    assert names == [
        ("海正清", "太阳山镇", 4, Decimal("2240.00"), "一类"),
        ("田桂兰", "新庄集乡", 1, Decimal("280.00"), ""),
    ]


def test_utf8_csv_with_bom_and_the_plain_header_names(tree, jiuzhu):
    rows = [
        ["申请人", "乡镇（街道）", "村（社区）", "保障人数", "金额", "备注"],
        ["苏梅", "", "", 2, 840, ""],
    ]
    parsed = parse("\ufeff".encode() + csv_bytes(rows, "utf-8"), "x.csv")
    assert [(r.name, r.people, r.amount) for r in parsed.rows] == [("苏梅", 2, Decimal("840.00"))]


def test_a_bad_amount_saves_nothing_and_names_its_row(tree, jiuzhu, jiuzhu_drafter, login):
    client = login(jiuzhu_drafter)
    rows = [HEADER, *HOUSEHOLDS, [4, "王德福", "大河乡", "大河村", 2, "abc", ""]]
    response = post_import(client, jiuzhu, xlsx_bytes(rows), "bad.xlsx")
    html = response.content.decode()
    assert response.status_code == 200
    assert "第6行：金额“abc”不是数字" in html  # title row 1, header row 2, households 3–6
    assert not ReliefDisclosurePage.objects.exists()
    assert not ReliefRow.objects.exists()


def test_every_faulty_row_is_listed(tree):
    rows = [
        ["姓名", "人数", "金额"],
        ["", 1, 100],
        ["丁学林", 0, 100],
        ["何小燕", "两", -5],
        ["马金宝", 1, "12.345"],
    ]
    with pytest.raises(ImportRefused) as refused:
        parse(xlsx_bytes(rows, title=None), "x.xlsx")
    assert refused.value.problems == [
        "第2行：姓名为空",
        "第3行：人数至少为1人（现为0）",
        "第4行：人数“两”不是整数",
        "第4行：金额不能为负数（-5）",
        "第5行：金额“12.345”最多两位小数、十位整数",
    ]


def test_a_failed_reimport_keeps_the_rows_and_a_good_one_replaces_them(
    tree, jiuzhu, jiuzhu_drafter
):
    page = factories.make_relief_disclosure(jiuzhu, 2023, 1)
    bad = xlsx_bytes([HEADER, *HOUSEHOLDS, [4, "王德福", "大河乡", "大河村", "x", 1, ""]])
    with pytest.raises(ImportRefused):
        run_import(jiuzhu, bad, "bad.xlsx", user=jiuzhu_drafter)
    draft = page.get_latest_revision_as_object()
    assert [row.name for row in draft.rows.all()] == ["马玉花"]
    outcome = run_import(jiuzhu, xlsx_bytes([HEADER, *HOUSEHOLDS]), "ok.xlsx", user=jiuzhu_drafter)
    assert not outcome.created and outcome.page.pk == page.pk
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert [row.name for row in draft.rows.all()] == ["马玉花", "杨建国", "李秀英"]
    # the live list is unchanged until the clerk publishes the new draft
    assert list(ReliefRow.objects.filter(page=page).values_list("name", flat=True)) == ["马玉花"]
    assert ReliefDisclosurePage.objects.count() == 1


def test_a_column_that_must_not_be_public_is_refused_by_name(tree, jiuzhu, office_user):
    rows = [["姓名", "身份证号", "人数", "金额", "银行卡号"], ["苏梅", "略", 1, 280, "略"]]
    with pytest.raises(ImportRefused) as refused:
        run_import(jiuzhu, xlsx_bytes(rows), "x.xlsx", user=office_user)
    assert refused.value.problems == ["该列不应公示：身份证号", "该列不应公示：银行卡号"]
    assert not ReliefDisclosurePage.objects.exists()


def test_an_id_number_inside_a_note_is_refused_with_its_row(tree, jiuzhu, jiuzhu_drafter, login):
    rows = [HEADER, *HOUSEHOLDS[:2], [3, "李秀英", "柳泉乡", "永新村", 2, 1120, RESIDENT_ID]]
    response = post_import(login(jiuzhu_drafter), jiuzhu, xlsx_bytes(rows), "x.xlsx")
    html = response.content.decode()
    assert "第5行：备注含身份证号（110105********002X），不应公示" in html
    assert RESIDENT_ID not in html
    assert not ReliefDisclosurePage.objects.exists()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "x.xlsx", "文件为空"),
        (b"PK\x03\x04 not really a workbook", "x.xlsx", "无法读取该Excel文件"),
        (b"\xd0\xcf\x11\xe0", "old.xls", "不支持旧版 .xls 文件"),
        ("序号,备注\n1,无\n".encode(), "x.csv", "未找到表头"),
        ("姓名,备注\n苏梅,无\n".encode(), "x.csv", "缺少“人数”列"),
    ],
)
def test_unreadable_files_get_a_chinese_message(tree, data, filename, message):
    with pytest.raises(ImportRefused) as refused:
        parse(data, filename)
    assert message in refused.value.problems[0]


# --- uniqueness and isolation -------------------------------------------------------------


def test_one_page_per_month_type_and_department(tree, jiuzhu, shiwu):
    factories.make_relief_disclosure(jiuzhu, 2023, 1)
    factories.make_relief_disclosure(shiwu, 2023, 1)  # another department: allowed
    factories.make_relief_disclosure(jiuzhu, 2023, 1, "临时救助")  # another type: allowed
    twin = ReliefDisclosurePage(
        title="重复", slug="twin", year=2023, month=1, relief_type="城乡低保", department=jiuzhu
    )
    with pytest.raises(ValidationError) as refused:
        twin.full_clean(exclude=["path", "depth"])
    assert "本科室2023年1月的城乡低保公示已存在" in str(refused.value.message_dict["month"])


def test_another_departments_drafter_cannot_edit_or_import(
    tree, jiuzhu, shiwu, shiwu_drafter, login
):
    page = factories.make_relief_disclosure(jiuzhu, 2023, 1)
    client = login(shiwu_drafter)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")
    response = post_import(client, jiuzhu, xlsx_bytes([HEADER, *HOUSEHOLDS]), "x.xlsx")
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()  # not among the department choices
    draft = page.get_latest_revision_as_object()
    assert [row.name for row in draft.rows.all()] == ["马玉花"]
    with pytest.raises(PermissionDenied, match="无权修改"):
        run_import(jiuzhu, xlsx_bytes([HEADER, *HOUSEHOLDS]), "x.xlsx", user=shiwu_drafter)
    with pytest.raises(PermissionDenied, match="不能为“社会救助站”发布"):
        run_import(jiuzhu, xlsx_bytes([HEADER, *HOUSEHOLDS]), "x.xlsx", user=shiwu_drafter, month=2)
    assert ReliefDisclosurePage.objects.count() == 1


# --- the publishing guard -----------------------------------------------------------------


def test_an_unmasked_number_in_a_row_cannot_be_published(tree, jiuzhu):
    page = factories.make_relief_disclosure(
        jiuzhu,
        2023,
        2,
        rows=[("马玉花", "红寺堡镇", "朝阳村", 3, "1680", f"卡号{RESIDENT_ID}")],
        live=False,
    )
    with pytest.raises(IssueRefused) as refused:
        page.get_latest_revision().publish(skip_permission_checks=True)
    assert "第1户（备注）含未脱敏的身份证号（110105********002X）" in str(refused.value)
    page.refresh_from_db()
    assert not page.live
    masked = page.get_latest_revision_as_object()
    masked.rows = [
        ReliefRow(name="马玉花", people=3, amount=Decimal("1680"), note="110105********002X")
    ]
    masked.save_revision().publish(skip_permission_checks=True)
    page.refresh_from_db()
    assert page.live


def relief_form(page, rows: list[dict], initial: int = 0) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "year": str(page.year),
        "month": str(page.month),
        "relief_type": page.relief_type,
        "intro": "",
        "rows": inline_formset(rows, initial=initial),
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    return nested_form_data(data)


def test_the_admin_refuses_to_publish_a_row_with_a_mobile_number_and_keeps_the_edit(
    tree, jiuzhu, jiuzhu_drafter, login
):
    page = factories.make_relief_disclosure(jiuzhu, 2023, 3, live=False)
    client = login(jiuzhu_drafter)
    row = {
        "id": str(page.rows.get().pk),
        "name": "马玉花",
        "town": "",
        "village": "",
        "people": "3",
        "amount": "1680",
        "note": "电话13812345678",
        "ORDER": "1",
    }
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        relief_form(page, [row], initial=1),
        follow=True,
    )
    html = response.content.decode()
    assert "不能发布" in html and "手机号（138****5678）" in html
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().rows.all()[0].note == "电话13812345678"  # kept
    row["note"] = "电话138****5678"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), relief_form(page, [row], 1))
    page.refresh_from_db()
    assert page.live
    assert [r.note for r in page.rows.all()] == [
        "电话138****5678"
    ]  # the department publishes its own list (no legal review applies)


# --- the portal ---------------------------------------------------------------------------


@pytest.fixture
def published(tree, jiuzhu):
    rows = [
        ("马玉花", "红寺堡镇", "朝阳村", 3, "1680.00", ""),
        ("杨建国", "大河乡", "龙源村", 1, "560.50", "新纳入"),
    ]
    return {
        "jan": factories.make_relief_disclosure(jiuzhu, 2023, 1, rows=rows),
        "feb": factories.make_relief_disclosure(jiuzhu, 2023, 2, rows=rows[:1]),
        "temp": factories.make_relief_disclosure(jiuzhu, 2024, 3, "临时救助", rows=rows[1:]),
        "draft": factories.make_relief_disclosure(jiuzhu, 2024, 4, live=False),
    }


def test_the_month_page_shows_an_accessible_table_with_totals(client, published):
    html = client.get(published["jan"].url).content.decode()
    assert "<caption" in html and '<th scope="col">发放金额（元）</th>' in html
    assert '<th scope="row">杨建国</th>' in html and "560.50" in html
    assert "<tfoot>" in html and "合计（2户）" in html
    assert "<td>4</td><td>2,240.50</td>" in html
    assert "<script" not in html


def test_amounts_are_grouped_by_thousands_as_finance_tables_print_them(client, tree, jiuzhu):
    rows = [("马玉花", "红寺堡镇", "朝阳村", 3, "1234567.8", ""), ("杨建国", "", "", 1, "0.5", "")]
    page = factories.make_relief_disclosure(jiuzhu, 2023, 5, rows=rows)
    html = client.get(page.url).content.decode()
    assert "<td>1,234,567.80</td>" in html and "<td>0.50</td>" in html
    assert "<td>4</td><td>1,234,568.30</td>" in html  # the total row
    assert "1,234,568.30" in client.get(tree.relief.url).content.decode()  # the index


def test_anonymous_visitors_see_only_live_lists(client, published, tree):
    index = client.get(tree.relief.url)
    html = index.content.decode()
    assert index.status_code == 200
    assert html.index("2024年3月") < html.index("2023年2月") < html.index("2023年1月")
    assert "2024年4月" not in html
    assert client.get(published["draft"].url).status_code == 404
    assert "救助公示" in html  # in the portal navigation


def test_the_portal_home_names_the_latest_published_month(client, published, tree):
    html = client.get("/").content.decode()
    assert "社会救助资金发放公示" in html and f'href="{tree.relief.url}"' in html
    assert "最新：2024年3月临时救助" in html  # the April draft is not public yet


def test_the_index_filters_by_type_and_year(client, published, tree):
    html = client.get(tree.relief.url, {"type": "临时救助"}).content.decode()
    assert "2024年3月" in html and "2023年1月" not in html
    html = client.get(tree.relief.url, {"year": "2023"}).content.decode()
    assert "2023年1月" in html and "2024年3月" not in html
    response = client.get(tree.relief.url, {"type": "不存在", "year": "abc"})
    assert response.status_code == 200
    assert "没有该救助类型" in response.content.decode()


def test_the_sitemap_lists_live_lists_only(client, published):
    xml = client.get("/sitemap.xml").content.decode()
    assert published["jan"].url in xml
    assert published["draft"].url_path.split("/")[-2] not in xml


# --- the home reminder ----------------------------------------------------------------------


def test_the_reminder_lists_exactly_what_is_missing_this_month(
    tree, jiuzhu, shiwu, office_user, login
):
    today = date.today()
    last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    yanglao = factories.DepartmentFactory(code="yanglao", name="养老服务中心")
    factories.make_relief_disclosure(jiuzhu, *last, "城乡低保")
    factories.make_relief_disclosure(jiuzhu, *last, "临时救助")
    factories.make_relief_disclosure(yanglao, *last, "高龄津贴")
    factories.make_relief_disclosure(jiuzhu, today.year, today.month, "城乡低保")  # done
    factories.make_relief_disclosure(jiuzhu, today.year, today.month, "临时救助", live=False)
    factories.make_relief_disclosure(shiwu, today.year, today.month, "特困供养")  # new, fine
    missing = [(kind, dept.name) for kind, dept in missing_this_month(today)]
    assert missing == [("临时救助", "社会救助站"), ("高龄津贴", "养老服务中心")]
    html = login(office_user).get(reverse("wagtailadmin_home")).content.decode()
    assert "本月尚未公示：临时救助（社会救助站）" in html
    assert "本月尚未公示：高龄津贴（养老服务中心）" in html
    assert "本月尚未公示：城乡低保" not in html


def test_a_drafter_is_reminded_of_their_own_department_only(tree, jiuzhu, jiuzhu_drafter, login):
    today = date.today()
    last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    yanglao = factories.DepartmentFactory(code="yanglao", name="养老服务中心")
    factories.make_relief_disclosure(jiuzhu, *last, "城乡低保")
    factories.make_relief_disclosure(yanglao, *last, "高龄津贴")
    html = login(jiuzhu_drafter).get(reverse("wagtailadmin_home")).content.decode()
    assert "本月尚未公示：城乡低保（社会救助站）" in html
    assert "养老服务中心" not in html


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_lists_load_twice_without_duplicates(tree):
    from bureau.demo.loader import relief_disclosures

    factories.DepartmentFactory(code="jiuzhu", name="社会救助站")
    first = relief_disclosures()
    counts = (ReliefDisclosurePage.objects.count(), ReliefRow.objects.count(), Page.objects.count())
    second = relief_disclosures()
    assert [p.pk for p in first] == [p.pk for p in second]
    assert (
        ReliefDisclosurePage.objects.count(),
        ReliefRow.objects.count(),
        Page.objects.count(),
    ) == counts
    pages = ReliefDisclosurePage.objects.live()
    assert pages.filter(relief_type="城乡低保", year=2023).count() == 12
    assert 1 <= pages.filter(relief_type="临时救助").count() < 12
    january = pages.get(relief_type="城乡低保", month=1)
    assert len(january.rows.all()) == 10
    assert january.first_published_at.date() == date(2023, 1, 8)
    assert services.relief_folder_ensure(january.department).pk == january.get_parent().pk


def test_a_drafter_adds_a_month_in_the_admin_without_inventing_title_or_slug(
    tree, jiuzhu, jiuzhu_drafter, login
):
    folder = services.relief_folder_ensure(jiuzhu)
    page = ReliefDisclosurePage(title="", year=2023, month=5, relief_type="特困供养")
    row = {"name": "周志强", "town": "", "village": "", "people": "1", "amount": "700", "note": ""}
    data = relief_form(page, [row])
    data.update({"title": "", "slug": "", "action-publish": "action-publish"})
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "reliefdisclosurepage", folder.pk])
    response = login(jiuzhu_drafter).post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = ReliefDisclosurePage.objects.get()
    assert created.title == "2023年5月特困供养资金发放公示"
    assert created.slug == "2023-05-tekun"
    assert created.department == jiuzhu and created.live
    twin = login(jiuzhu_drafter).post(add_url, data)
    assert "本科室2023年5月的特困供养公示已存在" in twin.content.decode()
    assert ReliefDisclosurePage.objects.count() == 1
