"""The participant's and the officer's pages, as a person uses them."""

import json
import logging
import re

import pytest

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.programmes.models import Application, ApplicationStatus, ProgrammeConsent

from .helpers import KRAKOW, TARNOW, application_in_review, submitted_application

pytestmark = pytest.mark.django_db

COMPLETE = {
    "residence": KRAKOW,
    "education_level": "6",
    "employment_status": "employed",
    "employment_form": "employment_contract",
    "work": TARNOW,
    "consent_processing": "on",
}


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- the application --------------------------------------------------------------------------


def test_the_form_asks_every_question(participant_client):
    client, participant = participant_client()
    response = client.get("/wniosek/")
    assert response.status_code == 200
    page = text(response)
    assert "Application to Kierunek Kariera" in page
    for name in ("residence", "work", "education_level", "employment_status", "employment_form"):
        assert f'name="{name}"' in page
    assert '<option value="1261011">Kraków (urban gmina)</option>' in page
    assert '<option value="outside">Outside Małopolska</option>' in page
    assert "ISCED 3: upper secondary" in page
    assert 'name="consent_processing"' in page
    assert participant.participant_profile.pesel not in page
    assert "*******" + participant.participant_profile.pesel[-4:] in page
    assert "Aged 18 or over on the day of the decision." in page  # the rule in force, in words


def test_saving_a_draft_and_coming_back(participant_client):
    client, participant = participant_client()
    response = client.post("/wniosek/", {"residence": TARNOW, "consent_contact": "on", "action": "save"})
    assert response.status_code == 302
    application = Application.objects.get(participant=participant)
    assert (application.status, application.residence_gmina.teryt) == ("draft", TARNOW)

    page = text(client.get("/wniosek/"))
    assert f'<option value="{TARNOW}" selected>' in page
    assert 'name="consent_contact"' not in page  # given: shown with its date instead
    assert "text version 2026-01" in page


def test_submitting_with_missing_answers_shows_what_to_fix(participant_client):
    client, participant = participant_client()
    response = client.post(
        "/wniosek/", {"residence": KRAKOW, "employment_status": "employed", "action": "submit"}
    )
    assert response.status_code == 200
    page = text(response)
    assert "Correct what is marked below" in page
    assert "Choose your level of education." in page
    assert "Choose the form of your work." in page
    assert "Give consent to the processing of your data" in page
    assert Application.objects.get(participant=participant).status == ApplicationStatus.DRAFT
    assert not ProgrammeConsent.objects.filter(user=participant).exists()


def test_submitting_shows_the_decision_with_reasons(participant_client):
    client, _participant = participant_client()
    response = client.post("/wniosek/", {**COMPLETE, "action": "submit"})
    assert response.status_code == 302
    assert response.url == "/wniosek/decyzja/"

    page = text(client.get("/wniosek/decyzja/"))
    assert "You can take part in the programme" in page
    assert "Link to Małopolska" in page
    assert "You are linked to the region: lives in Małopolska, works in Małopolska." in page
    assert (
        "the programme admits: employed; self-employed (running a business) (own business, employing nobody)"
        in page
    )
    assert "2210/25" in page  # the decision behind the rule applied
    # Once submitted, the form leads to the decision.
    assert client.get("/wniosek/").url == "/wniosek/decyzja/"


def test_an_ineligible_participant_sees_why_and_can_correct(participant_client):
    client, participant = participant_client()
    client.post(
        "/wniosek/",
        {**COMPLETE, "employment_status": "unemployed", "employment_form": "", "action": "submit"},
    )
    page = text(client.get("/wniosek/decyzja/"))
    assert "You cannot take part in the programme under the current rules" in page
    assert "You are unemployed; the programme admits" in page
    assert "Not met" in page

    response = client.post("/wniosek/popraw/")
    assert response.url == "/wniosek/"
    assert Application.objects.get(participant=participant).status == ApplicationStatus.DRAFT


def test_the_officers_reason_is_on_the_decision_page(participant_client, staff_client):
    application = application_in_review()
    from kierunek.programmes import services

    _officer_client, officer = staff_client("officer")
    services.application_review(
        application_id=application.pk, actor=Actor.of(officer), accept=True, reason="Legitymacja UJ."
    )
    client, _ = participant_client(application.participant)
    page = text(client.get("/wniosek/decyzja/"))
    assert "An officer has accepted your application" in page
    assert "Legitymacja UJ." in page


# --- my data ----------------------------------------------------------------------------------


def test_my_data_shows_consents_and_withdrawal_withdraws_the_application(participant_client):
    client, participant = participant_client()
    client.post("/wniosek/", {**COMPLETE, "consent_contact": "on", "action": "submit"})
    page = text(client.get("/moje-dane/"))
    assert "Withdraw consent: processing of my personal data for the programme" in page
    assert "Download as JSON" in page

    response = client.post("/moje-dane/zgody/processing/wycofaj/")
    assert response.url == "/moje-dane/"
    assert Application.objects.get(participant=participant).status == ApplicationStatus.WITHDRAWN
    page = text(client.get("/moje-dane/"))
    assert "Your application has been withdrawn with it." in page
    assert client.get("/moje-dane/zgody/unknown/wycofaj/").status_code == 405
    assert client.post("/moje-dane/zgody/unknown/wycofaj/").status_code == 404


def test_the_json_export_holds_everything_with_the_pesel_only_there(participant_client, caplog):
    caplog.set_level(logging.DEBUG)
    client, participant = participant_client()
    client.post("/wniosek/", {**COMPLETE, "action": "submit"})
    pesel = participant.participant_profile.pesel

    response = client.get("/moje-dane/eksport.json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == participant.email
    assert data["account"]["profile"]["pesel"] == pesel
    assert data["account"]["consents"] == []  # made by a factory: no terms accepted
    assert [c["kind"] for c in data["programme_consents"]] == ["processing"]
    application = data["applications"][0]
    assert application["status"] == "eligible"
    assert application["residence_gmina"] == {"teryt": KRAKOW, "name": "Kraków"}
    assert "2210/25" in application["rule_applied"]["decision"]
    assert [h["to"] for h in application["history"]] == ["draft", "submitted", "eligible"]
    assert {"application.submitted", "participant.data_exported"} <= {
        e["action"] for e in data["audit_events"]
    }
    # The PESEL is in the download and nowhere else: not in the audit log, not in the logs.
    export = AuditEvent.objects.get(action="participant.data_exported")
    assert export.details == {"format": "json"}
    assert not [e for e in AuditEvent.objects.all() if pesel in json.dumps(e.details)]
    assert not [r for r in caplog.records if pesel in r.getMessage()]
    for path in (
        "/wniosek/decyzja/",
        "/moje-dane/",
        "/panel/uczestnik/",
        "/api/v1/programmes/my-application",
    ):
        assert pesel not in client.get(path).content.decode(), path


def test_the_pdf_export(participant_client):
    client, _participant = participant_client()
    client.post("/wniosek/", {**COMPLETE, "action": "submit"})
    response = client.get("/moje-dane/eksport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get("/moje-dane/eksport.xml").status_code == 404


def test_staff_reads_appear_in_the_participants_export(participant_client, staff_client):
    application = submitted_application()
    officer_client, officer = staff_client("officer")
    officer_client.get(f"/urzad/wnioski/{application.pk}/")
    officer_client.logout()
    client, _ = participant_client(application.participant)
    data = json.loads(client.get("/moje-dane/eksport.json").content)
    reads = [e for e in data["audit_events"] if e["action"] == "participant.file_read"]
    assert reads == [
        {
            "at": reads[0]["at"],
            "action": "participant.file_read",
            "by": "officer",
            "object": "programmes.application",
        }
    ]
    assert officer.email not in json.dumps(data)


# --- officers ---------------------------------------------------------------------------------


def test_the_review_queue_and_a_review(officer_client, django_assert_max_num_queries):
    waiting = [application_in_review() for _ in range(3)]
    submitted_application()  # eligible: not in the queue
    client, officer = officer_client()

    with django_assert_max_num_queries(12):
        response = client.get("/urzad/wnioski/")
    page = text(response)
    assert "Applications (3)" in page
    for application in waiting:
        assert f"/urzad/wnioski/{application.pk}/" in page

    target = waiting[0]
    page = text(client.get(f"/urzad/wnioski/{target.pk}/"))
    assert "an officer will check" in page.lower()
    assert target.participant.participant_profile.pesel not in page
    assert AuditEvent.objects.filter(
        action="participant.file_read", actor=officer, object_id=str(target.pk)
    ).exists()

    response = client.post(f"/urzad/wnioski/{target.pk}/", {"decision": "accepted", "reason": ""})
    assert response.status_code == 400
    assert "This field is required." in text(response)
    target.refresh_from_db()
    assert target.status == ApplicationStatus.MANUAL_REVIEW

    response = client.post(
        f"/urzad/wnioski/{target.pk}/", {"decision": "accepted", "reason": "Zaświadczenie z uczelni."}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.status == ApplicationStatus.ACCEPTED
    page = text(client.get(f"/urzad/wnioski/{target.pk}/"))
    assert "Zaświadczenie z uczelni." in page
    assert 'name="reason"' not in page  # decided: no form any more


def test_the_officer_sees_no_drafts_and_no_unknown_ids(officer_client):
    from tests.accounts.factories import ParticipantFactory

    from .helpers import demo_programme

    draft = Application.objects.create(participant=ParticipantFactory(), programme=demo_programme())
    client, _ = officer_client()
    assert client.get(f"/urzad/wnioski/{draft.pk}/").status_code == 404
    assert client.get("/urzad/wnioski/999999/").status_code == 404
    assert client.get("/urzad/wnioski/?status=all").status_code == 200


def test_the_rules_page_shows_every_version_and_its_decision(officer_client):
    client, _ = officer_client()
    page = text(client.get("/urzad/programy/"))
    assert "Kierunek Kariera" in page
    match = re.search(r'href="(/urzad/programy/\d+/zasady/)"', page)
    assert match is not None
    page = text(client.get(match.group(1)))
    for reference in ("1742/24", "811/26", "2210/25"):
        assert reference in page
    assert "Languages: at most 1 voucher an hour." in page
    assert "Languages: at most 2 vouchers an hour." in page
    assert "Other categories: at most 3 vouchers an hour." in page
    assert "at most 40 vouchers" in page
    assert "One voucher is worth 15,00 zł." in page
    assert "Target groups: people aged 25 or over with education at most ISCED 3, or aged 50 or over." in page
    assert "2 700,00 zł" in page  # no-break spaces, folded by text()
    assert "4 995,00 zł" in page
    assert "The provider accepts or rejects a booking within 5 working days, or it is cancelled." in page
    assert "Vouchers may be used for 365 days after they are issued." in page
    assert "An hour of a service lasts 60 minutes." in page
    assert "Without a confirmation in time, an officer decides whether the service was delivered." in page
    assert "The participant is invited to the outcome survey 6 months after completing a service." in page
    assert "An officer decides on a complaint within 30 days of its receipt." in page
    assert "1398/26" in page  # the service types rule (decision 0019)
    assert "Validation of learning outcomes: at most 80 vouchers, whatever its hours." in page
    assert "Certification: at most 60 vouchers, whatever its hours." in page
    assert page.count("in force today") == 11  # every rule of the programme has a version in force


# --- dashboards ---------------------------------------------------------------------------------


def test_the_participant_dashboard_leads_to_the_application(participant_client):
    client, _participant = participant_client()
    page = text(client.get("/panel/uczestnik/"))
    assert "Apply to Kierunek Kariera" in page
    client.post("/wniosek/", {**COMPLETE, "action": "submit"})
    page = text(client.get("/panel/uczestnik/"))
    assert "Application to Kierunek Kariera: <strong>eligible</strong>" in page
    assert "/wniosek/decyzja/" in page


def test_the_officer_dashboard_counts_the_review_queue(officer_client):
    application_in_review()
    client, _ = officer_client()
    page = text(client.get("/panel/urzednik/"))
    assert "Participants' applications waiting for review</a>: 1" in page


def test_an_eligible_participant_is_led_to_book_the_advisors_meeting(participant_client):
    client, _participant = participant_client()
    client.post("/wniosek/", {**COMPLETE, "action": "submit"})
    page = text(client.get("/wniosek/decyzja/"))
    assert 'href="/doradztwo/terminy/"' in page
    assert "Book a meeting with a career advisor" in page


def test_an_ineligible_participant_gets_no_meeting_link(participant_client):
    client, _participant = participant_client()
    unemployed = {**COMPLETE, "employment_status": "unemployed", "employment_form": ""}
    client.post("/wniosek/", {**unemployed, "action": "submit"})
    assert 'href="/doradztwo/terminy/"' not in text(client.get("/wniosek/decyzja/"))
