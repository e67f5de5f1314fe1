"""Around every ``/api/`` answer: rate limit, the last privacy check, caching headers, 304.

- Rate limit: a fixed window per client IP in Django's cache (API_RATE_LIMIT, e.g.
  "120/m"); over it, 429 with a Chinese JSON message and Retry-After. With the default
  LocMemCache each worker process counts on its own; with REDIS_URL set every worker and
  server counts in one Redis, and while Redis is down requests pass (cms/cache_backends.py).
- Privacy: Wagtail's stock endpoints (DRF) get the same personal-number check as ours.
- Server cache: whole answers of the version-covered endpoints (``cms.api.cache``).
- Caching: ``Cache-Control: public, max-age=60``, an ETag hashed from the body, and
  Django's conditional-GET rules (If-None-Match first, then If-Modified-Since against
  the Last-Modified an endpoint set) turn a repeated request into a 304.
"""

import hashlib
import json
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from cms.api import cache as answers
from cms.api.privacy import CHECKED_FLAG, mask_json_body

API_PREFIX = "/api/"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """'120/m' → (120, 60); '' / '0' / malformed → None (no limit)."""
    count, _, unit = (rate or "").strip().partition("/")
    try:
        allowed = int(count)
    except ValueError:
        return None
    period = _UNITS.get((unit or "m").strip()[:1].lower())
    return (allowed, period) if allowed > 0 and period else None


def client_ip(request) -> str:
    header = settings.API_TRUSTED_PROXY_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def too_many_requests(request) -> HttpResponse | None:
    rate = parse_rate(settings.API_RATE_LIMIT)
    if rate is None:
        return None
    allowed, period = rate
    now = time.time()
    key = f"cms-api-rate:{client_ip(request)}:{int(now // period)}"
    cache.add(key, 0, period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or Redis down (a DummyCache then)
        cache.add(key, 1, period + 1)
        count = 1
    if count <= allowed:
        return None
    retry = max(1, math.ceil(period - now % period))
    body = {"detail": f"请求过于频繁（每{period}秒最多{allowed}次），请在{retry}秒后重试。"}
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=429, content_type="application/json"
    )
    response["Retry-After"] = str(retry)
    return response


class PublicApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        limited = too_many_requests(request)
        if limited is not None:
            return limited
        if answers.cacheable(request):
            key = answers.key_for(request)
            response = answers.replay(key)
            if response is None:
                response = self._checked(request, self.get_response(request))
                answers.store(key, response)
        else:
            response = self._checked(request, self.get_response(request))
        if request.method not in {"GET", "HEAD"} or response.status_code != 200:
            return response
        if response.streaming:
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
        response["ETag"] = f'"{digest}"'
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=_last_modified(response),
            response=response,
        )

    @staticmethod
    def _checked(request, response):
        """The last privacy check for answers our renderer did not write (Wagtail's stock API)."""
        if response.streaming or not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        if not getattr(request, CHECKED_FLAG, False):
            masked = mask_json_body(response.content, where=request.get_full_path())
            if masked is not None:
                response.content = masked
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(masked))
        return response


def _last_modified(response) -> int | None:
    value = response.get("Last-Modified")
    return parse_http_date_safe(value) if value else None
