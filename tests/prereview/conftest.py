import pytest

from review import setup
from tests import factories


@pytest.fixture
def workflows(db, site_tree, groups):
    """The bureau's review workflows, assigned as a fresh installation has them."""
    return setup.workflows_ensure()


@pytest.fixture
def yanglao(db):
    return factories.DepartmentFactory(code="yanglao", name="养老服务中心")
