"""The directory in the HSDS 3.0 shape is valid against the schema vendored beside the exporter
(written from the specification's schema reference; decision 0016), with formats checked, and
carries what other directories need: organizations and their services, where, for whom, stable ids."""

import json
from pathlib import Path

import jsonschema_rs
import pytest

from kierunek.partnership.hsds import export

from . import builders as b

SCHEMA = Path(export.__file__).with_name("hsds-3.0-export.schema.json")

pytestmark = pytest.mark.django_db


def _validator():
    return jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()), validate_formats=True)


@pytest.fixture
def exported(client):
    wadowice = b.partner()
    b.entry(
        wadowice,
        contact_name="Jan Nowak",
        contact_email="jan.nowak@example.org",
        contact_phone="33 873 10 01",
        address="ul. Kościelna 3",
    )
    b.entry(
        b.partner(
            "Centrum Kształcenia Zawodowego w Nowym Targu",
            powiat=b.NOWY_TARG,
            website="",
            phone="",
            contact_name="",
        ),
        title="Szkolenie z księgowości",
        for_residents=False,
        for_employers=True,
        is_free=False,
        cost="300 zł za osobę",
    )
    b.entry(b.institution("Stowarzyszenie Spoza"), title="Niewidoczne")  # not a member: not exported
    response = client.get("/api/v1/institutions/hsds")
    assert response.status_code == 200
    return response.json()


def test_the_export_is_valid_against_the_hsds_schema(exported):
    errors = [str(error) for error in _validator().iter_errors(exported)]
    assert errors == []
    assert len(exported["organizations"]) == 2
    assert len(exported["services"]) == 2


def test_the_schema_refuses_what_hsds_does_not_allow(exported):
    validator = _validator()
    broken = json.loads(json.dumps(exported))
    del broken["services"][0]["status"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(exported))
    broken["organizations"][0]["id"] = "pup-wadowice"  # not a UUID
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(exported))
    broken["services"][0]["audience"] = "residents"  # not a field of HSDS
    assert not validator.is_valid(broken)


def test_services_link_to_their_organization_and_say_where_and_for_whom(exported):
    organizations = {org["id"]: org for org in exported["organizations"]}
    paid = next(s for s in exported["services"] if s["name"] == "Szkolenie z księgowości")
    assert organizations[paid["organization_id"]]["name"] == "Centrum Kształcenia Zawodowego w Nowym Targu"
    assert paid["fees_description"] == "300 zł za osobę"
    assert [a["taxonomy_term"]["code"] for a in paid["attributes"] if a["link_type"] == "audience"] == [
        "employers"
    ]
    location = paid["service_at_locations"][0]["location"]
    assert location["external_identifier_type"] == "TERYT"
    assert location["external_identifier"].startswith("1211")


def test_ids_are_stable_from_one_export_to_the_next(exported, client):
    again = client.get("/api/v1/institutions/hsds").json()
    assert again["services"] == exported["services"]
    assert again["organizations"] == exported["organizations"]
