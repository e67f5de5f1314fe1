"""Wagtail's own search (admin search boxes) made to find Chinese words.

Configured as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}``;
see ``common`` for how. The vendor module is imported only for the database in use.
"""

from django.db import connection


def SearchBackend(params):
    if connection.vendor == "postgresql":
        from search.wagtail_backend.postgres import CJKPostgresSearchBackend

        return CJKPostgresSearchBackend(params)
    from search.wagtail_backend.sqlite import CJKSQLiteSearchBackend

    return CJKSQLiteSearchBackend(params)
