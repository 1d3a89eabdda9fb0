"""The auditors' quality-mark pages: their assignments, the declaration and the report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kierunek.accounts.domain import ROLE_SLUGS
from kierunek.accounts.models import Role
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    EvidenceFile,
)
from tests.pages import text
from tests.quality.builders import case_in_state, pdf, standards
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


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


def test_the_auditors_dashboard_shows_their_audits(client_for):
    to_declare = case_in_state(S.AUDIT, declared=False)
    theirs = case_in_state(S.AUDIT)
    client = client_for(to_declare.auditor.user)
    page = text(client.get(reverse("portal:role_dashboard", args=[ROLE_SLUGS[Role.AUDITOR]])))
    assert "Na razie nie ma żadnych" not in page
    assert to_declare.provider.legal_name in page
    assert f'href="/audytor/audyty/{to_declare.assignment.pk}/"' in page
    assert theirs.provider.legal_name not in page
    assert "<strong>1</strong>" in page


def test_an_auditor_with_no_audits_is_told_so(client_for):
    auditor = AuditorFactory()
    page = text(
        client_for(auditor.user).get(reverse("portal:role_dashboard", args=[ROLE_SLUGS[Role.AUDITOR]]))
    )
    assert "Na razie nie ma żadnych" in page
