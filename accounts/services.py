"""Lifting a login lockout (设置 → 账号锁定, or ``manage.py axes_reset_username``)."""

from __future__ import annotations

import ipaddress

from axes.models import AccessAttempt
from django.db import transaction

from accounts.lockout import failures_in
from accounts.models import LockKind, UnlockRecord


class UnlockError(Exception):
    """A refusal to show the administrator, in Chinese."""


def login_unlock(*, kind: str, value: str, user) -> UnlockRecord:
    """Clear the counted failures of an account or an address, and record who did it.

    The failures themselves stay in the login records (AccessFailureLog)."""
    if kind not in LockKind.values:
        raise UnlockError("锁定类型不正确，请从“账号锁定”列表中选择。")
    value = (value or "").strip()
    if not value:
        raise UnlockError("未指定要解除锁定的账号或网络地址。")
    if kind == LockKind.ADDRESS:
        try:
            value = str(ipaddress.ip_address(value))
        except ValueError:
            raise UnlockError(f"“{value}”不是合法的网络地址。") from None
    with transaction.atomic():
        attempts = AccessAttempt.objects.filter(**{kind: value})
        failures = failures_in(attempts)
        if not failures:
            label = LockKind(kind).label
            raise UnlockError(f"{label}“{value}”没有需要解除的锁定（可能已到期自动解除）。")
        attempts.delete()
        return UnlockRecord.objects.create(
            kind=kind, value=value, failures=failures, unlocked_by=user
        )
