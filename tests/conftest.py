import pytest

from cms import services
from review import setup
from tests import factories

# The demo bureau, built once per session and restored per module (tests/fixtures_demo.py).
pytest_plugins = ["tests.fixtures_demo"]


@pytest.fixture
def site_tree(db):
    return services.site_tree_ensure()


@pytest.fixture
def groups(db):
    return services.roles_ensure()


@pytest.fixture
def jiuzhu(db):
    return factories.DepartmentFactory(code="jiuzhu", name="社会救助站")


@pytest.fixture
def shiwu(db):
    return factories.DepartmentFactory(code="shiwu", name="社会事务站")


@pytest.fixture
def jiuzhu_drafter(jiuzhu):
    return factories.drafter_of(jiuzhu, username="jiuzhu_drafter")


@pytest.fixture
def shiwu_drafter(shiwu):
    return factories.drafter_of(shiwu, username="shiwu_drafter")


@pytest.fixture
def office_user(groups):
    return factories.user_with_role("office", username="office")


@pytest.fixture
def adviser(groups):
    return factories.user_with_role("adviser", username="adviser")


@pytest.fixture
def leader(groups):
    return factories.user_with_role("leader", username="leader")


@pytest.fixture
def workflows(db, site_tree, groups):
    """The bureau's review workflows, assigned as a fresh installation has them."""
    return setup.workflows_ensure()


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
