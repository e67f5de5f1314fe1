"""Around every ``/api/`` answer: rate limit, the last privacy check, caching headers, 304.

- Rate limit: API_RATE_LIMIT (e.g. "120/m") per client address, through the one limiter
  of ``cms.ratelimits`` (django-ratelimit on the shared cache, the trusted proxy header
  honoured); over it, 429 with a Chinese JSON message and Retry-After.
- Privacy: Wagtail's stock endpoints (DRF) get the same personal-number check as ours.
- Server cache: whole answers of the version-covered endpoints (``portal.api.cache``).
- Caching: ``Cache-Control: public, max-age=60``, an ETag hashed from the body, and
  Django's conditional-GET rules (If-None-Match first, then If-Modified-Since against
  the Last-Modified an endpoint set) turn a repeated request into a 304.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from cms import ratelimits
from portal.api import cache as answers
from portal.api.privacy import CHECKED_FLAG, mask_json_body

API_PREFIX = "/api/"


def too_many_requests(request) -> HttpResponse | None:
    """429 with a Chinese JSON message and Retry-After once the client is over API_RATE_LIMIT."""
    refusal = ratelimits.take(request, group="cms-api", rate=settings.API_RATE_LIMIT)
    if refusal is None:
        return None
    body = {
        "detail": f"请求过于频繁（每{refusal.period}秒最多{refusal.allowed}次），"
        f"请在{refusal.retry_after}秒后重试。"
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=429, content_type="application/json"
    )
    response["Retry-After"] = str(refusal.retry_after)
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
