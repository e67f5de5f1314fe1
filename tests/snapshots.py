"""Whole-database snapshots for the test suite: build a data set once, restore it cheaply.

Loading the demo bureau takes tens of seconds; restoring a snapshot of it takes
milliseconds on SQLite (the backup API, page by page into the worker's in-memory test
database) and well under a second on PostgreSQL (``CREATE DATABASE … TEMPLATE``, and the
connection pointed at the copy). Each snapshot also keeps the default storage's files
(``InMemoryStorage`` in the test settings), so a restored record still finds its PDF.

``Snapshots.build(name, load)`` runs ``load`` on a copy of the current database and keeps
the result; ``with Snapshots.restored(name):`` holds that result inside the block and puts
the former contents back after it, so tests outside the block never see the data set.
"""

import copy
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import InMemoryStorage, storages
from django.db import connection, connections


def snapshots_for_database() -> "Snapshots":
    if connection.vendor == "sqlite":
        return SqliteSnapshots()
    if connection.vendor == "postgresql":
        return PostgresSnapshots()
    raise NotImplementedError(f"no database snapshots for {connection.vendor}")


class MediaSnapshots:
    """The default storage's files, when it is Django's ``InMemoryStorage``."""

    def take(self):
        storage = storages["default"]
        return copy.deepcopy(storage._root) if isinstance(storage, InMemoryStorage) else None

    def restore(self, root) -> None:
        if root is not None:
            storages["default"]._root = copy.deepcopy(root)


def write_storage(root, folder: Path) -> None:
    """An ``InMemoryStorage`` root (as ``MediaSnapshots.take`` keeps it) written to disk."""
    storage = InMemoryStorage()
    storage._root = root

    def walk(prefix: str) -> None:
        directories, files = storage.listdir(prefix)
        for name in files:
            target = folder / prefix / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(f"{prefix}{name}", "rb") as source:
                target.write_bytes(source.read())
        for name in directories:
            walk(f"{prefix}{name}/")

    walk("")


def forget_cached_rows() -> None:
    """Per-process caches of database rows that a restore makes stale.

    Django's content-type cache stays: every snapshot starts from the same migrated database,
    so the content types keep their ids. Emptying it would be harmful: the next transactional
    test's serialized-rollback restore would then look content types up in the flushed
    database and create them under new ids, before inserting the serialized ones.
    """
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()


def outside_transactions() -> None:
    if connection.in_atomic_block:
        raise RuntimeError(
            "a database snapshot is taken and restored outside transactions: request the "
            "snapshot fixture before `db` and without the django_db mark"
        )


class Snapshots:
    def __init__(self):
        self.media = MediaSnapshots()
        self.media_of: dict[str, object] = {}

    def has(self, name: str) -> bool:
        return name in self.media_of

    def build(self, name: str, load: Callable[[], None]) -> None:
        """``load`` runs on a copy of the current contents (committing as it goes); the
        result is kept as ``name`` and the current contents come back afterwards."""
        outside_transactions()
        media_before = self.media.take()
        try:
            self._build(name, load)
            self.media_of[name] = self.media.take()
        finally:
            self.media.restore(media_before)
            forget_cached_rows()

    @contextmanager
    def restored(self, name: str) -> Iterator[None]:
        outside_transactions()
        media_before = self.media.take()
        with self._restored(name):
            self.media.restore(self.media_of[name])
            forget_cached_rows()
            try:
                yield
            finally:
                self.media.restore(media_before)
        forget_cached_rows()

    def export(self, name: str | None, *, database: str, media: Path | None = None) -> None:
        """Write a snapshot (``None``: the current contents, outside any transaction) as a
        real installation's database (a SQLite file path, or a new PostgreSQL database's
        name) and media folder, for tests that drive ``manage.py`` in a subprocess."""
        outside_transactions()
        self._export(name, database)
        if media is None:
            return
        root = self.media_of[name] if name is not None else self.media.take()
        if root is not None:
            write_storage(root, media)

    def _export(self, name: str | None, database: str) -> None:
        raise NotImplementedError

    def _build(self, name: str, load: Callable[[], None]) -> None:
        raise NotImplementedError

    def _restored(self, name: str):
        raise NotImplementedError

    def drop_all(self) -> None:
        self.media_of.clear()


class SqliteSnapshots(Snapshots):
    """Snapshots as private in-memory SQLite databases, copied with the backup API."""

    def __init__(self):
        super().__init__()
        self.databases: dict[str, sqlite3.Connection] = {}

    def _raw(self) -> sqlite3.Connection:
        connection.ensure_connection()
        return connection.connection

    def _take(self) -> sqlite3.Connection:
        target = sqlite3.connect(":memory:", check_same_thread=False)
        self._raw().backup(target)
        return target

    def _put(self, source: sqlite3.Connection) -> None:
        source.backup(self._raw())

    def _export(self, name, database):
        source = self.databases[name] if name is not None else self._raw()
        target = sqlite3.connect(database)
        try:
            source.backup(target)
        finally:
            target.close()

    def _build(self, name, load):
        before = self._take()
        try:
            load()
            self.databases[name] = self._take()
        finally:
            self._put(before)
            before.close()

    @contextmanager
    def _restored(self, name):
        before = self._take()
        try:
            self._put(self.databases[name])
            yield
        finally:
            self._put(before)
            before.close()

    def drop_all(self):
        for database in self.databases.values():
            database.close()
        self.databases.clear()
        super().drop_all()


class PostgresSnapshots(Snapshots):
    """Snapshots as template databases beside the worker's test database.

    A restore creates a fresh database from the template and points the ``default``
    connection settings at it (shared with the live server's threads, whose connections
    open per request); afterwards the settings point back and the copy is dropped.
    """

    def __init__(self):
        super().__init__()
        self.home = connection.settings_dict["NAME"]
        self.templates: dict[str, str] = {}
        self.depth = 0

    def _execute(self, sql: str) -> None:
        with connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def _copy(self, *, source: str, target: str) -> None:
        connections.close_all()
        self._execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')

    def _drop(self, database: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    @contextmanager
    def _pointed_at(self, database: str) -> Iterator[None]:
        previous = connection.settings_dict["NAME"]
        connections.close_all()
        connection.settings_dict["NAME"] = database
        try:
            yield
        finally:
            connections.close_all()
            connection.settings_dict["NAME"] = previous

    def _export(self, name, database):
        source = self.templates[name] if name is not None else connection.settings_dict["NAME"]
        self._copy(source=source, target=database)

    def _build(self, name, load):
        template = f"{self.home}_{name}"
        self._copy(source=connection.settings_dict["NAME"], target=template)
        with self._pointed_at(template):
            load()
        self.templates[name] = template

    @contextmanager
    def _restored(self, name):
        self.depth += 1
        working = f"{self.home}_work{self.depth}"
        self._copy(source=self.templates[name], target=working)
        try:
            with self._pointed_at(working):
                yield
        finally:
            self._drop(working)
            self.depth -= 1

    def drop_all(self):
        connections.close_all()
        for template in self.templates.values():
            self._drop(template)
        self.templates.clear()
        super().drop_all()
