"""The demo bureau for tests: built once per test session (per xdist worker), restored per use.

Two data sets, each loaded the first time a test asks for it and kept as a database
snapshot (tests/snapshots.py):

- ``demo_core``: ``bureau.demo.review.load_demo()``, the bureau's records walked along their review
  paths;
- ``demo_bureau``: ``manage.py load_demo``, i.e. what ``make demo`` serves (the core, the
  2023 report's campaigns and figures, the pre-review draft, the search indexes).

A module asks for ``demo_core_module`` or ``demo_bureau_module``: the database holds the
data set for the module's tests (each still rolled back after itself by pytest-django's
``db``) and its former contents come back after the module. ``demo_core`` does the same
around one test, which then asks for ``db`` after it (and carries no ``django_db`` mark, whose
transaction would already be open); ``demo_bureau_live`` around one test that commits
(``transactional_db``, e.g. behind the live server).
"""

from collections.abc import Iterator
from contextlib import ExitStack
from io import StringIO

import pytest

from tests.fixtures_base import shared_base_suspended
from tests.snapshots import Snapshots, snapshots_for_database

DEMO_CORE = "demo_core"
DEMO_BUREAU = "demo_bureau"


def load_demo_core() -> None:
    from bureau.demo.review import load_demo

    load_demo()


def load_demo_bureau() -> None:
    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())


LOADERS = {DEMO_CORE: load_demo_core, DEMO_BUREAU: load_demo_bureau}


def snapshot_ensure(snapshots: Snapshots, name: str) -> None:
    """Builds the data set ``name`` unless this session already has it. The full demo is
    built over the core one (the command is idempotent): one core load per session."""
    if snapshots.has(name):
        return
    if name == DEMO_BUREAU:
        snapshot_ensure(snapshots, DEMO_CORE)
        with snapshots.restored(DEMO_CORE):
            snapshots.build(name, LOADERS[name])
    else:
        snapshots.build(name, LOADERS[name])


@pytest.fixture(scope="session")
def demo_snapshots(django_db_setup, django_db_blocker) -> Iterator[Snapshots]:
    with django_db_blocker.unblock():
        snapshots = snapshots_for_database()
    yield snapshots
    with django_db_blocker.unblock():
        snapshots.drop_all()


def _held(snapshots: Snapshots, blocker, name: str) -> Iterator[None]:
    """The database holds ``name`` while the generator is suspended."""
    stack = ExitStack()
    try:
        stack.enter_context(shared_base_suspended())
        with blocker.unblock():
            snapshot_ensure(snapshots, name)
            stack.enter_context(snapshots.restored(name))
    except BaseException:
        stack.close()
        raise
    try:
        yield
    finally:
        with blocker.unblock():
            stack.close()


@pytest.fixture(scope="module")
def demo_core_module(demo_snapshots, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker, DEMO_CORE)


@pytest.fixture(scope="module")
def demo_bureau_module(demo_snapshots, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker, DEMO_BUREAU)


@pytest.fixture
def demo_core(demo_snapshots, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker, DEMO_CORE)


@pytest.fixture
def demo_bureau_live(demo_snapshots, transactional_db, django_db_blocker) -> Iterator[None]:
    yield from _held(demo_snapshots, django_db_blocker, DEMO_BUREAU)
