"""A small leak crawler over the Django test client: fetch, look for secrets, follow links.

A *secret* is the seeded token, or one of the seeded personal numbers in any of its
writings, or any number cms.privacy's detector still finds unmasked. Every response body is
read in every form a reader could decode it from: raw, HTML-unescaped, percent-decoded,
JSON decoded (``\\u`` escapes), and as text without tags (a highlight may split the token
with ``<mark>``). Served files (PDF, DOCX) are read through the search app's extractor.

Searches echo their query back (the search box, "results for …"), so a probe that carries
the token is judged *differentially*: the same request with a control word of the same
shape must give the same answer once the token is swapped for the control. A difference
means the index confirmed the token (an extra AND term, a NOT term, a highlight, a count).
"""

import contextlib
import html
import json
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import unquote, urlencode, urlsplit

from django.db import transaction

from cms.privacy import find_personal_numbers

TOKEN = "泄露探针QX7K"
TOKEN_PART = "泄露探针"
TOKEN_ASCII = "QX7K"
CONTROL = "鹂蜓罄箫ZP4W"
CONTROL_PART = "鹂蜓罄箫"
CONTROL_ASCII = "ZP4W"
SWAPS = ((TOKEN, CONTROL), (TOKEN_PART, CONTROL_PART), (TOKEN_ASCII, CONTROL_ASCII))
COMMON_WORD = "救助"

# The seeded numbers (digits only, upper-case X) and the writings they are seeded in.
ID_X = "64030319870415101X"
ID_DIGITS = "110105199208231005"
MOBILE = "15809537246"
CARD = "6228480612345675"
NUMBERS = (ID_X, ID_DIGITS, MOBILE, CARD)
WRITINGS = (
    ID_X,
    ID_X.lower(),
    "640303 19870415 101X",
    "640303\u300019870415\u3000101X",
    "640303–19870415–101X",
    "６４０３０３１９８７０４１５１０１Ｘ",
    "640303 19870415 101x",
    ID_DIGITS,
    "110105.19920823.1005",
    "+86 158 0953 7246",
    "158-0953-7246",
    "+8615809537246",
    "１５８０９５３７２４６",
    "158\u30000953\u30007246",
    "158–0953–7246",
    "6228 4806 1234 5675",
    "6228–4806–1234–5675",
    "６２２８４８０６１２３４５６７５",
    "6228\u30004806\u30001234\u30005675",
)
NUMBER_TEXT = "；".join(WRITINGS)

_SEPARATORS = re.compile(r"(?<=[0-9Xx])[\s\-‐‑‒–—―−.·・_]+(?=[0-9Xx+])")
_TAGS = re.compile(r"<[^>]*>")
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_CSRF = re.compile(r"[A-Za-z0-9]{64}")
_RELATIVE_TIME = re.compile(
    r"刚刚|\d+\s*(?:秒|分钟|小时|天|周|个月|年)\s*之?前|just now|\d+\s*\w+ ago"
)
_LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""", re.I)
_ABSOLUTE = re.compile(r"https?://testserver(/[^\s\"'<>\\]*)")
_JSON_URL = re.compile(r'"(/(?:api|documents|consultations)[^"\\]*)"')


@dataclass
class Leak:
    url: str
    what: str

    def __str__(self) -> str:
        return f"{self.url}  ->  {self.what}"


@dataclass
class Report:
    leaks: list[Leak] = field(default_factory=list)
    errors: list[Leak] = field(default_factory=list)
    visited: int = 0

    def add(self, url: str, what: str) -> None:
        self.leaks.append(Leak(url, what))

    def summary(self) -> str:
        lines = [f"{len(self.leaks)} leak(s), {len(self.errors)} server error(s) in "]
        lines[0] += f"{self.visited} responses:"
        lines += [f"  LEAK  {leak}" for leak in dict.fromkeys(map(str, self.leaks))]
        lines += [f"  500   {error}" for error in dict.fromkeys(map(str, self.errors))]
        return "\n".join(lines)

    def assert_clean(self) -> None:
        assert not (self.leaks or self.errors), self.summary()


def fetch(client, path: str, params: dict | None = None):
    """GET in a savepoint: a request that fails in the database (a 500) is rolled back
    alone, so that on PostgreSQL the crawl goes on in a usable transaction. The client
    must be made with ``raise_request_exception=False`` so a 500 is an answer."""
    with transaction.atomic():
        response = client.get(path, params or {})
        if response.status_code >= 500:
            transaction.set_rollback(True)
    return response


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def readings(body: str, content_type: str = "") -> list[str]:
    """The body in every form a reader could decode it from."""
    forms = [body, html.unescape(body), unquote(body)]
    if "json" in content_type:
        with contextlib.suppress(ValueError):
            forms.append(json.dumps(json.loads(body), ensure_ascii=False))
    forms.append(visible_text(body))
    return forms


def visible_text(body: str) -> str:
    return html.unescape(_TAGS.sub("", _SCRIPTS.sub(" ", body)))


def squeezed(text: str) -> str:
    """Full-width to half-width (NFKC), and separators between digits removed."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def secrets_in(text: str, content_type: str = "") -> list[str]:
    """What of the seeded secrets, or of any unmasked personal number, ``text`` shows."""
    found = []
    forms = readings(text, content_type)
    if any(TOKEN in form for form in forms):
        found.append(f"token {TOKEN}")
    elif any(TOKEN_PART in form for form in forms):
        found.append(f"token part {TOKEN_PART}")
    for writing in WRITINGS:
        if any(writing in form for form in forms):
            found.append(f"personal number as written {writing!r}")
    flat = " ".join(squeezed(form) for form in forms[1:])
    for number in NUMBERS:
        if number in flat and not any(number in f for f in found):
            found.append(f"personal number {number} (in another writing)")
    decoded = forms[3] if len(forms) > 4 else text  # the JSON, \\u escapes decoded
    text_only = visible_text(decoded)
    for number in find_personal_numbers(text_only):
        found.append(f"unmasked {number.kind} {number.text!r} (cms.privacy detector)")
    return list(dict.fromkeys(found))


def file_text(data: bytes, filename: str) -> str:
    from search.extraction import extract

    return extract(data, filename).text


def check(report: Report, url: str, response) -> str:
    """Record the response's leaks and 500s; return its body."""
    report.visited += 1
    if response.status_code >= 500:
        report.errors.append(Leak(url, f"HTTP {response.status_code}"))
        return ""
    content_type = response.get("Content-Type", "")
    disposition = response.get("Content-Disposition", "")
    if response.status_code == 200 and ("pdf" in content_type or "officedocument" in content_type):
        data = b"".join(response.streaming_content) if response.streaming else response.content
        name = urlsplit(url.split(" ", 1)[0]).path.rsplit("/", 1)[-1] or disposition
        for what in secrets_in(file_text(data, name)):
            report.add(url, f"served file: {what}")
        return ""
    body = body_of(response)
    for what in secrets_in(body, content_type):
        report.add(url, what)
    return body


def swap(text: str) -> str:
    for secret, control in SWAPS:
        text = text.replace(secret, control)
    return text


def normalised(body: str) -> str:
    """Without what changes between two renders anyway: CSRF tokens, "3 分钟 之前"."""
    return _RELATIVE_TIME.sub("TIME", _CSRF.sub("CSRF", body))


def probe(client, report: Report, path: str, params: dict, note: str = "", *, flush=False):
    """Differential probe: ``params`` carry the token; the control request carries the
    control word. Both answers must agree once the token is swapped for the control.
    ``flush``: first consume the admin's pending messages (a refusal met while crawling
    is shown on the next page), so that only the token makes a difference."""
    url = f"{path}?{urlencode(params)}"
    control_params = {key: swap(str(value)) for key, value in params.items()}
    if flush:
        fetch(client, path, control_params)
    response = fetch(client, path, params)
    report.visited += 1
    if response.status_code >= 500:
        report.errors.append(Leak(url, f"HTTP {response.status_code}"))
        return
    control = fetch(client, path, control_params)
    content_type = response.get("Content-Type", "")
    body, control_body = canonical(response, content_type), canonical(control, content_type)
    if response.status_code != control.status_code:
        report.add(
            url,
            f"search confirms the token: HTTP {response.status_code} vs "
            f"{control.status_code} for the control word {note}",
        )
        return
    if normalised(swap(body)) != normalised(control_body):  # ignores CSRF tokens
        report.add(
            url,
            f"search confirms the token: the answer differs from the control "
            f"word's {note}{difference(swap(body), control_body)}",
        )
    for what in secrets_in(swap(body)):  # what is left once the echo is swapped away
        report.add(url, what)


def canonical(response, content_type: str) -> str:
    """The body with JSON and percent escapes decoded, so that an echo of the query, in
    whatever escaping, is swapped like the rest."""
    body = body_of(response)
    if "json" in content_type:
        with contextlib.suppress(ValueError):
            body = json.dumps(json.loads(body), ensure_ascii=False)
    return unquote(html.unescape(body))


def difference(a: str, b: str) -> str:
    a, b = normalised(visible_text(a)), normalised(visible_text(b))
    a, b = re.sub(r"\s+", " ", a), re.sub(r"\s+", " ", b)
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if start is None:
        start = min(len(a), len(b))
    return (
        f" (token: …{a[max(0, start - 30) : start + 70]!r}; "
        f"control: …{b[max(0, start - 30) : start + 70]!r})"
    )


def search_probes(word_param: str = "q") -> list[dict]:
    return [
        {word_param: TOKEN},
        {word_param: TOKEN_PART},
        {word_param: TOKEN_ASCII},
        {word_param: f"{COMMON_WORD} {TOKEN}"},
        {word_param: f"{COMMON_WORD} -{TOKEN}"},
        {word_param: f'"{TOKEN}"'},
    ]


def links(body: str, base: str) -> list[str]:
    """Same-site paths (with their query) linked from ``body``."""
    found = []
    for raw in [*_LINK.findall(body), *_ABSOLUTE.findall(body), *_JSON_URL.findall(body)]:
        raw = html.unescape(raw).strip()
        parts = urlsplit(raw)
        if parts.scheme and parts.netloc != "testserver":
            continue
        if parts.scheme not in ("", "http", "https") or raw.startswith("//"):
            continue
        path = parts.path
        if not path.startswith("/"):
            path = base.rsplit("/", 1)[0] + "/" + path
        found.append(path + (f"?{parts.query}" if parts.query else ""))
    return found


def bfs(client, report: Report, starts, *, allow, limit: int, per_path: int = 3) -> set[str]:
    """Breadth-first GET of same-site links that ``allow(path)`` accepts, at most ``limit``
    responses and ``per_path`` query variants of one path."""
    seen, per = set(), {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        path = url.split("?", 1)[0]
        if url in seen or not allow(url):
            continue
        if "?" in url and per.get(path, 0) >= per_path:
            continue
        per[path] = per.get(path, 0) + ("?" in url)
        seen.add(url)
        response = fetch(client, url)
        body = check(report, url, response)
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
        if body:
            queue.extend(link for link in links(body, path) if link not in seen)
    return seen
