import pytest

from tests import factories


@pytest.fixture
def second_adviser(groups):
    return factories.user_with_role("adviser", username="adviser2", first_name="李律师")
