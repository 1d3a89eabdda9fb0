"""Who may use which page and endpoint of the programmes context, and what each sees: a participant
only their own application, an officer every submitted one (each read audited), nobody else."""

import json

import pytest
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.core.models import AuditEvent
from kierunek.programmes.models import Application, ApplicationStatus
from tests.accounts.factories import ParticipantFactory

from .helpers import application_in_review, submitted_application

pytestmark = pytest.mark.django_db

PARTICIPANT_GETS = ["/wniosek/", "/wniosek/decyzja/", "/moje-dane/", "/moje-dane/eksport.json"]
PARTICIPANT_POSTS = [
    "/wniosek/popraw/",
    "/moje-dane/zgody/contact/wycofaj/",
    "/moje-dane/zgody/contact/udziel/",
]
OFFICER_GETS = ["/urzad/wnioski/", "/urzad/programy/"]
STAFF_ROLES = [role for role in Role if role != Role.PARTICIPANT]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_participant_pages_are_for_participants_only(staff_client, role):
    application = submitted_application()
    client, _user = staff_client(role)
    before = AuditEvent.objects.count()
    for path in PARTICIPANT_GETS:
        assert client.get(path).status_code == 403, path
    for path in PARTICIPANT_POSTS:
        assert client.post(path).status_code == 403, path
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("role", [r for r in STAFF_ROLES if r != Role.OFFICER])
def test_officer_pages_are_for_officers_only(staff_client, role):
    application = application_in_review()
    client, _user = staff_client(role)
    for path in [
        *OFFICER_GETS,
        f"/urzad/wnioski/{application.pk}/",
        f"/urzad/programy/{application.programme_id}/zasady/",
    ]:
        assert client.get(path).status_code == 403, path
    response = client.post(f"/urzad/wnioski/{application.pk}/", {"decision": "accepted", "reason": "OK"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MANUAL_REVIEW
    assert not AuditEvent.objects.filter(
        action__in=["participant.file_read", "application.reviewed"]
    ).exists()


def test_a_participant_cannot_use_officer_pages(participant_client):
    application = application_in_review()
    client, _participant = participant_client()
    for path in [*OFFICER_GETS, f"/urzad/wnioski/{application.pk}/"]:
        assert client.get(path).status_code == 403, path
    assert (
        client.post(f"/urzad/wnioski/{application.pk}/", {"decision": "accepted", "reason": "x"}).status_code
        == 403
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.MANUAL_REVIEW


def test_a_participant_sees_only_their_own_application_and_data(participant_client):
    other = submitted_application(education_level=7)
    client, me = participant_client()

    # No application of mine: the decision page sends me to the form, never to another's.
    assert client.get("/wniosek/decyzja/").url == "/wniosek/"
    data = json.loads(client.get("/moje-dane/eksport.json").content)
    assert data["applications"] == []
    assert other.participant.email not in json.dumps(data)
    assert other.participant.participant_profile.pesel not in json.dumps(data)

    # Withdrawing my consent never touches the other person's application.
    client.post("/wniosek/", {"residence": "1261011", "consent_contact": "on", "action": "save"})
    client.post("/moje-dane/zgody/processing/wycofaj/")
    other.refresh_from_db()
    assert other.status == ApplicationStatus.ELIGIBLE
    assert Application.objects.get(participant=me).residence_gmina_id is not None


def test_every_officer_read_is_audited(officer_client):
    first, second = submitted_application(), application_in_review()
    client, officer = officer_client()
    for application in (first, second, first):
        assert client.get(f"/urzad/wnioski/{application.pk}/").status_code == 200
    reads = AuditEvent.objects.filter(action="participant.file_read", actor=officer)
    assert sorted(reads.values_list("object_id", flat=True)) == sorted(
        [str(first.pk), str(first.pk), str(second.pk)]
    )


def test_the_list_page_alone_reads_no_file(officer_client):
    application_in_review()
    client, _officer = officer_client()
    client.get("/urzad/wnioski/")
    assert not AuditEvent.objects.filter(action="participant.file_read").exists()


# --- API --------------------------------------------------------------------------------------


def test_the_current_programme_is_public(client):
    response = client.get(reverse("api:programme_current"))
    assert response.status_code == 200
    data = response.json()
    assert (data["name"], data["code"], data["voucher_unit"]) == (
        "Kierunek Kariera",
        "kierunek-kariera",
        "15.00",
    )
    assert data["packages"] == [
        {"kind": "general", "name": "Pakiet ogólny", "vouchers": 180, "value": "2700.00"},
        {"kind": "vocational", "name": "Pakiet zawodowy", "vouchers": 333, "value": "4995.00"},
    ]
    rules = {rule["key"]: rule for rule in data["rules_in_force"]}
    assert set(rules) == {
        "voucher_unit",
        "consumption",
        "eligibility",
        "booking",
        "hours",
        "appeal",
        "confirmation",
        "outcome_survey",
        "complaints",
        "contribution",
        "service_types",
    }
    assert "certification" in rules["service_types"]["value"]["payable"]
    assert rules["contribution"]["value"]["share_bp"] == 1300  # 13 % of the vocational package
    assert rules["consumption"]["value"]["per_hour"]["languages"] == 2  # in force since 1 July 2026
    assert "811/26" in rules["consumption"]["decision_ref"]
    assert "2210/25" in rules["eligibility"]["decision_ref"]
    assert rules["eligibility"]["description"]


def test_my_application_is_for_its_participant_only(client, participant_client, staff_client):
    url = reverse("api:programme_my_application")
    assert client.get(url).status_code == 401

    application = submitted_application()
    participant_http, _ = participant_client(application.participant)
    response = participant_http.get(url)
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["is_admitted"], data["residence_gmina"]) == ("eligible", True, "1261011")
    assert "2210/25" in data["rule_applied"]["decision_ref"]
    assert {r["rule"] for r in data["reasons"]} == {"identity", "age", "region", "employment"}
    assert application.participant.participant_profile.pesel not in response.content.decode()
    participant_http.logout()

    nobody_http, _ = participant_client(ParticipantFactory())
    assert nobody_http.get(url).status_code == 404
    nobody_http.logout()

    officer_http, _ = staff_client("officer")
    response = officer_http.get(url)
    assert response.status_code == 403
    assert "You may not use this operation" in response.json()["detail"]


def test_my_application_with_a_bearer_token(client):
    from kierunek.accounts.services import api_token_create

    application = submitted_application()
    issued = api_token_create(user=application.participant, name="test")
    response = client.get(
        reverse("api:programme_my_application"), headers={"Authorization": f"Bearer {issued.secret}"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "eligible"
