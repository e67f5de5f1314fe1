import pytest

from cms import services
from tests import factories


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
