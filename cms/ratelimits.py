"""One rate limiter (django-ratelimit) and one client address for every limit.

Who is the client. Without ``TRUSTED_PROXY_HEADER`` the client is ``REMOTE_ADDR``: the
right answer when the site is served directly. Behind the reverse proxy the README
documents, ``REMOTE_ADDR`` is the proxy, so every visitor would share one address and
five comments from anyone would close a consultation for everyone; the deployment then
names the header its proxy sets (``TRUSTED_PROXY_HEADER``, or the older name
``API_TRUSTED_PROXY_HEADER``), and only then is that header believed:

- ``X-Real-IP`` (Nginx ``proxy_set_header X-Real-IP $remote_addr``): the proxy replaces
  whatever the client sent, so its single value is the client;
- ``X-Forwarded-For``: each proxy *appends* the address it saw, so the client may put
  anything on the left. With our one trusted proxy hop the last (rightmost) entry is the
  address our proxy saw, and that is the one taken; entries left of it are ignored.

A value that is not an IP address falls back to ``REMOTE_ADDR``. Limits are keyed on
this address (IPv6 grouped by /64, django-ratelimit's default, since one IPv6 client
holds a whole /64).

How limits are counted. django-ratelimit's fixed windows in the ``default`` cache: Redis
when ``REDIS_URL`` is set, so every worker and server shares one count; each process's
memory otherwise (``cms.W001`` warns). While Redis is down the cache answers as an empty
one (cms/cache_backends.py) and ``RATELIMIT_FAIL_OPEN`` lets requests through, with the
warning logged: the site keeps serving. (django_ratelimit is deliberately not an
INSTALLED_APP: its system check rejects the local-memory cache a clerk's single server
runs on; ``cms.W001`` covers that case.)
"""

from __future__ import annotations

import ipaddress
import re
from typing import NamedTuple

from django.conf import settings
from django_ratelimit.core import get_usage

UNKNOWN_ADDRESS = "0.0.0.0"  # a shared bucket for a request without any address
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])?\w*\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PERIOD_NAMES = {1: "秒", 60: "分钟", 3600: "小时", 86400: "天"}


def trusted_proxy_header() -> str:
    """The header the reverse proxy sets with the client's address, or '' (not behind one)."""
    return (
        getattr(settings, "TRUSTED_PROXY_HEADER", "")
        or getattr(settings, "API_TRUSTED_PROXY_HEADER", "")
        or ""
    ).strip()


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's IP address, honouring the trusted proxy header (see the module doc)."""
    header = trusted_proxy_header()
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        entries = [entry.strip() for entry in value.split(",") if entry.strip()]
        if entries:
            found = _valid(entries[-1])  # the entry our own (single, trusted) proxy wrote
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", "") or "") or UNKNOWN_ADDRESS


def client_ip(request) -> str:
    """django-ratelimit's ``RATELIMIT_IP_META_KEY``: the same address, for its ``ip`` key."""
    return client_address(request)


def parse_rate(rate: str) -> tuple[int, int] | None:
    """'120/m' → (120, 60), '5/10m' → (5, 600); '' / '0' / malformed → None (no limit)."""
    match = _RATE.match(rate or "")
    if not match:
        return None
    count, multiple, unit = match.groups()
    allowed = int(count)
    period = _SECONDS[(unit or "s").lower()] * (int(multiple) if multiple else 1)
    return (allowed, period) if allowed > 0 and period > 0 else None


def period_text(seconds: int) -> str:
    """600 → '10分钟', 86400 → '1天', 90 → '90秒'."""
    for size in (86400, 3600, 60, 1):
        if seconds % size == 0:
            return f"{seconds // size}{_PERIOD_NAMES[size]}"
    return f"{seconds}秒"  # pragma: no cover - every int is a multiple of 1


class Refusal(NamedTuple):
    allowed: int
    period: int
    retry_after: int  # seconds until the window ends


def take(request, *, group: str, rate: str) -> Refusal | None:
    """Count one request of ``group`` from this client; a Refusal once over ``rate``."""
    parsed = parse_rate(rate)
    if parsed is None:
        return None
    usage = get_usage(request, group=group, key="ip", rate=parsed, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    allowed, period = parsed
    return Refusal(allowed, period, max(1, min(period, usage["time_left"])))
