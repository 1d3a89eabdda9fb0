"""The API of validation: a candidate lists, applies and withdraws; the institution's staff list
their institution's validations and record a seat's results; others are refused."""

import pytest

from kierunek.accounts.models import Role
from kierunek.validation.models import Validation, ValidationStatus
from tests.accounts.factories import StaffUserFactory

from . import builders as b

pytestmark = pytest.mark.django_db


def test_the_candidate_applies_lists_and_withdraws(client_for):
    ic = b.institution()
    person = b.candidate()
    client = client_for(person)
    response = client.post(
        "/api/v1/validations/mine",
        {"qualification_code": ic.qualification.code, "institution_id": ic.institution.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "applied"
    again = client.post(
        "/api/v1/validations/mine",
        {"qualification_code": ic.qualification.code, "institution_id": ic.institution.pk},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert [v["id"] for v in client.get("/api/v1/validations/mine").json()] == [body["id"]]
    assert client.delete(f"/api/v1/validations/mine/{body['id']}").json()["status"] == "withdrawn"
    assert client_for(b.candidate()).get(f"/api/v1/validations/mine/{body['id']}").status_code == 404


def test_the_commission_records_results_through_the_api(client_for):
    ic = b.institution()
    seat = b.seated(ic, b.in_verification(ic))
    client = client_for(ic.assessor)
    listed = client.get("/api/v1/validations/institution").json()
    assert [v["id"] for v in listed] == [seat.validation.pk]
    payload = {
        "results": [
            {"outcome_set_id": s.pk, "theory_passed": True, "practical_passed": True}
            for s in seat.session.outcome_sets.all()
        ]
    }
    response = client.post(
        f"/api/v1/validations/institution/seats/{seat.pk}/results", payload, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == ValidationStatus.PASSED
    assert len(client.get(f"/api/v1/validations/institution/seats/{seat.pk}/results").json()) == 2
    advisor = client_for(ic.advisor)
    assert advisor.post(
        f"/api/v1/validations/institution/seats/{seat.pk}/results", payload, content_type="application/json"
    ).status_code in (403, 409)


def test_other_roles_are_refused(client_for):
    officer = client_for(StaffUserFactory(role=Role.OFFICER))
    assert officer.get("/api/v1/validations/mine").status_code == 403
    assert officer.get("/api/v1/validations/institution").status_code == 403
    assert not Validation.objects.exists()
