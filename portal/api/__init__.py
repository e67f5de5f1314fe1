"""The portal's read-only JSON API under ``/api/v2/`` (django-ninja), beside Wagtail's stock v2.

Why our own endpoints: Wagtail's API v2 has no snippets endpoint, caps pages at 20 and
filters by exact field match only, while the 政府门户网站 needs status, date-range, 文号
and Chinese full-text filters. Every endpoint reads live, public pages only (a pending
revision is never served), and every string of every answer passes the personal-number
check of ``cms.privacy`` last (see ``portal.api.privacy``).

Modules: ``urls`` assembles the API; ``documents`` / ``public_lists`` are the endpoints;
``fulltext`` adapts the search app's ``q=``; ``params`` / ``errors`` handle bad input in
Chinese; ``middleware`` does rate limiting, ETag/304 and caching headers; ``stock`` is
Wagtail's own router.
"""
