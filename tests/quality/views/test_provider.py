"""The provider staff's quality-mark pages: the mark, the application, the self-assessment."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.providers.models import ProviderStatus
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    EvidenceFile,
    QualityMarkCase,
    SelfAssessmentEntry,
)
from tests.accounts.factories import StaffUserFactory
from tests.pages import shows, text
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.quality.builders import PDF_BYTES, case_in_state, pdf, standards

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


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
