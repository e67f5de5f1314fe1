"""The demo bureau for tests: built once per test session (per xdist worker), restored per use.

``manage.py load_demo`` (what ``make demo`` serves: the bureau's records walked along their
review paths, the 2023 report's campaigns and figures, the pre-review draft, the search
indexes) runs the first time a test asks for it; the result is kept as a database snapshot
(tests/snapshots.py) and put back for every later use.

- ``demo_bureau_module``: the database holds the demo for a module's tests (each still rolled
  back after itself by pytest-django's ``db``); its former contents come back after the module.
- ``demo_bureau``: the same around one test, which asks for ``db`` after it (and carries no
  ``django_db`` mark, whose transaction would already be open).
- ``demo_bureau_live``: around one test that commits (``transactional_db``, e.g. behind the
  live server).
"""

from collections.abc import Iterator
from contextlib import ExitStack
from io import StringIO
from pathlib import Path

import pytest

from tests.snapshots import Snapshots, snapshots_for_database

DEMO_BUREAU = "demo_bureau"


def load_demo_bureau() -> None:
    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="session")
def demo_snapshots(django_db_setup, django_db_blocker) -> Iterator[Snapshots]:
    with django_db_blocker.unblock():
        snapshots = snapshots_for_database()
    yield snapshots
    with django_db_blocker.unblock():
        snapshots.drop_all()


def demo_built(snapshots: Snapshots) -> None:
    if not snapshots.has(DEMO_BUREAU):
        snapshots.build(DEMO_BUREAU, load_demo_bureau)


def export_demo_installation(
    snapshots: Snapshots, blocker, *, database: str, media: Path, empty_database: str
) -> None:
    """A real installation holding the demo bureau, for tests that run ``manage.py`` in
    subprocesses: its database (a SQLite file or a new PostgreSQL database) and media
    folder, as ``migrate`` + ``load_demo`` + the worker's PDF rendering would leave them;
    ``empty_database`` gets the database as ``migrate`` alone leaves it."""
    with blocker.unblock():
        snapshots.export(None, database=empty_database)
        demo_built(snapshots)
        snapshots.export(DEMO_BUREAU, database=database, media=media)


def _held(snapshots: Snapshots, blocker) -> Iterator[None]:
    """The database holds the demo bureau while the generator is suspended."""
    stack = ExitStack()
    with blocker.unblock():
        demo_built(snapshots)
        stack.enter_context(snapshots.restored(DEMO_BUREAU))
    try:
        yield
    finally:
        with blocker.unblock():
            stack.close()


@pytest.fixture(scope="module")
def demo_bureau_module(demo_snapshots, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker)


@pytest.fixture
def demo_bureau(demo_snapshots, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker)


@pytest.fixture
def demo_bureau_live(demo_snapshots, transactional_db, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker)
