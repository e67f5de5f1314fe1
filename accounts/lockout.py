"""Lockout after repeated failed logins, per account and per address (django-axes).

django-axes records each failed login as an ``AccessAttempt`` row keyed by username,
client address (``cms.ratelimits.client_address``, the rate limiter's address) and user
agent. This handler reads those rows two ways, separately:

- the **account** is locked once its failures from every address reach
  ``LOGIN_FAILURE_LIMIT`` (``AXES_FAILURE_LIMIT``): guessing one password;
- the **address** is locked once the failures from it, against any usernames, reach
  ``LOGIN_ADDRESS_FAILURE_LIMIT``: trying one password on many accounts.

Only failures within ``LOGIN_LOCKOUT_MINUTES`` of the last one count, and a lock lasts
that long after the last failure (tries during a lock are recorded and extend it);
``LOGIN_LOCKOUT_MINUTES=0`` locks until an administrator unlocks (accounts/services.py).
A successful login clears the failures of that account *from that address* only: logging
in to one's own account never clears the count of an account attacked from elsewhere, nor
the address count of failures against other accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

LOCKED_STATUS = 429


@dataclass(frozen=True)
class LockState:
    account_failures: int
    address_failures: int
    account_limit: int
    address_limit: int

    @property
    def account_locked(self) -> bool:
        return self.account_failures >= self.account_limit

    @property
    def address_locked(self) -> bool:
        return self.address_failures >= self.address_limit

    @property
    def locked(self) -> bool:
        return self.account_locked or self.address_locked

    @property
    def attempts_left(self) -> int:
        """Failures still allowed before a lock (the nearer of the two limits)."""
        left = min(
            self.account_limit - self.account_failures,
            self.address_limit - self.address_failures,
        )
        return max(0, left)


def recent_attempts(*, at=None) -> QuerySet:
    """Failure rows still counting: within the cool-off before ``at`` (all of them when a
    lock lasts until an administrator lifts it)."""
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.all()
    if cool_off is None:
        return attempts
    return attempts.filter(attempt_time__gte=(at or timezone.now()) - cool_off)


def failures_in(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_limit() -> int:
    return getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", settings.AXES_FAILURE_LIMIT)


def lock_state(request, credentials: dict | None = None) -> LockState:
    username = get_client_username(request, credentials)
    recent = recent_attempts(at=getattr(request, "axes_attempt_time", None))
    by_account = failures_in(recent.filter(username=username)) if username is not None else 0
    by_address = failures_in(recent.filter(ip_address=request.axes_ip_address))
    return LockState(
        account_failures=by_account,
        address_failures=by_address,
        account_limit=get_failure_limit(request, credentials),
        address_limit=address_limit(),
    )


class LoginAttemptHandler(AxesDatabaseHandler):
    """axes' database handler with separate account and address limits (module doc)."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        state = lock_state(request, credentials)
        request.login_lock_state = state
        if state.address_locked:  # axes compares with the account limit: report "at it"
            return max(state.account_failures, state.account_limit)
        return state.account_failures

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        AccessAttempt.objects.filter(
            username=user.get_username(), ip_address=request.axes_ip_address
        ).delete()


def lockout_message(state: LockState | None) -> str:
    """The Chinese refusal: what is locked, for how long, who can lift it."""
    if state is not None and state.account_locked and not state.address_locked:
        what = f"该账号连续登录失败{state.account_limit}次，已被锁定"
    elif state is not None and state.address_locked and not state.account_locked:
        what = f"您所在的网络地址登录失败已达{state.address_limit}次，已被锁定"
    else:
        what = "登录失败次数过多，该账号和您所在的网络地址已被锁定"
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    if minutes:
        wait = f"请停止尝试，{minutes}分钟后再登录（锁定期间每次尝试都会重新计时）"
    else:
        wait = "须由管理员解除锁定后才能登录"
    return f"{what}。{wait}；也可请管理员在“设置 → 账号锁定”中解除锁定。"


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the Wagtail login form again (its error already says
    why, the username stays filled in), anything else a Chinese page; status 429."""
    message = lockout_message(getattr(request, "login_lock_state", None))
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse({"error": message}, status=LOCKED_STATUS)
    match = getattr(request, "resolver_match", None)
    if original_response is not None and match and match.view_name == "wagtailadmin_login":
        original_response.status_code = LOCKED_STATUS
        return original_response
    context = {"message": message, "login_url": "/admin/login/"}
    return render(request, "accounts/locked_out.html", context, status=LOCKED_STATUS)
