"""The officers' quality-mark pages: the list, a case, decisions and monitoring."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.models import AuditEvent
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    CorrectiveAction,
)
from tests.accounts.factories import StaffUserFactory
from tests.pages import text
from tests.quality.builders import case_in_state

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


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
