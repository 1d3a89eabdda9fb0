"""The training API: the offer is public; a teacher lists, makes and cancels enrolments with a
bearer token; other roles and other people's enrolments are refused; all in the OpenAPI schema."""

from __future__ import annotations

import pytest

from kierunek.accounts.services import api_token_create

from .builders import INVOICE, course, enrol, teacher

pytestmark = pytest.mark.django_db


def _token(client, user):
    issued = api_token_create(user=user, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
    return client


def test_the_offer_is_public_with_filters(client):
    free = course(form="workshop")
    paid = course(form="qualifying_course", price_grosze=90_000)
    listed = client.get("/api/v1/training/courses").json()
    assert {c["id"] for c in listed} == {free.pk, paid.pk}
    assert [c["id"] for c in client.get("/api/v1/training/courses", {"paid": "true"}).json()] == [paid.pk]
    assert [c["id"] for c in client.get("/api/v1/training/courses", {"form": "workshop"}).json()] == [free.pk]
    one = client.get(f"/api/v1/training/courses/{paid.pk}").json()
    assert one["price_grosze"] == 90_000
    assert one["places_left"] == 10
    assert client.get("/api/v1/training/courses/999999").status_code == 404


def test_a_teacher_enrols_lists_and_cancels(client):
    paid = course(capacity=1, price_grosze=10_000)
    person = teacher()
    api = _token(client, person)
    school_id = person.school_posts.get().school_id
    missing = api.post(
        f"/api/v1/training/courses/{paid.pk}/enrolments",
        {"school_id": school_id},
        content_type="application/json",
    )
    assert missing.status_code == 409
    created = api.post(
        f"/api/v1/training/courses/{paid.pk}/enrolments",
        {
            "school_id": school_id,
            "invoice_name": INVOICE["name"],
            "invoice_nip": INVOICE["nip"],
            "invoice_address": INVOICE["address"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "confirmed"
    assert body["price_grosze"] == 10_000
    again = api.post(
        f"/api/v1/training/courses/{paid.pk}/enrolments",
        {"school_id": school_id, "invoice_name": "x", "invoice_nip": INVOICE["nip"], "invoice_address": "y"},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert [e["id"] for e in api.get("/api/v1/training/enrolments").json()] == [body["id"]]
    cancelled = api.delete(f"/api/v1/training/enrolments/{body['id']}")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"


def test_writes_need_a_teacher_and_their_own_enrolment(client):
    workshop = course()
    assert client.get("/api/v1/training/enrolments").status_code in (401, 403)
    enrolment = enrol(workshop)
    api = _token(client, teacher())
    assert api.delete(f"/api/v1/training/enrolments/{enrolment.pk}").status_code == 404
    from tests.accounts.factories import ParticipantFactory

    api = _token(client, ParticipantFactory())
    assert api.get("/api/v1/training/enrolments").status_code == 403


def test_the_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/training/courses",
        "/api/v1/training/courses/{course_id}",
        "/api/v1/training/courses/{course_id}/enrolments",
        "/api/v1/training/enrolments",
        "/api/v1/training/enrolments/{enrolment_id}",
    } <= set(paths)
