"""Login records (every login, failure and logout) and the current lockouts, for the admin."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from axes.helpers import get_cool_off
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.db.models import Case, CharField, F, Max, QuerySet, Sum, Value, When

from accounts.lockout import address_limit, recent_attempts
from accounts.models import LockKind

RESULTS = {
    "success": "登录成功",
    "failure": "登录失败",
    "locked": "登录失败（已锁定）",
    "logout": "退出登录",
}
COLUMNS = ("at", "result", "username", "ip_address", "user_agent", "path_info")


def _shaped(queryset: QuerySet, *, at: str, result) -> QuerySet:
    return queryset.annotate(at=F(at), result=result).values_list(*COLUMNS)


def _filtered(queryset: QuerySet, *, username: str, date_from, date_to) -> QuerySet:
    if username:
        queryset = queryset.filter(username__icontains=username)
    if date_from:
        queryset = queryset.filter(at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(at__date__lte=date_to)
    return queryset


def login_records(
    *,
    username: str = "",
    result: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet:
    """Rows (at, result, username, ip_address, user_agent, path_info), newest first;
    ``result`` one of RESULTS' keys or "" for all."""
    text = CharField()
    members = {
        "success": AccessLog.objects.annotate(at=F("attempt_time"), result=Value("success", text)),
        "logout": AccessLog.objects.filter(logout_time__isnull=False).annotate(
            at=F("logout_time"), result=Value("logout", text)
        ),
        "failure": AccessFailureLog.objects.annotate(
            at=F("attempt_time"),
            result=Case(
                When(locked_out=True, then=Value("locked")),
                default=Value("failure"),
                output_field=text,
            ),
        ),
    }
    chosen = []
    for kind, queryset in members.items():
        if result in ("", kind) or (result == "locked" and kind == "failure"):
            queryset = _filtered(queryset, username=username, date_from=date_from, date_to=date_to)
            if result == "locked":
                queryset = queryset.filter(locked_out=True)
            elif result == "failure" and kind == "failure":
                queryset = queryset.filter(locked_out=False)
            chosen.append(queryset.values_list(*COLUMNS))
    first, *rest = chosen
    return first.union(*rest, all=True).order_by("-at") if rest else first.order_by("-at")


@dataclass(frozen=True)
class Lock:
    kind: str  # LockKind
    value: str
    failures: int
    limit: int
    last_failure: datetime.datetime
    until: datetime.datetime | None  # None: until an administrator unlocks

    @property
    def kind_label(self) -> str:
        return LockKind(self.kind).label

    @property
    def locked(self) -> bool:
        return self.failures >= self.limit


def current_locks() -> list[Lock]:
    """Accounts and addresses with failures still counting, locked ones first."""
    cool_off = get_cool_off()
    limits = {LockKind.ACCOUNT: settings.AXES_FAILURE_LIMIT, LockKind.ADDRESS: address_limit()}
    locks = []
    for kind, limit in limits.items():
        grouped = (
            recent_attempts()
            .exclude(**{f"{kind}__isnull": True})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .order_by("-last")
        )
        for row in grouped:
            until = row["last"] + cool_off if cool_off else None
            locks.append(Lock(kind, row[kind], row["failures"], limit, row["last"], until))
    return sorted(locks, key=lambda lock: (not lock.locked, -lock.last_failure.timestamp()))
