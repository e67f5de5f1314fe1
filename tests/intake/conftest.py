import pytest

from tests import factories


@pytest.fixture
def importer(site_tree, groups, jiuzhu):
    """The administrator (管理员 group), who holds review.import_legacy."""
    return factories.user_with_role("admin", username="importer")
