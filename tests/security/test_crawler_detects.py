"""The leak crawler's own eyes: every seeded writing is recognised however a page encodes
it, a masked number is not a leak, and only same-site links are followed."""

import html
import json
from urllib.parse import quote

from tests.security.crawler import TOKEN, WRITINGS, links, secrets_in, squeezed


def test_every_seeded_writing_is_recognised_in_html_json_and_links():
    for writing in WRITINGS:
        assert secrets_in(f"<p>{html.escape(writing)}</p>"), writing
        assert secrets_in(json.dumps({"body": writing}), "application/json"), writing
        assert secrets_in(f'<a href="/documents/{quote(writing)}/">x</a>'), writing


def test_a_token_split_by_highlight_marks_is_still_the_token():
    found = secrets_in("<li><mark>泄露</mark><mark>探针</mark>QX7K</li>")
    assert found == [f"token {TOKEN}"]


def test_masked_numbers_and_ordinary_numbers_are_not_leaks():
    text = "640303********101X，158****7246，6228********5675，红民发〔2024〕5号，2026-12-02"
    assert secrets_in(f"<p>{text}</p>") == []


def test_full_width_digits_and_any_separator_squeeze_to_the_plain_number():
    assert squeezed("６４０３０３\u300019870415–101x") == "64030319870415101X"


def test_only_links_on_the_site_are_followed():
    body = '<a href="http://example.com/x">a</a><a href="/b/?q=1">b</a><a href="c/">c</a>'
    assert links(body, "/base/page/") == ["/b/?q=1", "/base/page/c/"]
