"""The facet, permission and ordering columns of every index entry, cached per process.

Counting facets and applying the permission filter over thousands of hits is what a
database join makes slow — each hit is a row lookup. Measured on 20,000 documents: the
FTS match itself takes ~1 ms for 合同 (7,200 hits) but the joined GROUP BY ~45 ms. These
few columns are kept in memory instead, as numpy arrays indexed by entry id with each
value coded as a small integer, so filtering is a vectorised mask and counting one
``bincount``. They are reloaded when the index generation (a database value renewed
by every write) changes, so every process — web worker, command — sees every other's
writes. Memory: about 30 bytes per entry plus titles. At a province's scale (millions
of documents) use the Elasticsearch backend.
"""

import re
import secrets
import threading
import zlib
from datetime import date
from typing import NamedTuple

import numpy as np
from django.db import connection

from search.models import IndexGeneration, SearchEntry

CODED = ("kind", "status", "year", "issuer", "department", "doc_number")
_LETTER = {"kind": "k", "status": "s", "year": "y", "issuer": "i", "department": "d"}
_LETTER["doc_number"] = "n"
_TITLE_SEPARATOR = "\n"  # never inside a query term, so a match never spans two titles
LIVE_TOKEN = "flive"

# AND of groups; a group is an OR of alternatives; an alternative is an AND of tokens.
FacetClause = list[list[list[str]]]


def token(field: str, value) -> str:
    """One facet value as an opaque ASCII index token ("fy" + crc32 of "2020", …).

    A crc32 collision could only widen what the index returns: the in-memory filter
    below (``FacetTable``) stays the authority on what is shown.
    """
    return f"f{_LETTER[field]}{zlib.crc32(str(value).encode()):08x}"


_TOKEN_SHAPE = re.compile(r"f[a-z][0-9a-f]{8}|flive")


def is_facet_token(word: str) -> bool:
    return bool(_TOKEN_SHAPE.fullmatch(word))


def entry_tokens(values: dict) -> str:
    """The facet tokens of one entry, from its field values (``EntryData._asdict()``)."""
    found = [LIVE_TOKEN] if values.get("live") else []
    for field in CODED:
        value = values.get("department_id" if field == "department" else field)
        if value not in (None, ""):
            found.append(token(field, value))
    return " ".join(found)


def clause(visibility, filters: dict[str, list[str]]) -> FacetClause:
    """The permission filter and field filters as facet-token conditions for the index.

    Mirrors ``search.backends.embedded._filter`` so the index returns (about) only the
    rows that filter keeps; the filter still runs after it.
    """
    groups: FacetClause = []
    if not visibility.all_items:
        alternatives = [[LIVE_TOKEN, token("kind", kind)] for kind in visibility.public_kinds]
        alternatives += [[token("department", pk)] for pk in visibility.department_ids]
        groups.append(alternatives)
    for field, values in filters.items():
        if field in _LETTER and values:
            groups.append([[token(field, value)] for value in values])
    return [group for group in groups if group]


class Column(NamedTuple):
    codes: np.ndarray  # int32 per entry id; -1 = empty
    values: list  # code → value

    def code_of(self, value) -> int:
        try:
            return self.values.index(value)
        except ValueError:
            return -2  # matches nothing


class FacetTable(NamedTuple):
    present: np.ndarray  # bool per entry id
    live: np.ndarray  # bool per entry id
    published: np.ndarray  # int32 date ordinal per entry id (0 when unknown)
    columns: dict[str, Column]
    titles: "Titles"


class Titles(NamedTuple):
    """Every title, lower-cased, in one string, with its character pairs sorted.

    Finding a word in all titles from Python costs ~1 µs a title, and even one C-level
    ``str.find`` scan of the joined string grows with the collection. Instead every pair
    of adjacent characters (bigram) of ``joined`` is kept as one integer key, sorted: a
    two-character word's occurrences are one binary search away, and a longer word's are
    its rarest pair's occurrences, each checked in place. ``starts`` (ascending) maps an
    offset back to its entry.
    """

    joined: str
    starts: np.ndarray  # offset of each title in ``joined``
    ids: np.ndarray  # entry id of each title
    pair_keys: np.ndarray  # sorted bigram keys of ``joined`` (uint64)
    pair_offsets: np.ndarray  # offset in ``joined`` of each key, in key order

    @classmethod
    def of(cls, titles: list[str], ids: np.ndarray) -> "Titles":
        lengths = np.fromiter((len(t) + 1 for t in titles), dtype=np.int64, count=len(titles))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if titles else lengths
        joined = _TITLE_SEPARATOR.join(titles)
        keys = _pair_keys(joined)
        order = np.argsort(keys, kind="stable")
        return cls(joined, starts, ids, keys[order], order)

    def containing(self, words: list[str]) -> np.ndarray:
        """Ids of the entries whose title contains any of ``words``."""
        found = [
            self._offsets(word)
            for word in {w.lower() for w in words if w and _TITLE_SEPARATOR not in w}
        ]
        found = [offsets for offsets in found if len(offsets)]
        if not found:
            return np.zeros(0, dtype=np.int64)
        offsets = np.concatenate(found)
        return self.ids[np.searchsorted(self.starts, offsets, side="right") - 1]

    def _offsets(self, word: str) -> np.ndarray:
        """Where ``word`` occurs in ``joined``."""
        if len(word) < 2:
            return _scan(self.joined, word)
        keys = _pair_keys(word)
        low = np.searchsorted(self.pair_keys, keys, side="left")
        high = np.searchsorted(self.pair_keys, keys, side="right")
        rarest = int(np.argmin(high - low))
        candidates = self.pair_offsets[low[rarest] : high[rarest]] - rarest
        if len(word) == 2:
            return candidates
        joined = self.joined
        return np.fromiter(
            (at for at in candidates.tolist() if at >= 0 and joined.startswith(word, at)),
            dtype=np.int64,
        )


def _pair_keys(text: str) -> np.ndarray:
    """One integer per pair of adjacent characters: the first's code point, shifted, | the second's."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes = codes.astype(np.uint64)
    return (codes[:-1] << np.uint64(21)) | codes[1:]


def _scan(text: str, word: str) -> np.ndarray:
    found = []
    at = text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return np.asarray(found, dtype=np.int64)


_lock = threading.Lock()
_cache: dict[str, tuple[int, FacetTable]] = {}


def bump_generation() -> None:
    """Called inside every index write's transaction.

    A fresh random value rather than a counter: after a rolled-back write the counter
    would return to an old number that a later write would reuse, and a cache loaded
    inside the rolled-back transaction would pass for current.
    """
    value = secrets.randbits(62)
    if not IndexGeneration.objects.filter(pk=1).update(value=value):
        IndexGeneration.objects.get_or_create(pk=1, defaults={"value": value})


def current_generation() -> int:
    # Raw SQL: asked on every search, and the ORM's overhead is 40x the query's.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {IndexGeneration._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def table() -> FacetTable:
    key = connection.settings_dict["NAME"]
    generation = current_generation()
    cached = _cache.get(key)
    if cached and cached[0] == generation:
        return cached[1]
    with _lock:
        loaded = _load()
        _cache[key] = (generation, loaded)
    return loaded


def _load() -> FacetTable:
    rows = list(
        SearchEntry.objects.values_list(
            "pk",
            "live",
            "published_on",
            "title",
            "kind",
            "status",
            "year",
            "issuer",
            "department_id",
            "doc_number",
        ).iterator(chunk_size=5000)
    )
    size = max((row[0] for row in rows), default=0) + 1
    present = np.zeros(size, dtype=bool)
    live = np.zeros(size, dtype=bool)
    published = np.zeros(size, dtype=np.int32)
    codes = {field: np.full(size, -1, dtype=np.int32) for field in CODED}
    values: dict[str, dict] = {field: {} for field in CODED}
    titles: list[str] = []
    for pk, is_live, day, title, *coded in rows:
        present[pk], live[pk] = True, is_live
        titles.append(title.lower())
        published[pk] = day.toordinal() if isinstance(day, date) else 0
        for field, value in zip(CODED, coded, strict=True):
            if value not in (None, ""):
                codes[field][pk] = values[field].setdefault(value, len(values[field]))
    columns = {field: Column(codes[field], list(values[field])) for field in CODED}
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    return FacetTable(present, live, published, columns, Titles.of(titles, ids))
