"""动态调整 of the major-decision list through the admin page editor: every item added,
changed, taken off (已调出) or deleted is recorded with its reason and who made it."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from cms.models import DecisionItem
from tests import factories

pytestmark = pytest.mark.django_db

DIBAO = "城乡最低生活保障标准调整"
HUNSU = "婚俗改革试点工作方案"
NEW_ITEM = "红寺堡区殡仪服务中心运营管理模式改革"
NOTE = "根据区政府常务会议部署，年中调整本年度决策事项目录。"


@pytest.fixture
def office(office_user):
    office_user.first_name = "苏娟"
    office_user.save()
    return office_user


@pytest.fixture
def yanglao(db):
    return factories.DepartmentFactory(code="yanglao", name="养老服务中心")


@pytest.fixture
def published_list(jiuzhu, shiwu):
    """The year's list as first published, with two items."""
    decision_list = factories.make_decision_list(2026)
    factories.make_decision_item(decision_list, jiuzhu, name=DIBAO)
    factories.make_decision_item(decision_list, shiwu, name=HUNSU, legal_basis="《婚姻登记条例》")
    factories.issue_as_legacy(decision_list)
    decision_list.refresh_from_db()
    return decision_list


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(client, page):
    """The edit form as rendered, posted back as a browser would."""
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    form = WagtailTestUtils.get_soup(html).find("form", id="page-edit-form")
    for box in form.find_all("input", type="checkbox", checked=True):
        if "value" not in box.attrs:  # a checked box without a value posts "on"
            data.setlist(box["name"], ["on"])
    for textarea in form.find_all("textarea"):  # browsers drop the newline after <textarea>
        data[textarea["name"]] = textarea.get_text().removeprefix("\n")
    return data


def item_index(data, name) -> int:
    return next(int(key.split("-")[1]) for key, value in data.items() if value == name)


def add_item(data, department, **fields):
    index = int(data["items-TOTAL_FORMS"])
    data["items-TOTAL_FORMS"] = str(index + 1)
    values = {
        "id": "",
        "ORDER": str(index + 1),
        "DELETE": "",
        "name": NEW_ITEM,
        "lead_unit": str(department.pk),
        "legal_basis": "《殡葬管理条例》第三条",
        "planned_on": "2026-12-20",
        "status": "计划中",
        "legality_review_required": "on",
        "collective_decision_required": "on",
        "adjustment_reason": "",
        **fields,
    }
    for field, value in values.items():
        data[f"items-{index}-{field}"] = value


def set_item(data, name, **fields):
    index = item_index(data, name)
    for field, value in fields.items():
        data[f"items-{index}-{field}"] = value


def save_adjustment(client, page, data):
    """Save the adjustment through the editor, then issue it (the review gate's 存量导入 path
    stands in for the legal review and deliberation the revision would go through)."""
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()  # the office's revision is now the latest
    factories.issue_as_legacy(page)
    return response


def last_history_id() -> int:
    return DecisionItem.history.order_by("-history_id").values_list("history_id", flat=True)[0]


def record(since, name, history_type):
    records = [
        r
        for r in DecisionItem.history.filter(
            history_id__gt=since, name=name, history_type=history_type
        )
        if history_type != "~" or r.prev_record is None or r.diff_against(r.prev_record).changes
    ]
    assert len(records) == 1, records
    return records[0]


def test_added_item_is_recorded_with_its_reason_and_the_office_user(
    login, office, published_list, yanglao
):
    since = last_history_id()
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = NOTE
    add_item(data, yanglao, adjustment_reason="区政府交办，新增列入目录。")
    save_adjustment(client, published_list, data)
    added = record(since, NEW_ITEM, "+")
    assert added.history_user == office
    assert added.history_change_reason == "区政府交办，新增列入目录。"
    assert published_list.items.filter(name=NEW_ITEM).exists()


def test_changed_item_without_its_own_reason_takes_the_lists_note(login, office, published_list):
    since = last_history_id()
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = NOTE
    set_item(data, DIBAO, planned_on="2026-12-15")
    save_adjustment(client, published_list, data)
    changed = record(since, DIBAO, "~")
    assert str(changed.planned_on) == "2026-12-15"
    assert changed.history_user == office
    assert changed.history_change_reason == NOTE


def test_item_taken_off_the_list_is_recorded_with_its_reason(login, office, published_list):
    since = last_history_id()
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = NOTE
    set_item(data, HUNSU, status="已调出", adjustment_reason="上级试点方案调整，本年度不再实施。")
    save_adjustment(client, published_list, data)
    removed = record(since, HUNSU, "~")
    assert removed.status == "已调出"
    assert removed.history_user == office
    assert removed.history_change_reason == "上级试点方案调整，本年度不再实施。"


def test_item_deleted_from_the_list_is_recorded_with_the_lists_note(login, office, published_list):
    since = last_history_id()
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = "婚俗改革试点事项误列入目录，予以删除。"
    set_item(data, HUNSU, DELETE="1")
    save_adjustment(client, published_list, data)
    deleted = record(since, HUNSU, "-")
    assert deleted.history_user == office
    assert deleted.history_change_reason == "婚俗改革试点事项误列入目录，予以删除。"
    assert not published_list.items.filter(name=HUNSU).exists()


def test_adjusting_a_published_list_without_a_note_is_refused(login, office, published_list):
    since = last_history_id()
    revisions = published_list.revisions.count()
    client = login(office)
    data = edit_form_data(client, published_list)
    set_item(data, DIBAO, planned_on="2026-12-15")
    response = client.post(edit_url(published_list), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["adjustment_note"]
    assert "目录已公布，调整事项时必须填写本次调整说明" in " ".join(errors)
    assert "2026-12-15" in response.content.decode()  # what was typed is kept
    assert published_list.revisions.count() == revisions
    assert not DecisionItem.history.filter(history_id__gt=since).exists()


def test_adjustment_published_straight_from_the_editor_before_review_records_nothing(
    login, office, published_list
):
    since = last_history_id()
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = NOTE
    set_item(data, DIBAO, planned_on="2026-12-15")
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(published_list), data, follow=True)
    assert any("不能发布" in str(message) for message in response.context["messages"])
    assert published_list.items.get(name=DIBAO).planned_on is None
    assert not DecisionItem.history.filter(history_id__gt=since).exists()


@pytest.mark.parametrize(
    ("field", "label"), [("legality_review", "合法性审查"), ("collective_decision", "集体讨论决定")]
)
def test_statutory_procedure_cannot_be_set_to_not_required(
    login, office, published_list, field, label
):
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = NOTE
    del data[f"items-{item_index(data, DIBAO)}-{field}_required"]  # the box unticked
    response = client.post(edit_url(published_list), data)
    assert response.status_code == 200
    item_form = response.context["form"].formsets["items"].forms[item_index(data, DIBAO)]
    assert f"{label}是重大行政决策的必经程序" in " ".join(item_form.errors[f"{field}_required"])
    assert getattr(published_list.items.get(name=DIBAO), f"{field}_required")


@pytest.mark.parametrize(
    ("second", "history_type"), [({"planned_on": "2026-12-31"}, "~"), ({"DELETE": "1"}, "-")]
)
def test_each_adjustment_is_recorded_with_its_own_reason_not_an_earlier_one(
    login, office, published_list, yanglao, second, history_type
):
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = "第一次调整：新增殡仪服务改革事项。"
    add_item(data, yanglao, adjustment_reason="区政府交办，新增列入目录。")
    save_adjustment(client, published_list, data)

    since = last_history_id()
    data = edit_form_data(client, published_list)  # the item still shows the first reason
    set_item(data, NEW_ITEM, **second)
    response = client.post(edit_url(published_list), data)  # with last time's note
    assert response.status_code == 200
    assert "本次调整说明与上次调整相同" in " ".join(
        response.context["form"].errors["adjustment_note"]
    )
    data["adjustment_note"] = "第二次调整：殡仪服务改革事项另行安排。"
    save_adjustment(client, published_list, data)
    second_record = record(since, NEW_ITEM, history_type)
    assert second_record.history_change_reason == "第二次调整：殡仪服务改革事项另行安排。"


def test_history_view_shows_each_adjustment_with_reason_and_user(
    login, office, published_list, yanglao
):
    client = login(office)
    data = edit_form_data(client, published_list)
    data["adjustment_note"] = NOTE
    add_item(data, yanglao, adjustment_reason="区政府交办，新增列入目录。")
    set_item(data, DIBAO, planned_on="2026-12-15")
    set_item(data, HUNSU, status="已调出", adjustment_reason="上级试点方案调整，本年度不再实施。")
    save_adjustment(client, published_list, data)

    response = client.get(reverse("decision_list_history", args=[published_list.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    rows = {(a.action, a.item_name): a for a in response.context["adjustments"]}
    assert rows[("新增", NEW_ITEM)].reason == "区政府交办，新增列入目录。"
    assert rows[("变更", DIBAO)].reason == NOTE
    assert rows[("调出", HUNSU)].reason == "上级试点方案调整，本年度不再实施。"
    assert {rows[key].user for key in [("新增", NEW_ITEM), ("变更", DIBAO), ("调出", HUNSU)]} == {
        office
    }
    for text in ("区政府交办，新增列入目录。", NOTE, "上级试点方案调整，本年度不再实施。", "苏娟"):
        assert text in html
    assert "计划完成时间" in html


def test_another_departments_drafter_cannot_read_a_decision_lists_history(
    login, shiwu_drafter, published_list
):
    client = login(shiwu_drafter)
    response = client.get(reverse("decision_list_history", args=[published_list.pk]), follow=True)
    html = response.content.decode()
    assert response.redirect_chain  # Wagtail's admin answers PermissionDenied with a redirect
    assert "您无权查看该重大行政决策事项目录的调整记录。" in html or "没有权限" in html
    assert DIBAO not in html
