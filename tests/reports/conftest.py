import pytest

from tests import factories
from tests.review.conftest import leader, workflows

__all__ = ["leader", "workflows"]


@pytest.fixture
def administrator(groups):
    return factories.user_with_role("admin", username="bureau-admin")
