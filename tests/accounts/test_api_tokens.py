"""API tokens as a real client uses them: with CSRF checks on (Django's test client skips them by
default, which hid that every bearer write answered 403), expiry, a read-only scope, and the end
of every token when the password changes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from kierunek.accounts.models import ApiToken, Role
from kierunek.accounts.services import api_token_create
from kierunek.core.models import AuditEvent
from tests.accounts.factories import DEFAULT_PASSWORD, ParticipantFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

# A real write route of a participant; an unknown booking answers 404 once the caller is let in.
WRITE = "/api/v1/vouchers/bookings/999999/cancellation"


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def _bearer(secret: str) -> dict[str, str]:
    return {"authorization": f"Bearer {secret}"}


def test_a_bearer_token_writes_without_a_csrf_token(csrf_client):
    issued = api_token_create(user=ParticipantFactory(), name="skrypt")

    response = csrf_client.post(WRITE, "{}", content_type="application/json", headers=_bearer(issued.secret))

    assert response.status_code == 404, response.content
    assert b"CSRF" not in response.content


def test_a_session_write_still_needs_the_csrf_token(csrf_client):
    participant = ParticipantFactory()
    csrf_client.force_login(participant)

    refused = csrf_client.post(WRITE, "{}", content_type="application/json")
    assert refused.status_code == 403
    assert b"CSRF" in refused.content

    csrf_client.get("/konto/tokeny/")  # any page sets the CSRF cookie, as in a browser
    token = csrf_client.cookies["csrftoken"].value
    allowed = csrf_client.post(WRITE, "{}", content_type="application/json", headers={"X-CSRFToken": token})
    assert allowed.status_code == 404


def test_a_write_with_no_credentials_is_401(csrf_client):
    assert csrf_client.post(WRITE, "{}", content_type="application/json").status_code == 401


def test_a_read_only_token_reads_but_cannot_write(csrf_client):
    issued = api_token_create(user=ParticipantFactory(), name="odczyt", read_only=True)

    assert csrf_client.get("/api/v1/me", headers=_bearer(issued.secret)).status_code == 200
    refused = csrf_client.post(WRITE, "{}", content_type="application/json", headers=_bearer(issued.secret))

    assert refused.status_code == 403
    assert "read-only" in refused.json()["detail"]


def test_a_token_expires_after_its_lifetime_which_the_page_shows(client):
    participant = ParticipantFactory()
    client.force_login(participant)
    page = client.post("/konto/tokeny/", {"name": "Mój skrypt", "lifetime_days": "30"})
    issued = page.context["issued"]
    token = ApiToken.objects.get()
    assert timedelta(days=29, hours=23) < token.expires_at - token.created_at <= timedelta(days=30)
    assert "Działa do" in page.content.decode()
    client.logout()
    assert client.get("/api/v1/me", headers=_bearer(issued.secret)).status_code == 200

    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=now - timedelta(days=31), expires_at=now - timedelta(seconds=1)
    )

    assert client.get("/api/v1/me", headers=_bearer(issued.secret)).status_code == 401
    client.force_login(participant)
    assert "wygasł" in client.get("/konto/tokeny/").content.decode()


def test_the_default_lifetime_is_90_days():
    token = api_token_create(user=ParticipantFactory(), name="domyślny").token
    assert (token.expires_at - token.created_at).days in (89, 90)


def test_changing_the_password_on_the_page_revokes_every_token(client):
    participant = ParticipantFactory()
    issued = api_token_create(user=participant, name="stary")
    client.force_login(participant)

    client.post(
        "/konto/haslo/",
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "Nowe-Haslo-2027!",
            "new_password2": "Nowe-Haslo-2027!",
        },
    )

    token = ApiToken.objects.get()
    assert token.revoked_reason == ApiToken.RevokedReason.PASSWORD_CHANGED
    assert Client().get("/api/v1/me", headers=_bearer(issued.secret)).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked_password_changed").exists()


def test_a_password_changed_any_other_way_ends_the_tokens_too():
    participant = ParticipantFactory()
    issued = api_token_create(user=participant, name="stary")
    participant.set_password("Inne-Haslo-2027!")  # e.g. manage.py changepassword
    participant.save()

    assert Client().get("/api/v1/me", headers=_bearer(issued.secret)).status_code == 401
    assert ApiToken.objects.get().revoked_reason == ApiToken.RevokedReason.PASSWORD_CHANGED


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMINISTRATOR, Role.FINANCIAL_OPERATOR])
def test_staff_cannot_mint_a_token_from_a_session_without_the_second_factor(role):
    staff = StaffUserFactory(role=role)

    with pytest.raises(PermissionDenied):
        api_token_create(user=staff, name="x", session_verified=False)

    assert not ApiToken.objects.exists()
