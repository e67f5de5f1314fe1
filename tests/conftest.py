import pytest

from cms import services
from tests import factories

# The demo bureau, built once per session and restored per module (tests/fixtures_demo.py);
# the skeleton the fixtures below build, shared by consecutive tests (tests/fixtures_base.py).
pytest_plugins = ["tests.fixtures_base", "tests.fixtures_demo"]


@pytest.fixture
def _django_db_helper(shared_base_held, _django_db_helper):
    """pytest-django's own, after ``shared_base_held`` has built this test's share of the
    site tree, role groups and workflows outside the test's transaction
    (tests/fixtures_base.py)."""
    yield


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
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
