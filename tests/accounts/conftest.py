import pytest

from tests import factories

LOGIN = "/admin/login/"


@pytest.fixture
def office(groups):
    return factories.user_with_role("office", username="office")


@pytest.fixture
def attempt(client):
    """POST the Wagtail login form as ``username`` from ``address``; returns the response."""

    def _attempt(username: str, password: str, *, address: str = "10.0.0.1", client=client):
        data = {"username": username, "password": password, "next": "/admin/"}
        return client.post(LOGIN, data, REMOTE_ADDR=address)

    return _attempt
