"""Builders for outreach's tests: the office, a gmina's coordinator (gmina-staff, linked to the
gmina by ``accounts.GminaStaff``), agreements, leaders and campaigns made through the services,
and residents of a gmina (a submitted application naming it)."""

from __future__ import annotations

from datetime import date

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina
from kierunek.outreach import services
from kierunek.outreach.models import Campaign, Channel, Leader, LeaderKind
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

WIELICZKA = "1219053"
NIEPOLOMICE = "1219043"


def gmina(teryt: str = WIELICZKA) -> Gmina:
    return Gmina.objects.get(teryt=teryt)


def officer():
    return StaffUserFactory(role=Role.OFFICER)


def coordinator(teryt: str = WIELICZKA):
    user = StaffUserFactory(role=Role.GMINA_STAFF)
    GminaStaff.objects.create(user=user, gmina=gmina(teryt), position="koordynator")
    return user


def agreement(teryt: str = WIELICZKA, *, by=None, coordinator_user=None):
    return services.agreement_draft(
        actor=Actor.of(by or officer()),
        gmina=gmina(teryt),
        data=services.AgreementData(
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            gmina_commits="Sala i plakaty.",
            office_commits="Dyżur doradcy.",
            coordinator=coordinator_user,
        ),
    )


def leader(teryt: str = WIELICZKA, *, by=None, **overrides) -> Leader:
    data = {
        "kind": LeaderKind.OSP,
        "name": "Piotr Mazur",
        "organisation": "OSP Czarnochowice",
        "email": "piotr@example.com",
        "phone": "600 100 200",
        "agreed_to": "Remiza na spotkanie.",
        "consent_given_on": date(2026, 1, 10),
        "consent": True,
        **overrides,
    }
    return services.leader_register(
        actor=Actor.of(by or coordinator(teryt)), gmina=gmina(teryt), data=services.LeaderData(**data)
    )


def campaign(
    teryt: str | None = WIELICZKA, *, by=None, channel: str = Channel.POSTER, name: str = "Plakat"
) -> Campaign:
    actor = by or (coordinator(teryt) if teryt else officer())
    return services.campaign_create(
        actor=Actor.of(actor),
        gmina=gmina(teryt) if teryt else None,
        data=services.CampaignData(name=name, channel=channel),
    )


def resident(teryt: str = WIELICZKA, participant=None):
    """A participant whose submitted application names ``teryt`` as the gmina of residence."""
    from tests.programmes.helpers import submitted_application

    participant = participant or ParticipantFactory()
    submitted_application(participant, residence_gmina=gmina(teryt))
    return participant
