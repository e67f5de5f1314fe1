"""Every login, failure and logout is recorded and listed under 设置 → 登录记录."""

import datetime

from axes.models import AccessFailureLog, AccessLog
from django.test import Client
from django.utils import timezone

from accounts import selectors
from tests import factories


def records_page(client, **query) -> str:
    response = client.get("/admin/login-records/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_login_failure_and_logout_are_each_recorded(office, attempt, client):
    attempt("office", "wrong-password-1")
    attempt("office", factories.PASSWORD, address="10.0.0.9")
    client.post("/admin/logout/")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address, failure.locked_out) == (
        "office",
        "10.0.0.1",
        False,
    )
    login = AccessLog.objects.get()
    assert (login.username, login.ip_address) == ("office", "10.0.0.9")
    assert login.logout_time is not None
    results = [row[1] for row in selectors.login_records()]
    assert results == ["logout", "success", "failure"]  # newest first


def test_the_password_is_never_stored(office, attempt):
    attempt("office", "Secret-Guess-42")
    for failure in AccessFailureLog.objects.all():
        assert "Secret-Guess-42" not in str(vars(failure))
    from axes.models import AccessAttempt

    assert "Secret-Guess-42" not in AccessAttempt.objects.get().post_data


def test_the_administrator_filters_the_records(groups, office, attempt):
    factories.user_with_role("adviser", username="adviser")
    attempt("adviser", factories.PASSWORD)
    for _ in range(5):
        attempt("office", "wrong-password-2", address="10.0.7.7")  # the fifth locks
    AccessLog.objects.filter(username="adviser").update(
        attempt_time=timezone.now() - datetime.timedelta(days=40)
    )
    staff = Client()
    staff.force_login(factories.user_with_role("admin", username="bureau_admin"))
    everything = records_page(staff)
    assert "adviser" in everything and "office" in everything and "10.0.7.7" in everything
    assert "登录失败（已锁定）" in everything and "登录成功" in everything
    only_office = records_page(staff, username="offi")
    assert "adviser</td>" not in only_office and "office</td>" in only_office
    locked = records_page(staff, result="locked")
    assert locked.count("登录失败（已锁定）</td>") == 1
    assert records_page(staff, result="failure").count("登录失败</td>") == 4
    success = records_page(staff, result="success")
    assert "adviser</td>" in success and "office</td>" not in success
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    recent = records_page(staff, date_from=since)
    assert "adviser</td>" not in recent and "office</td>" in recent
    wrong = records_page(staff, date_to="2026-13-40")
    assert "不是日期" in wrong and "office</td>" in wrong  # the filter is dropped, said why


def test_records_are_for_holders_of_the_permission_only(groups, office, attempt):
    attempt("office", "wrong-password-3")
    for role in ("office", "adviser", "leader"):
        user = office if role == "office" else factories.user_with_role(role, username=role)
        viewer = Client()
        viewer.force_login(user)
        assert viewer.get("/admin/login-records/").status_code == 302
    anonymous = Client().get("/admin/login-records/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_the_settings_menu_offers_both_pages_to_the_administrator(groups):
    admin = Client()
    admin.force_login(factories.user_with_role("admin", username="bureau_admin"))
    page = admin.get("/admin/").content.decode()
    assert "/admin/login-records/" in page and "/admin/login-lockouts/" in page
    drafter = Client()
    drafter.force_login(factories.drafter_of(factories.DepartmentFactory(code="x", name="某站")))
    assert "/admin/login-records/" not in drafter.get("/admin/").content.decode()
