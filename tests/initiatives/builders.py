"""Builders for the initiatives tests, through the real services: a gmina's staff member, an
edition with criteria and workshops, applications moved along their stages, a jury, campaigns."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import Actor
from kierunek.events import services as events
from kierunek.geo.models import Gmina
from kierunek.initiatives import services
from kierunek.initiatives.models import ContestApplication, ContestEdition
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

WIELICZKA = "1219053"
NIEPOLOMICE = "1219043"
KRAKOW = "1261011"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "dowod.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def officer():
    return StaffUserFactory(role=Role.OFFICER)


def gmina_staff(teryt: str = WIELICZKA):
    user = StaffUserFactory(role=Role.GMINA_STAFF)
    GminaStaff.objects.create(user=user, gmina=Gmina.objects.get(teryt=teryt), position="koordynator")
    return user


def edition(
    *, by=None, year: int = 2026, required: int = 1, opened: bool = True, workshops: int = 1
) -> ContestEdition:
    by = by or officer()
    today = timezone.localdate()
    made = services.edition_create(
        actor=Actor.of(by),
        data=services.EditionData(
            number=year - 2009,
            year=year,
            title=f"Edukacyjna Gmina Małopolski {year}",
            rules="Gminy planują działania na rzecz uczenia się dorosłych.",
            applications_open_on=today,
            applications_close_on=today + timedelta(days=30),
            stage_one_ends_on=today + timedelta(days=90),
            reports_due_on=today + timedelta(days=180),
            results_on=today + timedelta(days=200),
            workshops_required=required,
        ),
    )
    services.criterion_add(
        actor=Actor.of(by), edition_id=made.pk, name="Spójność działań", max_points=10, weight=2
    )
    services.criterion_add(actor=Actor.of(by), edition_id=made.pk, name="Zasięg", max_points=20, weight=1)
    for n in range(workshops):
        workshop(made, by=by, days=10 + n)
    if opened:
        services.edition_move(actor=Actor.of(by), edition_id=made.pk, name="open")
    made.refresh_from_db()
    return made


def workshop(made: ContestEdition, *, by, days: float = 10):
    starts = timezone.now() + timedelta(days=days)
    return services.workshop_add(
        actor=Actor.of(by),
        edition_id=made.pk,
        data=events.EventData(
            title="Warsztat EGM: planowanie działań",
            kind="local_workshop",
            starts_at=starts,
            ends_at=starts + timedelta(hours=4),
            capacity=50,
            gmina_teryt=KRAKOW,
            address="ul. Racławicka 56",
        ),
    )


def apply(made: ContestEdition, who) -> ContestApplication:
    return services.application_submit(
        actor=Actor.of(who),
        edition_id=made.pk,
        planned_actions="Spotkania w sołectwach, kurs cyfrowy dla seniorów.",
    )


def attend_workshops(application: ContestApplication, who) -> None:
    for w in application.edition.workshops.select_related("event"):
        registration = events.registration_create(actor=Actor.of(who), event_id=w.event_id)
        events.attendee_check_in(
            actor=Actor.of(w.event.organiser),
            event_id=w.event_id,
            code=registration.ticket_code,
            now=w.event.starts_at,
        )


def move(application: ContestApplication, name: str, by, note: str = "") -> ContestApplication:
    return services.application_move(actor=Actor.of(by), application_id=application.pk, name=name, note=note)


def reported(made: ContestEdition, who, by) -> ContestApplication:
    """An application through stages I and II to its report."""
    application = apply(made, who)
    move(application, "admit", by)
    attend_workshops(application, who)
    move(application, "complete_stage_one", by)
    services.evidence_upload(
        actor=Actor.of(who), application_id=application.pk, title="Zdjęcia", upload=pdf()
    )
    services.report_submit(
        actor=Actor.of(who), application_id=application.pk, report="Przeprowadziliśmy 5 spotkań."
    )
    application.refresh_from_db()
    return application


def campaign(*, kind: str = "learning_day", year: int | None = None, by=None, today: date | None = None):
    today = today or timezone.localdate()
    day = today + timedelta(days=20)
    return services.campaign_create(
        actor=Actor.of(by or officer()),
        kind=kind,
        year=year or day.year,
        title="Dzień Uczenia się" if kind == "learning_day" else "Tydzień Kariery",
        starts_on=day,
        ends_on=day if kind == "learning_day" else day + timedelta(days=4),
        registration_closes_on=day - timedelta(days=3),
    )


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def activity(made, who, *, teryt: str = KRAKOW, needs_registration: bool = True, hour: int = 10, **extra):
    return services.activity_register(
        actor=Actor.of(who),
        campaign_id=made.pk,
        data=services.ActivityData(
            title=extra.pop("title", "Otwarte warsztaty w bibliotece"),
            starts_at=at(made.starts_on, hour),
            ends_at=at(made.starts_on, hour + 2),
            organiser_label=extra.pop("organiser_label", "Biblioteka Publiczna"),
            gmina_teryt=teryt,
            address="ul. Rynek 1",
            needs_registration=needs_registration,
            **extra,
        ),
    )


def person(**kwargs):
    return ParticipantFactory(**kwargs)
