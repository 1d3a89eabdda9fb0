"""The quality-mark pages: each role opens its own and no other role's; people see only their own
objects (404 for anybody else's); forms show refusals; and the whole workflow can be clicked
through with the test client."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.providers.models import ProviderStatus
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    AuditAssignment,
    CorrectiveAction,
    EvidenceFile,
    QualityMarkCase,
    SelfAssessmentEntry,
)
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import PDF_BYTES, World, case_in_state, pdf, standards
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


def text(response) -> str:
    return response.content.decode()


def shows(response, msgid: str, **params: object) -> bool:
    """The page shows this message (in the language the page is in, escaped as in HTML)."""
    with translation.override("pl"):
        message = gettext(msgid) % params if params else gettext(msgid)
        return escape(message) in text(response)


@pytest.fixture
def client_for(login_staff):
    """A fresh client logged in (both factors) as ``user``; several people can act in one test."""

    def _client(user) -> Client:
        client = Client()
        if user.role == Role.PARTICIPANT:
            client.force_login(user)
            return client
        return login_staff(client, user)

    return _client


@pytest.fixture
def world_with_evidence() -> tuple[World, EvidenceFile]:
    world = case_in_state(S.AUDIT_REPORTED)
    evidence = EvidenceFile.objects.create(
        case=world.case,
        standard=standards()[0],
        file=pdf("x.pdf"),
        file_kind="pdf",
        original_name="Regulamin.pdf",
        uploaded_by=world.staff,
    )
    return world, evidence


# --- roles -------------------------------------------------------------------------------------

GET_PAGES = {
    "/instytucja/znak-jakosci/": {STAFF},
    "/instytucja/znak-jakosci/samoocena/": {STAFF},
    "/urzad/znak-jakosci/": {OFFICER},
    "/urzad/znak-jakosci/{case}/": {OFFICER},
    "/audytor/audyty/": {AUDITOR},
    "/audytor/audyty/{assignment}/": {AUDITOR},
    "/znak-jakosci/dowody/{evidence}/": {STAFF, OFFICER, AUDITOR},
}
POST_ACTIONS = {
    "/instytucja/znak-jakosci/wniosek/": {STAFF},
    "/instytucja/znak-jakosci/akcja/": {STAFF},
    "/instytucja/znak-jakosci/samoocena/{standard}/": {STAFF},
    "/instytucja/znak-jakosci/dzialania-naprawcze/{action}/wykonane/": {STAFF},
    "/urzad/znak-jakosci/{case}/audytor/": {OFFICER},
    "/urzad/znak-jakosci/{case}/przyznanie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/odmowa/": {OFFICER},
    "/urzad/znak-jakosci/{case}/zawieszenie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/przywrocenie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/cofniecie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/wizyty/": {OFFICER},
    "/urzad/znak-jakosci/wizyty/{visit}/": {OFFICER},
    "/urzad/znak-jakosci/wizyty/{visit}/dzialania-naprawcze/": {OFFICER},
    "/urzad/znak-jakosci/dzialania-naprawcze/{action}/wykonane/": {OFFICER},
    "/audytor/audyty/{assignment}/oswiadczenie/": {AUDITOR},
    "/audytor/audyty/{assignment}/raport/": {AUDITOR},
}
OTHER_GETS = [
    (path, role) for path, owners in GET_PAGES.items() for role in Role.values if role not in owners
]
OTHER_POSTS = [
    (path, role) for path, owners in POST_ACTIONS.items() for role in Role.values if role not in owners
]


def _objects() -> dict[str, int]:
    world = case_in_state(S.GRANTED)
    visit = quality.monitoring_visit_add(
        case=world.case,
        kind="ad_hoc",
        planned_on=timezone.localdate(),
        remote=False,
        actor=Actor.of(world.officer),
    )
    action = quality.corrective_action_add(
        visit=visit, description="Poprawić", deadline=timezone.localdate(), actor=Actor.of(world.officer)
    )
    evidence = EvidenceFile.objects.create(
        case=world.case,
        standard=standards()[0],
        file=pdf(),
        file_kind="pdf",
        original_name="a.pdf",
        uploaded_by=world.staff,
    )
    assert world.assignment is not None
    return {
        "case": world.case.pk,
        "assignment": world.assignment.pk,
        "evidence": evidence.pk,
        "visit": visit.pk,
        "action": action.pk,
        "standard": standards()[0].pk,
    }


@pytest.mark.parametrize(("path", "role"), OTHER_GETS, ids=[f"{p}-{r}" for p, r in OTHER_GETS])
def test_other_roles_cannot_open_a_page(client_for, path, role):
    objects = _objects()
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    client = client_for(user)
    events = AuditEvent.objects.count()
    assert client.get(path.format(**objects)).status_code == 403
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("path", "role"), OTHER_POSTS, ids=[f"{p}-{r}" for p, r in OTHER_POSTS])
def test_other_roles_cannot_act(client_for, path, role):
    objects = _objects()
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    client = client_for(user)
    before = (
        list(QualityMarkCase.objects.values_list("state", flat=True)),
        AuditEvent.objects.count(),
        CorrectiveAction.objects.filter(completed_at__isnull=True).count(),
    )
    assert client.post(path.format(**objects), {"transition": "submit", "reason": "x"}).status_code == 403
    after = (
        list(QualityMarkCase.objects.values_list("state", flat=True)),
        AuditEvent.objects.count(),
        CorrectiveAction.objects.filter(completed_at__isnull=True).count(),
    )
    assert after == before


@pytest.mark.parametrize("path", list(POST_ACTIONS))
def test_actions_answer_only_post(client_for, path):
    objects = _objects()
    owner = next(iter(POST_ACTIONS[path]))
    client = client_for(StaffUserFactory(role=owner))
    assert client.get(path.format(**objects)).status_code in (404, 405)


# --- provider staff ----------------------------------------------------------------------------


def test_provider_without_a_case_is_invited_to_apply(client_for):
    provider = ProviderFactory()
    response = client_for(provider_staff_of(provider)).get("/instytucja/znak-jakosci/")
    assert response.status_code == 200
    assert provider.legal_name in text(response)
    assert shows(response, "Apply for the mark")
    assert 'action="/instytucja/znak-jakosci/wniosek/"' in text(response)


def test_a_provider_waiting_for_approval_cannot_apply_yet(client_for):
    provider = ProviderFactory(status=ProviderStatus.PENDING)
    client = client_for(provider_staff_of(provider))
    response = client.get("/instytucja/znak-jakosci/")
    assert response.status_code == 200
    assert not shows(response, "Apply for the mark")
    response = client.post("/instytucja/znak-jakosci/wniosek/", follow=True)
    assert QualityMarkCase.objects.count() == 0
    assert shows(
        response,
        "Your institution must be approved by a programme officer before it applies for the quality mark.",
    )


def test_unregistered_staff_are_sent_to_register(client_for):
    response = client_for(StaffUserFactory(role=STAFF)).get("/instytucja/znak-jakosci/")
    assert response.status_code == 200
    assert 'href="/instytucja/rejestracja/"' in text(response)


def test_provider_page_shows_the_mark_its_history_findings_and_corrective_actions(client_for):
    world = case_in_state(S.GRANTED)
    visit = quality.monitoring_visit_add(
        case=world.case,
        kind="ad_hoc",
        planned_on=timezone.localdate(),
        remote=False,
        actor=Actor.of(world.officer),
    )
    action = quality.corrective_action_add(
        visit=visit,
        description="Uzupełnić ankiety",
        deadline=timezone.localdate(),
        actor=Actor.of(world.officer),
    )
    other = case_in_state(S.GRANTED)
    client = client_for(world.staff)
    response = client.get("/instytucja/znak-jakosci/")
    page = text(response)
    assert response.status_code == 200
    assert world.case.mark_number in page
    assert other.case.mark_number not in page  # another provider's case is never shown
    assert "Widziano dowody 1.1" in page  # the submitted report's findings
    assert "Uzupełnić ankiety" in page
    assert 'id="visits-title"' in page  # the planned monitoring visit
    assert f'action="/instytucja/znak-jakosci/dzialania-naprawcze/{action.pk}/wykonane/"' in page
    assert '<th scope="col">' in page
    # marking the corrective action done
    response = client.post(f"/instytucja/znak-jakosci/dzialania-naprawcze/{action.pk}/wykonane/")
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_at is not None


def test_staff_cannot_touch_another_providers_corrective_action_or_evidence(client_for, world_with_evidence):
    world, evidence = world_with_evidence
    world.case.state = S.GRANTED
    world.case.valid_from = timezone.localdate()
    world.case.valid_until = timezone.localdate() + timedelta(days=300)
    world.case.save()
    visit = quality.monitoring_visit_add(
        case=world.case,
        kind="ad_hoc",
        planned_on=timezone.localdate(),
        remote=False,
        actor=Actor.of(world.officer),
    )
    action = quality.corrective_action_add(
        visit=visit, description="x", deadline=timezone.localdate(), actor=Actor.of(world.officer)
    )
    stranger = client_for(provider_staff_of(ProviderFactory()))
    assert stranger.get(f"/znak-jakosci/dowody/{evidence.pk}/").status_code == 404
    assert (
        stranger.post(f"/instytucja/znak-jakosci/dzialania-naprawcze/{action.pk}/wykonane/").status_code
        == 404
    )
    action.refresh_from_db()
    assert action.completed_at is None
    # and the own provider's staff can read the evidence
    response = client_for(world.staff).get(f"/znak-jakosci/dowody/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"


def test_self_assessment_page_groups_the_standards_by_area(client_for):
    world = case_in_state(S.APPLICATION)
    response = client_for(world.staff).get("/instytucja/znak-jakosci/samoocena/")
    page = text(response)
    assert response.status_code == 200
    assert page.count('enctype="multipart/form-data"') == len(standards()) == 20
    assert page.count('<h2 id="area-') == 4
    for standard in standards():
        assert f'id="standard-title-{standard.pk}"' in page
        assert f'for="id_s{standard.pk}-how_met"' in page  # every field has its label


def test_self_assessment_refuses_a_bad_file_and_keeps_nothing(client_for):
    world = case_in_state(S.APPLICATION)
    standard = standards()[0]
    response = client_for(world.staff).post(
        f"/instytucja/znak-jakosci/samoocena/{standard.pk}/",
        {f"s{standard.pk}-how_met": "Opis", f"s{standard.pk}-evidence": pdf("wirus.pdf", b"MZ\x90\x00 exe")},
    )
    assert response.status_code == 400
    assert 'class="errorlist"' in text(response)
    assert shows(
        response, "This file type is not accepted. Upload a %(allowed)s file.", allowed="PDF, PNG, JPEG"
    )
    assert EvidenceFile.objects.count() == 0
    assert SelfAssessmentEntry.objects.count() == 0
    world.case.refresh_from_db()
    assert world.case.state == S.APPLICATION


def test_a_submitted_self_assessment_is_read_only(client_for):
    world = case_in_state(S.AWAITING_AUDIT)
    client = client_for(world.staff)
    response = client.get("/instytucja/znak-jakosci/samoocena/")
    assert response.status_code == 200
    assert "multipart/form-data" not in text(response)
    assert "Opis spełnienia 1.1." in text(response)
    standard = standards()[0]
    response = client.post(
        f"/instytucja/znak-jakosci/samoocena/{standard.pk}/", {f"s{standard.pk}-how_met": "Nowy"}
    )
    assert response.status_code == 400
    assert (
        SelfAssessmentEntry.objects.get(case=world.case, standard=standard).how_met == "Opis spełnienia 1.1."
    )


# --- officers ----------------------------------------------------------------------------------


def test_officer_list_shows_waiting_cases_first(client_for):
    granted = case_in_state(S.GRANTED)
    waiting = case_in_state(S.AWAITING_AUDIT)
    reported = case_in_state(S.AUDIT_REPORTED)
    response = client_for(StaffUserFactory(role=OFFICER)).get("/urzad/znak-jakosci/")
    page = text(response)
    assert response.status_code == 200
    positions = [page.index(w.provider.legal_name) for w in (waiting, reported, granted)]
    assert positions == sorted(positions)
    assert f'href="/urzad/znak-jakosci/{waiting.case.pk}/"' in page


def test_officer_case_page_shows_everything_and_the_decision_forms(client_for, world_with_evidence):
    world, evidence = world_with_evidence
    response = client_for(StaffUserFactory(role=OFFICER)).get(f"/urzad/znak-jakosci/{world.case.pk}/")
    page = text(response)
    assert response.status_code == 200
    assert world.provider.nip in page
    assert "Opis spełnienia 1.1." in page  # self-assessment
    assert f'href="/znak-jakosci/dowody/{evidence.pk}/"' in page  # evidence
    assert world.auditor.user.get_full_name() in page  # assignment
    assert "Widziano dowody 2.1" in page  # findings
    assert f'action="/urzad/znak-jakosci/{world.case.pk}/przyznanie/"' in page
    assert f'action="/urzad/znak-jakosci/{world.case.pk}/odmowa/"' in page
    assert f'action="/urzad/znak-jakosci/{world.case.pk}/zawieszenie/"' not in page
    assert 'for="id_grant-years"' in page
    assert 'for="id_refuse-reasons"' in page


def test_officer_opens_evidence_and_the_read_is_audited(client_for, world_with_evidence):
    world, evidence = world_with_evidence
    response = client_for(world.officer).get(f"/znak-jakosci/dowody/{evidence.pk}/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="quality.evidence_read", actor=world.officer).count() == 1


def test_a_missing_case_is_404(client_for):
    assert client_for(StaffUserFactory(role=OFFICER)).get("/urzad/znak-jakosci/999999/").status_code == 404


def test_a_refusal_without_reasons_is_shown_and_changes_nothing(client_for):
    world = case_in_state(S.AUDIT_REPORTED)
    response = client_for(world.officer).post(
        f"/urzad/znak-jakosci/{world.case.pk}/odmowa/", {"refuse-reasons": ""}
    )
    assert response.status_code == 400
    assert 'id="id_refuse-reasons_errors"' in text(response)
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT_REPORTED


def test_the_officer_who_audited_cannot_grant_through_the_page(client_for):
    world = case_in_state(S.AUDIT_REPORTED)
    former_auditor = world.auditor.user
    former_auditor.role = Role.OFFICER
    former_auditor.save()
    response = client_for(former_auditor).post(
        f"/urzad/znak-jakosci/{world.case.pk}/przyznanie/",
        {"grant-years": 3, "grant-valid_from": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert 'role="alert"' in text(response)
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT_REPORTED


def test_officer_suspends_reinstates_and_monitors_through_the_pages(client_for):
    world = case_in_state(S.GRANTED)
    client = client_for(world.officer)
    base = f"/urzad/znak-jakosci/{world.case.pk}"
    assert client.post(f"{base}/zawieszenie/", {"suspend-reason": "Skargi"}).status_code == 302
    assert client.post(f"{base}/przywrocenie/", {"reinstate-reason": ""}).status_code == 302
    today = timezone.localdate()
    response = client.post(
        f"{base}/wizyty/",
        {"visit-kind": "scheduled", "visit-planned_on": today.isoformat(), "visit-remote": "on"},
    )
    assert response.status_code == 302
    visit = world.case.monitoring_visits.get()
    assert visit.remote is True
    response = client.post(
        f"/urzad/znak-jakosci/wizyty/{visit.pk}/",
        {f"record-{visit.pk}-visited_on": today.isoformat(), f"record-{visit.pk}-findings": "Brak ankiet"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/urzad/znak-jakosci/wizyty/{visit.pk}/dzialania-naprawcze/",
        {
            f"action-{visit.pk}-description": "Ankiety",
            f"action-{visit.pk}-deadline": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400  # a deadline in the past
    assert not CorrectiveAction.objects.exists()
    response = client.post(
        f"/urzad/znak-jakosci/wizyty/{visit.pk}/dzialania-naprawcze/",
        {f"action-{visit.pk}-description": "Ankiety", f"action-{visit.pk}-deadline": today.isoformat()},
    )
    assert response.status_code == 302
    action = CorrectiveAction.objects.get()
    assert client.post(f"/urzad/znak-jakosci/dzialania-naprawcze/{action.pk}/wykonane/").status_code == 302
    assert client.post(f"{base}/cofniecie/", {"withdraw-reason": "Naruszenia"}).status_code == 302
    world.case.refresh_from_db()
    action.refresh_from_db()
    assert world.case.state == S.WITHDRAWN
    assert action.completed_at is not None
    assert list(world.case.events.values_list("transition", flat=True)) == [
        "suspend",
        "reinstate",
        "withdraw",
    ]
    page = text(client.get(f"{base}/"))
    assert "Brak ankiet" in page
    assert "Naruszenia" in page


# --- auditors ----------------------------------------------------------------------------------


def test_auditor_sees_only_own_assignments(client_for):
    mine = case_in_state(S.AUDIT, declared=False)
    theirs = case_in_state(S.AUDIT)
    client = client_for(mine.auditor.user)
    response = client.get("/audytor/audyty/")
    assert response.status_code == 200
    assert mine.provider.legal_name in text(response)
    assert theirs.provider.legal_name not in text(response)
    assert client.get(f"/audytor/audyty/{theirs.assignment.pk}/").status_code == 404
    response = client.post(
        f"/audytor/audyty/{theirs.assignment.pk}/oswiadczenie/", {"declaration-decision": "conflict"}
    )
    assert response.status_code == 404
    response = client.post(f"/audytor/audyty/{theirs.assignment.pk}/raport/", {"action": "submit"})
    assert response.status_code == 404
    theirs.case.refresh_from_db()
    assert theirs.case.state == S.AUDIT


def test_auditor_declares_before_seeing_the_case(client_for):
    world = case_in_state(S.AUDIT, declared=False)
    evidence = EvidenceFile.objects.create(
        case=world.case,
        standard=standards()[0],
        file=pdf(),
        file_kind="pdf",
        original_name="Plan.pdf",
        uploaded_by=world.staff,
    )
    client = client_for(world.auditor.user)
    url = f"/audytor/audyty/{world.assignment.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'for="id_declaration-decision"' in text(response)
    assert "Opis spełnienia 1.1." not in text(response)
    assert client.get(f"/znak-jakosci/dowody/{evidence.pk}/").status_code == 404
    # a conflict without a statement is refused on the form
    response = client.post(
        f"{url}oswiadczenie/", {"declaration-decision": "conflict", "declaration-statement": ""}
    )
    assert response.status_code == 400
    world.assignment.refresh_from_db()
    assert world.assignment.declared_at is None
    # declaring no conflict opens the case
    response = client.post(f"{url}oswiadczenie/", {"declaration-decision": "no_conflict"})
    assert response.status_code == 302
    response = client.get(url)
    assert "Opis spełnienia 1.1." in text(response)
    assert f'href="/znak-jakosci/dowody/{evidence.pk}/"' in text(response)
    assert text(response).count("<fieldset>") >= 20  # a finding per standard
    assert client.get(f"/znak-jakosci/dowody/{evidence.pk}/").status_code == 200


def test_auditor_declaring_a_conflict_loses_access(client_for):
    world = case_in_state(S.AUDIT, declared=False)
    client = client_for(world.auditor.user)
    url = f"/audytor/audyty/{world.assignment.pk}/"
    response = client.post(
        f"{url}oswiadczenie/",
        {"declaration-decision": "conflict", "declaration-statement": "Siostra jest właścicielką."},
    )
    assert response.status_code == 302
    world.case.refresh_from_db()
    assert world.case.state == S.AWAITING_AUDIT
    response = client.get(url)
    assert response.status_code == 200
    assert "Opis spełnienia 1.1." not in text(response)


def test_submitting_an_incomplete_report_is_shown_and_keeps_the_draft(client_for):
    world = case_in_state(S.AUDIT, with_report=False)
    client = client_for(world.auditor.user)
    first = standards()[0]
    data = {
        "report-visit_date": timezone.localdate().isoformat(),
        "report-remarks": "Uwagi",
        f"f{first.pk}-result": "met",
        "action": "submit",
    }
    response = client.post(f"/audytor/audyty/{world.assignment.pk}/raport/", data)
    assert response.status_code == 400
    assert standards()[1].code in text(response)
    world.case.refresh_from_db()
    assert world.case.state == S.AUDIT
    assert world.case.audit_report.findings.count() == 1  # the draft is kept


# --- the whole workflow ------------------------------------------------------------------------


def test_the_whole_workflow_through_the_pages(client_for, django_capture_on_commit_callbacks):
    provider = ProviderFactory()
    officer = StaffUserFactory(role=OFFICER)
    auditor = AuditorFactory()
    staff_client = client_for(provider_staff_of(provider))
    officer_client = client_for(officer)
    auditor_client = client_for(auditor.user)

    with django_capture_on_commit_callbacks(execute=True):
        # the provider applies, self-assesses (with one evidence file) and submits
        assert staff_client.post("/instytucja/znak-jakosci/wniosek/").status_code == 302
        for standard in standards():
            data = {f"s{standard.pk}-how_met": f"Realizujemy standard {standard.code}."}
            if standard.code == "1.1":
                data[f"s{standard.pk}-evidence"] = pdf("Ankieta potrzeb.pdf")
            response = staff_client.post(f"/instytucja/znak-jakosci/samoocena/{standard.pk}/", data)
            assert response.status_code == 302, text(response)
        response = staff_client.post("/instytucja/znak-jakosci/akcja/", {"transition": "submit"})
        assert response.status_code == 302
        case = QualityMarkCase.objects.get(provider=provider)
        assert case.state == S.AWAITING_AUDIT

        # the officer assigns the auditor
        assert provider.legal_name in text(officer_client.get("/urzad/znak-jakosci/"))
        response = officer_client.post(
            f"/urzad/znak-jakosci/{case.pk}/audytor/", {"assign-auditor": auditor.pk}
        )
        assert response.status_code == 302
        assignment = AuditAssignment.objects.get(case=case)

        # the auditor declares no conflict, reads the evidence and submits the report
        assert provider.legal_name in text(auditor_client.get("/audytor/audyty/"))
        response = auditor_client.post(
            f"/audytor/audyty/{assignment.pk}/oswiadczenie/", {"declaration-decision": "no_conflict"}
        )
        assert response.status_code == 302
        page = text(auditor_client.get(f"/audytor/audyty/{assignment.pk}/"))
        assert "Realizujemy standard 4.1." in page
        evidence = EvidenceFile.objects.get(case=case)
        assert evidence.original_name == "Ankieta potrzeb.pdf"
        assert auditor_client.get(f"/znak-jakosci/dowody/{evidence.pk}/").status_code == 200
        report = {
            "report-visit_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "report-remote_visit": "on",
            "report-remarks": "Dobra organizacja.",
            "report-recommendations": "Ankiety online.",
            "action": "submit",
        }
        for standard in standards():
            report[f"f{standard.pk}-result"] = "partly_met" if standard.code == "2.2" else "met"
            report[f"f{standard.pk}-evidence_notes"] = f"Dowody {standard.code}"
        response = auditor_client.post(f"/audytor/audyty/{assignment.pk}/raport/", report)
        assert response.status_code == 302, text(response)
        case.refresh_from_db()
        assert case.state == S.AUDIT_REPORTED

        # the officer grants the mark
        response = officer_client.post(
            f"/urzad/znak-jakosci/{case.pk}/przyznanie/",
            {"grant-years": 3, "grant-valid_from": timezone.localdate().isoformat()},
        )
        assert response.status_code == 302

    case.refresh_from_db()
    assert case.state == S.GRANTED
    assert case.mark_number == f"MSUES/{timezone.localdate().year}/0001"
    assert case.decided_by == officer
    assert list(case.events.values_list("transition", flat=True)) == [
        "open",
        "start_self_assessment",
        "submit",
        "assign_auditor",
        "submit_audit_report",
        "grant",
    ]
    # the provider sees the granted mark and the findings
    page = text(staff_client.get("/instytucja/znak-jakosci/"))
    assert case.mark_number in page
    assert "Dowody 2.2" in page
    # every step told the people involved
    recipients = {address for message in mail.outbox for address in message.to}
    assert {provider_staff_of(provider).email, officer.email, auditor.user.email} <= recipients


# --- queries -----------------------------------------------------------------------------------


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_officers_list_does_not_query_per_case(client_for):
    client = client_for(StaffUserFactory(role=OFFICER))
    for state in [S.AWAITING_AUDIT, S.GRANTED]:
        case_in_state(state)
    few = _queries(client, "/urzad/znak-jakosci/")
    for state in [S.AWAITING_AUDIT, S.GRANTED, S.AUDIT, S.REFUSED, S.EXPIRED, S.APPLICATION]:
        case_in_state(state)
    assert _queries(client, "/urzad/znak-jakosci/") == few


def test_the_auditors_list_does_not_query_per_assignment(client_for):
    auditor = AuditorFactory()
    client = client_for(auditor.user)

    def assign(state):
        world = case_in_state(state, declared=False)
        AuditAssignment.objects.filter(pk=world.assignment.pk).update(auditor=auditor)

    assign(S.AUDIT)
    few = _queries(client, "/audytor/audyty/")
    for state in [S.AUDIT, S.AUDIT, S.GRANTED]:
        assign(state)
    assert _queries(client, "/audytor/audyty/") == few
