import pytest

from kierunek.accounts.models import ApiToken, Role
from kierunek.core.models import AuditEvent
from tests.accounts.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_openapi_schema_and_interactive_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Kierunek API"
    assert "/api/v1/me" in schema["paths"]
    assert "/api/v1/geo/gminas" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"openapi.json" in docs.content


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_me_needs_authentication(client):
    assert client.get("/api/v1/me").status_code == 401


def test_session_authentication(client):
    participant = ParticipantFactory(email="sesja@test.example")
    client.force_login(participant)
    body = client.get("/api/v1/me").json()
    assert body["email"] == "sesja@test.example"
    assert body["role"] == Role.PARTICIPANT
    assert body["role_label"] == "Uczestnik"


def test_token_made_on_the_page_authenticates_until_revoked(client):
    participant = ParticipantFactory(email="token@test.example")
    client.force_login(participant)
    page = client.post("/konto/tokeny/", {"name": "Mój skrypt"})
    secret = page.context["issued"].secret
    assert secret.startswith("kier_")
    token = ApiToken.objects.get()
    assert secret not in token.key_hash  # only the hash is stored
    client.logout()

    response = client.get("/api/v1/me", headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json()["email"] == "token@test.example"
    assert client.get("/api/v1/me", headers={"authorization": "Bearer kier_wrong"}).status_code == 401

    client.force_login(participant)
    client.post(f"/konto/tokeny/{token.pk}/uniewaznij/")
    client.logout()
    assert client.get("/api/v1/me", headers={"authorization": f"Bearer {secret}"}).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_a_person_cannot_revoke_another_persons_token(client):
    owner = ParticipantFactory()
    client.force_login(owner)
    client.post("/konto/tokeny/", {"name": "A"})
    token = ApiToken.objects.get()
    client.force_login(ParticipantFactory())

    response = client.post(f"/konto/tokeny/{token.pk}/uniewaznij/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_participant_token_cannot_read_the_audit_log(client):
    participant = ParticipantFactory()
    client.force_login(participant)
    secret = client.post("/konto/tokeny/", {"name": "A"}).context["issued"].secret
    client.logout()
    response = client.get("/api/v1/audit-events", headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 403
    assert "uprawnień" in response.json()["detail"]
