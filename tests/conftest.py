import string

import pytest
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string
from hypothesis import settings as hypothesis_settings

from tests.accounts.factories import DEFAULT_PASSWORD, StaffUserFactory, confirmed_totp_device, current_code

# Tests never assert timings: Hypothesis' per-example deadline is one, and fails at random on a
# loaded 2-core machine. Every property test runs without it.
hypothesis_settings.register_profile("kierunek", deadline=None)
hypothesis_settings.load_profile("kierunek")


class BrowserLikeClient(Client):
    """Django's test client with the CSRF check on, as in production (the plain test client skips
    it, which once hid that every bearer-token write was refused). A write carries the CSRF token
    the way a browser on the site's pages sends it (the cookie, and HTMX's ``X-CSRFToken`` header
    or the form's hidden field with the same value); a request with an ``Authorization`` header is
    a program's, which has no cookie and sends no token, so bearer writes are tested as they run."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, **defaults: object) -> None:
        super().__init__(enforce_csrf_checks=True, **defaults)

    def generic(self, method, path, *args, headers=None, **kwargs):  # type: ignore[no-untyped-def]
        program = "HTTP_AUTHORIZATION" in self.defaults or "HTTP_AUTHORIZATION" in kwargs
        program = program or any(name.lower() == "authorization" for name in headers or {})
        if method.upper() not in self.SAFE_METHODS and not program:
            cookie = self.cookies.get(settings.CSRF_COOKIE_NAME)
            if cookie is None or not cookie.value:
                self.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(
                    32, allowed_chars=string.ascii_letters + string.digits
                )
            headers = {"X-CSRFToken": self.cookies[settings.CSRF_COOKIE_NAME].value, **(headers or {})}
        return super().generic(method, path, *args, headers=headers, **kwargs)


@pytest.fixture
def client() -> Client:
    """Every test's client checks CSRF (see BrowserLikeClient)."""
    return BrowserLikeClient()


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


@pytest.fixture
def client_for(login_staff):
    """A fresh client logged in (both factors for staff) as ``user``; several people can act in
    one test."""

    def _client(user) -> Client:
        client = Client()
        if user.role == "participant":
            client.force_login(user)
            return client
        return login_staff(client, user)

    return _client


@pytest.fixture
def english(client):
    """Pages in English (the language switch's cookie), so that assertions on text hold whether
    or not the Polish catalogue has the new messages yet."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def client_as(client, staff_client):
    """The client logged in as a new person of ``role`` (staff with both factors)."""

    def _as(role):
        if role == "participant":
            from tests.accounts.factories import ParticipantFactory

            client.force_login(ParticipantFactory())
            return client
        return staff_client(role)[0]

    return _as


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Uploads on a real disk: Wagtail serves a document from its file's path, which the tests'
    in-memory storage only pretends to have (the portal's documents)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path
