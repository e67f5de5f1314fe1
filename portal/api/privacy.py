"""The last check on output: no unmasked resident ID, mobile or bank-card number leaves the API.

The publishing gate should already have refused such content; this is the belt to its
braces. Every string of every answer is checked (ours through ``MaskingRenderer``,
Wagtail's stock endpoints in ``portal.api.middleware``), numbers found are masked as the
portal publishes them (640303********1234) and a warning is logged so the office can
correct the source.
"""

import json
import logging
import re
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils.http import http_date
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from cms.privacy import find_personal_numbers, mask_personal_numbers

logger = logging.getLogger("portal.api.privacy")

# Cheap pre-filter for whole bodies: every number cms.privacy detects has 11+ digits (any
# script: \d is Unicode), so a body without that many is skipped unparsed.
_DIGITS = re.compile(r"(?:\d\D*){11}")
CHECKED_FLAG = "_api_privacy_checked"


# Every number cms.privacy detects has 11+ digits, so a string shorter than that (a date,
# a status, most 文号) is one the detector answers "none" for without reading it.
_SHORTEST = 11


def _mask(value: Any, found: list[str]) -> Any:
    kind = type(value)
    if kind is str or isinstance(value, str):
        if len(value) < _SHORTEST:
            return value
        numbers = find_personal_numbers(value)
        if not numbers:
            return value
        found.extend(number.label for number in numbers)
        return mask_personal_numbers(value)
    if kind is dict or isinstance(value, dict):
        return {key: _mask(item, found) for key, item in value.items()}
    if kind is list or isinstance(value, list | tuple):
        return [_mask(item, found) for item in value]
    return value


def _warn(found: list[str], where: str) -> None:
    logger.warning(
        "接口输出含未脱敏个人信息，已遮蔽后输出：%s（%s），请核查源内容。",
        where or "?",
        "、".join(sorted(set(found))),
    )


def mask_data(data: Any, *, where: str = "") -> Any:
    """``data`` with every personal number in every string masked; logs when it had to."""
    found: list[str] = []
    masked = _mask(data, found)
    if found:
        _warn(found, where)
    return masked


class MaskingRenderer(JSONRenderer):
    """Ninja's JSON renderer with the personal-number check on the data, in UTF-8."""

    def render(self, request, data, *, response_status):
        setattr(request, CHECKED_FLAG, True)
        data = mask_data(data, where=request.get_full_path())
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


def json_response(request, data, *, last_modified: datetime | None = None) -> HttpResponse:
    """What ninja would answer for ``data`` through ``MaskingRenderer`` (the same check, the
    same bytes and Content-Type), for an endpoint that builds its data in the response
    schema's shape itself and skips ninja's validation (tests/portal/api/test_schema.py
    checks the shape)."""
    renderer = MaskingRenderer()
    content = renderer.render(request, data, response_status=200)
    response = HttpResponse(
        content, content_type=f"{renderer.media_type}; charset={renderer.charset}"
    )
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def mask_json_body(content: bytes, *, where: str) -> bytes | None:
    """A stock (DRF) JSON body re-encoded with numbers masked, or None when it is clean."""
    if not _DIGITS.search(content.decode("utf-8", "replace")):
        return None  # fewer than eleven digits, even counting those in \uFF11 escapes
    try:
        data = json.loads(content)
    except ValueError:
        return None
    found: list[str] = []
    masked = _mask(data, found)
    if not found:
        return None
    _warn(found, where)
    return json.dumps(masked, ensure_ascii=False).encode("utf-8")
