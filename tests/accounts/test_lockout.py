"""Lockout after LOGIN_FAILURE_LIMIT failures, per account and per address, and unlock."""

import base64
import json
from datetime import timedelta

from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.lockout import LockState, lockout_response
from accounts.models import UnlockRecord
from tests import factories

WRONG = "not-the-password"


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_logs_in(office, attempt):
    assert logged_in(attempt("office", factories.PASSWORD))


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(office, attempt, client):
    for left in (4, 3, 2, 1):
        response = attempt("office", WRONG)
        assert response.status_code == 200
        assert f"再失败{left}次将被锁定" in response.content.decode()
    fifth = attempt("office", WRONG)
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert "该账号和您所在的网络地址已被锁定" in page and "30分钟后再登录" in page
    assert 'value="office"' in page  # the form comes back with the username kept
    right = attempt("office", factories.PASSWORD)
    assert right.status_code == 429 and not logged_in(right)
    assert "_auth_user_id" not in client.session


def test_the_account_lock_holds_from_another_address(office, attempt):
    for number in range(5):
        attempt("office", WRONG, address=f"10.0.1.{number}")  # five addresses, one each
    elsewhere = attempt("office", factories.PASSWORD, address="10.0.2.1")
    assert elsewhere.status_code == 429
    assert "该账号连续登录失败5次" in elsewhere.content.decode()


def test_an_address_trying_many_accounts_is_locked_for_every_account(office, attempt):
    for number in range(5):
        attempt(f"guess{number}", WRONG, address="10.0.3.3")
    blocked = attempt("office", factories.PASSWORD, address="10.0.3.3")
    assert blocked.status_code == 429
    assert "您所在的网络地址登录失败已达5次" in blocked.content.decode()
    assert logged_in(attempt("office", factories.PASSWORD, address="10.0.3.4"))


def test_the_address_limit_is_its_own_setting(settings, office, attempt):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8  # an office behind one NAT address
    for number in range(7):
        attempt(f"colleague{number}", WRONG, address="10.0.4.4")
    assert logged_in(attempt("office", factories.PASSWORD, address="10.0.4.4"))


def test_a_success_clears_only_its_own_accounts_failures_from_its_own_address(
    groups, office, attempt
):
    factories.user_with_role("adviser", username="adviser")
    for _ in range(2):
        attempt("adviser", WRONG, address="10.0.5.5")  # someone guessing the adviser's
    for _ in range(2):
        attempt("office", WRONG, address="10.0.5.5")
    assert logged_in(attempt("office", factories.PASSWORD, address="10.0.5.5"))
    assert not AccessAttempt.objects.filter(username="office").exists()
    # the attacker's own login did not clear the adviser's count, nor the address's
    assert AccessAttempt.objects.get(username="adviser").failures_since_start == 2
    for _ in range(3):
        attempt("adviser", WRONG, address="10.0.5.6")
    assert attempt("adviser", factories.PASSWORD, address="10.0.5.7").status_code == 429


def test_the_proxy_header_names_the_address_when_trusted(settings, office, client):
    settings.TRUSTED_PROXY_HEADER = "X-Real-IP"
    data = {"username": "nobody", "password": WRONG}
    client.post("/admin/login/", data, REMOTE_ADDR="10.9.9.9", HTTP_X_REAL_IP="203.0.113.7")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def lock_office(attempt):
    for _ in range(5):
        attempt("office", WRONG)
    assert attempt("office", factories.PASSWORD).status_code == 429


def test_the_administrator_unlocks_the_account_in_the_admin(groups, office, attempt):
    lock_office(attempt)
    admin = factories.user_with_role("admin", username="bureau_admin")
    staff = Client()
    staff.force_login(admin)
    listing = staff.get("/admin/login-lockouts/").content.decode()
    assert "office" in listing and "已锁定" in listing and "解除锁定" in listing
    response = staff.post("/admin/login-lockouts/", {"kind": "username", "value": "office"})
    assert response.status_code == 302
    record = UnlockRecord.objects.get()
    assert (record.kind, record.value, record.unlocked_by) == ("username", "office", admin)
    assert record.failures == 6  # five, and the right password tried while locked
    assert logged_in(attempt("office", factories.PASSWORD, address="10.0.0.2"))
    again = staff.get("/admin/login-lockouts/").content.decode()
    assert "已解除账号“office”的锁定" in again


def test_unlocking_nothing_or_nonsense_is_refused_in_chinese(groups, office):
    staff = Client()
    staff.force_login(factories.user_with_role("admin", username="bureau_admin"))
    for data, words in (
        ({"kind": "username", "value": "office"}, "没有需要解除的锁定"),
        ({"kind": "ip_address", "value": "not-an-ip"}, "不是合法的网络地址"),
        ({"kind": "group", "value": "x"}, "锁定类型不正确"),
    ):
        page = staff.post("/admin/login-lockouts/", data, follow=True).content.decode()
        assert words in page
    assert not UnlockRecord.objects.exists()


def test_only_holders_of_the_permission_may_unlock(groups, office, attempt):
    lock_office(attempt)
    for role in ("office", "adviser", "leader"):
        user = office if role == "office" else factories.user_with_role(role, username=role)
        staff = Client()
        staff.force_login(user)
        assert staff.get("/admin/login-lockouts/").status_code == 302
        staff.post("/admin/login-lockouts/", {"kind": "username", "value": "office"})
    assert AccessAttempt.objects.filter(username="office").exists()


def test_the_command_line_fallback_unlocks(office, attempt):
    lock_office(attempt)
    call_command("axes_reset_username", "office")
    assert logged_in(attempt("office", factories.PASSWORD))


def test_a_lock_ends_by_itself_after_the_lockout_minutes(office, attempt):
    lock_office(attempt)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=29))
    assert attempt("office", factories.PASSWORD).status_code == 429  # and it renews the lock
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert logged_in(attempt("office", factories.PASSWORD))


def test_with_zero_minutes_only_an_administrator_unlocks(settings, office, attempt):
    settings.AXES_COOLOFF_TIME = None  # LOGIN_LOCKOUT_MINUTES=0
    settings.LOGIN_LOCKOUT_MINUTES = 0
    for _ in range(5):
        attempt("office", WRONG)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(days=30))
    refused = attempt("office", factories.PASSWORD)
    assert refused.status_code == 429 and "须由管理员解除锁定" in refused.content.decode()


def test_django_admin_login_is_behind_the_same_lockout(settings, office, client):
    # the URLconf was built with DJANGO_ADMIN_ENABLED off (test settings, as production)
    assert client.get("/django-admin/login/").status_code == 404


def test_the_public_api_takes_no_password(office, client):
    credentials = base64.b64encode(b"office:wrong-password").decode()
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 200  # Basic auth is not read at all: nothing to guess
    assert not AccessAttempt.objects.exists()


def test_other_login_paths_get_a_chinese_lockout_page(rf):
    """``/django-admin/`` (when enabled) and any other login answer the same way."""
    state = LockState(account_failures=5, address_failures=1, account_limit=5, address_limit=5)
    request = rf.post("/django-admin/login/")
    request.login_lock_state = state
    page = lockout_response(request, None, {"username": "office"})
    assert page.status_code == 429
    assert "该账号连续登录失败5次，已被锁定" in page.content.decode()
    ajax = rf.post("/django-admin/login/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    answer = lockout_response(ajax, None, None)
    assert answer.status_code == 429 and "已被锁定" in json.loads(answer.content)["error"]
