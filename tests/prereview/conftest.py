import pytest

from tests import factories


@pytest.fixture
def yanglao(db):
    return factories.DepartmentFactory(code="yanglao", name="养老服务中心")
