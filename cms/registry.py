"""Capabilities other apps lend to cms, which never imports them (docs/architecture.md, Layers).

Set in the lending app's AppConfig.ready(); cms code checks for ``None`` and falls back.
"""

from collections.abc import Callable

#: Chinese full-text search: ``(user=, query=, filters=, page=, per_page=, order=)`` →
#: an object with ``hits`` (key, kind, object_id, title, highlights…), ``total``,
#: ``facets``; raises a ValueError subclass with a Chinese message on bad queries.
full_text_search: Callable | None = None

#: Official working days ``(start, end)`` → how many after ``start`` up to ``end``
#: (法定节假日 and 调休 included); lent by the review app. Used for the consultation window.
working_days_between: Callable | None = None

#: An attachment file's extracted text ``(attachment_file)`` → str ("" when none can be
#: extracted); lent by the search app. Read by the personal-number publishing guard.
attachment_text: Callable | None = None
