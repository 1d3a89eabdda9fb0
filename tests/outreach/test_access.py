"""Access by role and by gmina: a gmina's staff see and act for their own gmina only (another
gmina's page, leader and campaign are not found, and the services refuse), the office's pages are
the office's, and the leaders' details are erased when the consent is withdrawn."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.outreach import services
from kierunek.outreach.models import GminaAgreement, Leader, LeaderContact

from .builders import NIEPOLOMICE, WIELICZKA, agreement, campaign, coordinator, gmina, leader, officer

pytestmark = pytest.mark.django_db


def test_a_coordinator_sees_their_gmina_only(client_for):
    local = coordinator(WIELICZKA)
    other_leader = leader(NIEPOLOMICE)
    other_campaign = campaign(NIEPOLOMICE)
    own_campaign = campaign(by=local)
    client = client_for(local)
    assert client.get("/moja-gmina/").url == f"/gminy-partnerskie/{WIELICZKA}/"
    assert client.get(f"/gminy-partnerskie/{WIELICZKA}/").status_code == 200
    assert client.get(f"/gminy-partnerskie/{NIEPOLOMICE}/").status_code == 404
    assert client.get(f"/kampanie-lokalne/{own_campaign.pk}/").status_code == 200
    assert client.get(f"/kampanie-lokalne/{other_campaign.pk}/").status_code == 404
    assert client.get(f"/kampanie-lokalne/{other_campaign.pk}/plakat.pdf").status_code == 404
    assert client.post(f"/liderzy-lokalni/{other_leader.pk}/usun/", {"confirmed": "yes"}).status_code == 404
    assert Leader.objects.get(pk=other_leader.pk).erased_at is None
    for path in (
        "/urzad/gminy-partnerskie/",
        "/urzad/gminy-partnerskie/zasieg/",
        "/urzad/gminy-partnerskie/ludnosc/",
    ):
        assert client.get(path).status_code == 403


def test_the_services_refuse_another_gminas_work():
    local = coordinator(WIELICZKA)
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        leader(NIEPOLOMICE, by=local)
    with pytest.raises(PermissionDenied):
        campaign(NIEPOLOMICE, by=local)
    with pytest.raises(PermissionDenied):
        campaign(None, by=local)  # the whole region's campaigns are the office's
    with pytest.raises(PermissionDenied):
        agreement(WIELICZKA, by=local)
    assert AuditEvent.objects.count() == before


def test_the_office_sees_every_gmina(client_for):
    office = client_for(officer())
    leader(NIEPOLOMICE)
    assert office.get(f"/gminy-partnerskie/{NIEPOLOMICE}/").status_code == 200
    assert office.get("/urzad/gminy-partnerskie/").status_code == 200


def test_one_current_agreement_per_gmina_and_its_coordinator_works_there():
    local = coordinator(WIELICZKA)
    draft = agreement(WIELICZKA, coordinator_user=local)
    with pytest.raises(ValidationError):
        agreement(WIELICZKA)
    with pytest.raises(ValidationError):
        agreement(NIEPOLOMICE, coordinator_user=local)  # works for Wieliczka, not Niepołomice
    office = Actor.of(officer())
    services.agreement_move(
        actor=office, agreement_id=draft.pk, transition="sign", signed_on=date(2026, 1, 2)
    )
    draft.refresh_from_db()
    assert (draft.status, draft.signed_on) == ("active", date(2026, 1, 2))
    services.agreement_move(actor=office, agreement_id=draft.pk, transition="end")
    assert agreement(WIELICZKA).status == "draft"  # a new one once the old has ended
    assert GminaAgreement.objects.filter(gmina=gmina(WIELICZKA)).count() == 2


def test_a_leader_needs_consent_and_withdrawing_it_erases_the_details():
    local = coordinator(WIELICZKA)
    with pytest.raises(ValidationError):
        leader(by=local, consent=False)
    entry = leader(by=local)
    assert entry.consent_text_version
    services.contact_record(
        actor=Actor.of(local),
        leader_id=entry.pk,
        kind="meeting",
        happened_on=date(2026, 1, 20),
        notes="Remiza w marcu.",
    )
    services.leader_erase(actor=Actor.of(local), leader_id=entry.pk)
    entry.refresh_from_db()
    assert (entry.name, entry.organisation, entry.email, entry.phone, entry.agreed_to) == ("", "", "", "", "")
    assert entry.erased_at is not None
    assert entry.kind == "osp"
    assert list(LeaderContact.objects.values_list("notes", flat=True)) == [""]
    with pytest.raises(ValidationError):
        services.contact_record(
            actor=Actor.of(local), leader_id=entry.pk, kind="call", happened_on=date(2026, 2, 1), notes=""
        )
