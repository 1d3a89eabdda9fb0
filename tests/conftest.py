import pytest
from django.test import Client

from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code


@pytest.fixture(autouse=True)
def _polish_by_default(settings):
    settings.LANGUAGE_CODE = "pl"


@pytest.fixture
def login_staff():
    """Log a staff user in through the real login page and the second-factor page."""

    def _login(client: Client, user) -> Client:
        device = confirmed_totp_device(user)
        response = client.post("/logowanie/", {"username": user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 302, response.content[:500]
        response = client.post("/konto/2fa/", {"token": f"{current_code(device):06d}"})
        assert response.status_code == 302, response.content[:500]
        return client

    return _login


@pytest.fixture
def staff_client(client, login_staff):
    """A client logged in (with both factors) as a staff member of the given role."""

    def _client(role: str) -> tuple[Client, object]:
        user = StaffUserFactory(role=role)
        login_staff(client, user)
        return client, user

    return _client
