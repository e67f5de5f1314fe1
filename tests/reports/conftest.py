import pytest

from tests import factories


@pytest.fixture
def administrator(groups):
    return factories.user_with_role("admin", username="bureau-admin")
