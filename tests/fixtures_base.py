"""The bureau's skeleton (site tree, role groups, review workflows), built once per run of
tests that ask for the same part of it, instead of once per test.

``site_tree``, ``groups`` and ``workflows`` (tests/conftest.py, tests/review/conftest.py …)
call idempotent services. Before pytest-django opens a test's transaction, the test's share
of them (which of the three it asks for) is built in an outer transaction that stays open
while consecutive tests of the same module ask for the same share; each test still runs in
its own savepoint, rolled back after it, and the fixtures then find their rows in place.
The outer transaction is rolled back when the share changes, at every new module (so a
module's own fixtures that open a transaction nest outside it), before a test that commits
(``transactional_db``) and while a demo snapshot is held (tests/fixtures_demo.py).
A test thus sees exactly what its fixtures would have built; only the build is shared.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

# The order the fixtures build them in: workflows need the tree and the role groups.
BASE_FIXTURES = ("site_tree", "groups", "workflows")


def base_build(share: frozenset[str]) -> None:
    from cms import services
    from review import setup

    if "site_tree" in share:
        services.site_tree_ensure()
    if share & {"groups", "workflows"}:
        services.roles_ensure()
    if "workflows" in share:
        setup.workflows_ensure()


class SharedBase:
    """One open outer transaction holding a share of the skeleton (or none)."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.share: frozenset[str] = frozenset()
        self.module = None
        self.suspended = 0

    def hold(self, share: frozenset[str], module) -> None:
        if self.atomic is not None and share == self.share and module == self.module:
            return
        self.release()
        if not share or self.suspended or connection.in_atomic_block:
            return  # e.g. a module fixture's own transaction: the test builds its own
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            self.atomic, self.share, self.module = atomic, share, module
            try:
                base_build(share)
            except BaseException:
                self.release()
                raise

    def release(self) -> None:
        if self.atomic is None:
            return
        atomic, self.atomic, self.share, self.module = self.atomic, None, frozenset(), None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_shared: list[SharedBase] = []  # the session's holder, for the hooks below


@pytest.fixture(scope="session")
def shared_base(django_db_setup, django_db_blocker) -> Iterator[SharedBase]:
    base = SharedBase(django_db_blocker)
    _shared.append(base)
    yield base
    base.release()
    _shared.remove(base)


@contextmanager
def shared_base_suspended() -> Iterator[None]:
    """No shared skeleton while a demo snapshot is held (tests/fixtures_demo.py)."""
    for base in _shared:
        base.release()
        base.suspended += 1
    try:
        yield
    finally:
        for base in _shared:
            base.suspended -= 1


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    """Before any fixture of ``item``: a new module, or a test that commits, starts bare."""
    for base in _shared:
        if base.atomic is not None and (
            base.module != getattr(item, "module", None) or is_transactional(item)
        ):
            base.release()


@pytest.fixture
def shared_base_held(request, shared_base) -> SharedBase:
    """Requested by ``_django_db_helper`` (tests/conftest.py) before it opens the test's
    own transaction."""
    item = request.node
    if is_transactional(item):
        shared_base.release()
    else:
        share = frozenset(name for name in BASE_FIXTURES if name in item.fixturenames)
        shared_base.hold(share, getattr(item, "module", None))
    return shared_base
