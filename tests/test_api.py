import json
import re
import typing
from urllib.parse import quote, urlencode

import pytest
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client
from pydantic import BaseModel

from config.api import api
from kierunek.accounts.models import ApiToken, Role
from kierunek.accounts.services import api_token_create
from kierunek.core.models import AuditEvent
from kierunek.core.validators import CONTROL_CHARACTERS_MESSAGE
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.catalogue.factories import ServiceCardFactory

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


# --- bad input: a 4xx JSON answer, never a 500 --------------------------------------------------

NUL_TEXT = "Kraków\x00; DROP"


def _openapi(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _takes_text(document: dict, schema: dict) -> bool:
    schema = _resolve(document, schema)
    if schema.get("type") == "string":
        return True
    if schema.get("type") == "array":
        return _takes_text(document, schema.get("items", {}))
    return any(_takes_text(document, option) for option in schema.get("anyOf", []))


def _text_inputs(document: dict) -> list[tuple[str, str, str, str]]:
    """(method, path, where, name) of every text input of every operation: query and path
    parameters, and the top-level text properties of JSON bodies."""
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if _takes_text(document, parameter["schema"]):
                    found.append((method, path, parameter["in"], parameter["name"]))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                for name, schema in _resolve(document, body["schema"]).get("properties", {}).items():
                    if _takes_text(document, schema):
                        found.append((method, path, "body", name))
    return found


def _bearer(role: str) -> dict[str, str]:
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    return {"authorization": f"Bearer {api_token_create(user=user, name='test').secret}"}


def test_every_text_input_of_every_operation_refuses_control_characters_with_422(client):
    """Walks the published schema, so an operation added later is checked too. The parser checks
    input before the operation runs (and before its role check): any valid token will do."""
    document = _openapi(client)
    inputs = _text_inputs(document)
    assert {where for _m, _p, where, _n in inputs} == {"query", "path", "body"}
    assert len(inputs) > 30
    headers = _bearer(Role.ADMINISTRATOR)
    for method, path, where, name in inputs:
        url = re.sub(r"\{(\w+)\}", lambda m: "1261011" if m[1] == "teryt" else "1", path)
        query, body = {}, {}
        if where == "path":  # the text parameter under test (a TERYT code, a slug) gets the NUL
            url = re.sub(
                r"\{(\w+)\}",
                lambda m, name=name: (
                    quote(NUL_TEXT) if m[1] == name else ("1261011" if m[1] == "teryt" else "1")
                ),
                path,
            )
        elif where == "query":
            query = {name: NUL_TEXT}
        else:
            body = {name: NUL_TEXT}
        url = f"{url}?{urlencode(query)}" if query else url
        response = client.generic(
            method.upper(),
            url,
            json.dumps(body) if body else "",
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 422, (method, path, where, name, response.content)
        if where != "path":  # a path parameter may be refused by its own format first (a TERYT code)
            assert response.json()["detail"] == [
                {"type": "control_characters", "loc": [where, name], "msg": str(CONTROL_CHARACTERS_MESSAGE)}
            ], (method, path, name)


def test_control_characters_are_refused_in_nested_text_and_keys_but_tabs_and_line_breaks_pass(client):
    headers = _bearer(Role.OFFICER)
    nested = client.post(
        "/api/v1/vouchers-office/freezes",
        {"provider_id": 1, "reason": "ok", "extra": [{"deep": "a\x07b"}], "k\x1bey": 1},
        content_type="application/json",
        headers=headers,
    )
    assert nested.status_code == 422
    assert [item["loc"] for item in nested.json()["detail"]] == [["body", "extra", 0, "deep"], ["body"]]

    multiline = client.post(
        "/api/v1/vouchers-office/freezes",
        {"provider_id": 999999, "reason": "Pierwszy wiersz\r\n\tdrugi wiersz"},
        content_type="application/json",
        headers=headers,
    )
    assert multiline.status_code == 404  # the text passed; the provider does not exist


def test_the_control_character_message_is_polish_by_default(client):
    response = client.get("/api/v1/services", {"q": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("Usuń")


def test_a_multipart_body_without_a_boundary_is_400_json(client):
    """Django reads a multipart body when the session's CSRF check looks for the token in it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(ParticipantFactory())
    client.get("/api/v1/openapi.json")
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    for content_type in ("multipart/form-data", "multipart/form-data; boundary="):
        response = client.post(
            "/api/v1/vouchers/orders",
            b"--x\r\n",
            content_type=content_type,
            headers={"X-CSRFToken": _mask_cipher_secret(secret)},
        )
        assert response.status_code == 400
        assert response["content-type"] == "application/json; charset=utf-8"
        assert "boundary" in response.json()["detail"]


# --- the schema says what the API does ------------------------------------------------------


def _models_of(annotation, seen: set) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models_of(field.annotation, seen)
    for argument in typing.get_args(annotation):
        _models_of(argument, seen)


def test_no_two_schemas_share_a_name():
    """The OpenAPI components are keyed by class name: a second class of the same name would
    silently replace the first in the document."""
    seen: set = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    _models_of(model, seen)
    names: dict[str, set] = {}
    for model in seen:
        if model.__module__.startswith("kierunek.") or model.__module__.startswith("config."):
            names.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    assert {name: where for name, where in names.items() if len(where) > 1} == {}


def test_every_operation_documents_the_errors_it_can_answer(client):
    document = _openapi(client)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if operation.get("parameters") or operation.get("requestBody"):
                error = _resolve(document, responses["422"]["content"]["application/json"]["schema"])
                detail = _resolve(document, error["properties"]["detail"])
                assert detail["type"] == "array", (method, path)
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), (method, path)
            if operation.get("requestBody"):
                assert "400" in responses, (method, path)


def test_session_times_are_sent_in_the_format_the_schema_declares(client):
    card = ServiceCardFactory()
    document = _openapi(client)
    declared = document["components"]["schemas"]["SessionOut"]["properties"]["start"]
    sessions = client.get(f"/api/v1/services/{card.pk}").json()["sessions"]

    assert sessions
    assert declared["format"] != "time"  # JSON Schema's "time" needs an offset: "09:00:00+01:00"
    for session in sessions:
        assert re.fullmatch(declared["pattern"], session["start"]), session
        assert re.fullmatch(declared["pattern"], session["end"]), session
