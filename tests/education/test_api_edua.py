"""The public API of the funding sources and the career-orientation activities: anyone reads them,
with the pages' filters, and they are documented in the OpenAPI schema."""

import pytest

from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db


def test_funding_sources_are_listed_with_filters_and_amounts_as_strings(client):
    office = b.metropolis_staff()
    call = b.source(
        office,
        title="Doradztwo dla szkół",
        purposes=("advisory",),
        applicants=("school",),
        amount_max=50_000_00,
    )
    b.source(office, title="Kursy dla nauczycieli", purposes=("training",), applicants=("teacher",))
    response = client.get("/api/v1/education/funding-sources", {"applicant": "school"})
    assert response.status_code == 200
    (item,) = response.json()
    assert item["id"] == call.pk
    assert item["amount_max"] == "50000.00"
    assert item["purposes"] == ["advisory"]
    assert item["state"] == "open"
    assert (
        client.get("/api/v1/education/funding-sources", {"q": "doradztwo dla szkol"}).json()[0]["id"]
        == call.pk
    )
    assert client.get(f"/api/v1/education/funding-sources/{call.pk}").json()["title"] == "Doradztwo dla szkół"
    assert client.get("/api/v1/education/funding-sources/999999").status_code == 404
    assert client.get("/api/v1/education/funding-sources", {"purpose": "nonsense"}).status_code == 422


def test_career_activities_are_listed_with_places_left(client):
    activity = b.activity(places=30)
    school = b.school()
    from kierunek.core.actor import Actor
    from kierunek.education import services

    services.career_activity_book(
        actor=Actor.of(b.director(school)), activity_id=activity.pk, school_id=school.pk, grade=7, pupils=12
    )
    (item,) = client.get("/api/v1/education/career-activities", {"grade": 7, "gmina": b.WIELICZKA}).json()
    assert item["places_left"] == 18
    assert item["partner"] == "Politechnika Krakowska"
    assert client.get("/api/v1/education/career-activities", {"grade": 3}).json() == []
    assert client.get(f"/api/v1/education/career-activities/{activity.pk}").json()["id"] == activity.pk


def test_the_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/education/funding-sources" in paths
    assert "/api/v1/education/career-activities" in paths
    assert "/api/v1/education/career-activities/{activity_id}" in paths
