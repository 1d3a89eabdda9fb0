"""Demo outreach: agreements with five gminas of the Metropolis (Wieliczka's in force, coordinated
by the demo gmina-staff person), Wieliczka's local leaders with their consent and the contacts with
them, campaigns of every channel, and sign-ups through them by demo participants, who went on as
far as the other contexts' demo took them (balance, vouchers, bookings); the office's adult
residents per gmina, made up and marked as demo data; the rule of low reach. Made through the
services as the demo officer and coordinator; a second run adds nothing."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core import csvsafe
from kierunek.core.actor import Actor
from kierunek.events.services import EventData, event_create
from kierunek.geo.models import Gmina

from . import services
from .models import CampaignSignup, Channel, GminaAgreement, LeaderKind, ReachRule

WIELICZKA = "1219053"
SOURCE = "DANE DEMONSTRACYJNE (nie są prawdziwe): wzór GUS, ludność w wieku 18+ według gmin"
REFERENCE_DATE = date(2025, 12, 31)
GMINA_COMMITS = (
    "Koordynator współpracy w urzędzie gminy; sala na spotkania i dyżury doradcy; plakaty na tablicach "
    "ogłoszeń sołectw; informacja w gazecie gminnej i na stronie gminy."
)
OFFICE_COMMITS = (
    "Dyżur doradcy kariery raz w miesiącu; materiały i plakaty z kodami kampanii; webinary dla "
    "mieszkańców; co kwartał dane o zasięgu programu w gminie."
)
# Other gminas' agreements and the step each was taken to.
OTHERS = [("1219043", "active"), ("1206113", "draft"), ("1206162", "suspended"), ("1206172", "ended")]
LEADERS = [
    (
        LeaderKind.SOLTYS,
        "Jan Kowalczyk",
        "Sołectwo Sułków",
        "Rozwiesza plakaty, zaprasza na zebranie wiejskie.",
    ),
    (LeaderKind.KGW, "Maria Wróbel", "KGW Grabówki", "Zaprasza doradcę na spotkanie koła."),
    (LeaderKind.OSP, "Piotr Mazur", "OSP Czarnochowice", "Udostępnia remizę na spotkanie."),
    (LeaderKind.LIBRARY, "", "Biblioteka Publiczna w Wieliczce", "Punkt informacyjny i webinar w czytelni."),
    (LeaderKind.PARISH, "", "Parafia w Koźmicach Wielkich", "Ogłoszenia parafialne."),
    (LeaderKind.NGO, "Ewa Lis", "Stowarzyszenie Aktywni Seniorzy", "Polecanie programu członkom."),
]
CAMPAIGNS = [
    ("Plakat w sołectwach wiosna 2026", Channel.POSTER),
    ("Ulotka w bibliotece", Channel.LEAFLET),
    ("Spotkanie w remizie OSP Czarnochowice", Channel.MEETING),
    ("Webinar: bon na szkolenie krok po kroku", Channel.WEBINAR),
    ("Polecenie KGW Grabówki", Channel.REFERRAL),
]


def planned(size: str) -> int:
    return 5


def _population_file() -> bytes:
    out = io.StringIO()
    writer = csvsafe.SafeWriter(out)
    writer.writerow(services.population.COLUMNS)
    for gmina in Gmina.objects.order_by("teryt"):
        rng = random.Random(f"adults-{gmina.teryt}")  # noqa: S311 - made-up figures, not secrets
        adults = 640_000 if gmina.teryt == "1261011" else rng.randint(25, 400) * 100
        if gmina.kind == "miejska" and gmina.teryt != "1261011":
            adults = rng.randint(80, 600) * 100
        writer.writerow([gmina.teryt, gmina.name, adults])
    return out.getvalue().encode("utf-8")


def seed(*, size: str) -> Iterator[str]:
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    coordinator = User.objects.filter(email=demo_email(Role.GMINA_STAFF), role=Role.GMINA_STAFF).first()
    wieliczka = Gmina.objects.filter(teryt=WIELICZKA).first()
    if officer is None or coordinator is None or wieliczka is None or GminaAgreement.objects.exists():
        yield from ("skipped",) * planned(size)
        return
    office, local = Actor.of(officer), Actor.of(coordinator)

    services.population_import(
        actor=office,
        content=_population_file(),
        filename="demo-ludnosc-gmin.csv",
        source=SOURCE,
        reference_date=REFERENCE_DATE,
        is_demo=True,
    )
    ReachRule.objects.get_or_create(
        valid_from=date(2025, 1, 1),
        defaults={
            "threshold": Decimal("0.5"),
            "reason": "DANE DEMONSTRACYJNE: próg przyjęty przez zarząd programu, by wskazać gminy, "
            "w których potrzeba lokalnych działań (plakaty, spotkania, liderzy).",
            "decided_by": officer,
        },
    )
    yield "population"

    agreement = services.agreement_draft(
        actor=office,
        gmina=wieliczka,
        data=services.AgreementData(
            starts_on=date(2026, 1, 1),
            ends_on=date(2027, 12, 31),
            gmina_commits=GMINA_COMMITS,
            office_commits=OFFICE_COMMITS,
            coordinator=coordinator,
        ),
    )
    services.agreement_move(
        actor=office, agreement_id=agreement.pk, transition="sign", signed_on=date(2025, 12, 15)
    )
    for teryt, state in OTHERS:
        gmina = Gmina.objects.get(teryt=teryt)
        other = services.agreement_draft(
            actor=office,
            gmina=gmina,
            data=services.AgreementData(
                starts_on=date(2025, 3, 1),
                ends_on=date(2026, 12, 31),
                gmina_commits=GMINA_COMMITS,
                office_commits=OFFICE_COMMITS,
            ),
        )
        path = {"draft": [], "active": ["sign"], "suspended": ["sign", "suspend"], "ended": ["sign", "end"]}[
            state
        ]
        for step in path:
            services.agreement_move(
                actor=office, agreement_id=other.pk, transition=step, signed_on=date(2025, 2, 20)
            )
    yield "agreements"

    today = date.today()
    leaders = []
    for number, (kind, name, organisation, agreed) in enumerate(LEADERS):
        leader = services.leader_register(
            actor=local,
            gmina=wieliczka,
            data=services.LeaderData(
                kind=kind,
                name=name,
                organisation=organisation,
                email=f"lider{number + 1}@example.com",
                phone="",
                agreed_to=agreed,
                consent_given_on=today - timedelta(days=90 - number * 7),
                consent=True,
            ),
        )
        services.contact_record(
            actor=local,
            leader_id=leader.pk,
            kind="meeting" if number % 2 == 0 else "call",
            happened_on=today - timedelta(days=60 - number * 5),
            notes="Omówiliśmy plakaty i termin spotkania z doradcą.",
        )
        leaders.append(leader)
    yield "leaders"

    campaigns = []
    for name, channel in CAMPAIGNS:
        referring = leaders[1] if channel == Channel.REFERRAL else None
        campaigns.append(
            services.campaign_create(
                actor=local,
                gmina=wieliczka,
                data=services.CampaignData(
                    name=name, channel=channel, starts_on=today - timedelta(days=80), leader=referring
                ),
            )
        )
    campaigns.append(
        services.campaign_create(
            actor=office,
            gmina=None,
            data=services.CampaignData(
                name="Webinar regionalny: kompetencje cyfrowe", channel=Channel.WEBINAR
            ),
        )
    )
    # The coordinator organises the meeting in the fire station through the events context.
    starts = timezone.make_aware(datetime.combine(today + timedelta(days=21), time(18, 0)))
    event_create(
        actor=local,
        data=EventData(
            title="Spotkanie w remizie OSP Czarnochowice: bilans kompetencji i bony",
            kind="local_workshop",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=40,
            description="Doradca kariery opowie o bezpłatnym bilansie kompetencji i bonach na szkolenia.",
            gmina_teryt=WIELICZKA,
            address="Czarnochowice, remiza OSP",
            organiser_label="Gmina Wieliczka",
        ),
    )
    yield "campaigns"

    # Demo participants "came through" the campaigns: every second one, in turn (their journey is
    # what the other contexts' demo gave them).
    people = list(User.objects.filter(role=Role.PARTICIPANT).order_by("pk"))
    for number, person in enumerate(people[::2]):
        signup = services.signup_record(user=person, code=campaigns[number % len(campaigns)].code)
        if signup is not None:
            CampaignSignup.objects.filter(pk=signup.pk).update(registered_at=person.date_joined)
    yield "signups"
