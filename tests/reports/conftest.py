import pytest

from review import setup
from tests import factories


@pytest.fixture
def workflows(db, site_tree, groups):
    return setup.workflows_ensure()


@pytest.fixture
def leader(groups):
    return factories.user_with_role("leader", username="leader")


@pytest.fixture
def administrator(groups):
    return factories.user_with_role("admin", username="bureau-admin")
