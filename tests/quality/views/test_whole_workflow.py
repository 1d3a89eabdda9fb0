"""The whole quality-mark workflow clicked through with the test client, by every role in turn."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    AuditAssignment,
    EvidenceFile,
    QualityMarkCase,
)
from tests.accounts.factories import StaffUserFactory
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import pdf, standards
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


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
