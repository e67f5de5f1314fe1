import pytest

from review import setup
from tests import factories


@pytest.fixture
def workflows(db, site_tree, groups):
    """The bureau's three review workflows, assigned as a fresh installation has them."""
    return setup.workflows_ensure()


@pytest.fixture
def leader(groups):
    return factories.user_with_role("leader", username="leader")


@pytest.fixture
def second_adviser(groups):
    return factories.user_with_role("adviser", username="adviser2", first_name="李律师")
