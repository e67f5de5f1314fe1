"""Idle sessions end: every request counts as activity except Wagtail's editing pings.

``SESSION_SAVE_EVERY_REQUEST`` moves a session's expiry ``SESSION_IDLE_MINUTES`` ahead on
each request. An editor page left open pings the server every few seconds
(``wagtailadmin_editing_sessions:ping``), which would keep an unattended session alive
for ever; such a ping neither saves the session nor renews its cookie.
"""

from django.contrib.sessions.middleware import SessionMiddleware
from django.utils.cache import patch_vary_headers

BACKGROUND_VIEWS = frozenset({"wagtailadmin_editing_sessions:ping"})


def is_background(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in BACKGROUND_VIEWS


class IdleSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and is_background(request) and not session.modified:
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)
