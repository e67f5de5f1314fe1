"""Rich text (a page body's HTML) as plain text: one helper for every reader of a body.

The search index, the pre-review and cleanup rules, the API's and the portal's snippets and
the feeds all read a body as text. Block ends (paragraphs, headings, list items, divisions,
quotes) and line breaks become a newline, so two paragraphs never run together — in Chinese
there is no space between them to keep words apart, and a word cut from the end of one
paragraph and the start of the next would otherwise be found by the search.

Wagtail's ``wagtail.rich_text.get_text_for_indexing`` does the same job but joins blocks
with a space and misses ``<br>`` written without a slash and ``</div>``; the rules match
patterns line by line and the snippets keep paragraph breaks, so the newline stays.
"""

import html
import re

_TAG = re.compile(r"<[^>]+>")  # a body is editor output: a regex, several times faster
_BLOCK_END = re.compile(r"</(?:p|h\d|li|div|blockquote)\s*>|<(?:br|hr)\s*/?>", re.IGNORECASE)


def rich_text_to_plain(rich: str | None) -> str:
    """The text of ``rich``, one line per block, entities decoded, ends trimmed."""
    text = _BLOCK_END.sub("\n", rich or "")
    return html.unescape(_TAG.sub("", text)).strip()


def rich_text_to_line(rich: str | None) -> str:
    """The text of ``rich`` on one line: every run of whitespace is one space (summaries)."""
    return " ".join(rich_text_to_plain(rich).split())
