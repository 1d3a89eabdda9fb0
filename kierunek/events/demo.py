"""Demo events: a year of the partnership's events around today, through the real services, so
every role has work. The officer organises the annual conference "Małopolska otwarta na wiedzę"
(sessions and speakers; last year's edition is over, with check-ins, certificates and survey
answers), the Learning Day on 8 June and webinars; partner staff organise a planning workshop (for
partners, approval needed: registrations wait for them) and local workshops in several powiats
(one full, with a waiting list and a seat offered; one whose registrations wait for approval).
The demo participant holds tickets. A second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor

from . import services
from .models import Event, Registration

UNITS = 11
WUP = "Wojewódzki Urząd Pracy w Krakowie"
MPKU = "Małopolskie Partnerstwo na rzecz Kształcenia Ustawicznego"


def planned(size: str) -> int:
    return UNITS


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _create(
    by: User, *, title: str, kind: str, day: date, start: int, end: int, capacity: int, **extra
) -> Event:
    return services.event_create(
        actor=Actor.of(by),
        data=services.EventData(
            title=title,
            kind=kind,
            starts_at=_at(day, start),
            ends_at=_at(day, end),
            capacity=capacity,
            **extra,
        ),
    )


def _sessions(event: Event, programme: list[tuple[int, int, str, str, int | None]]) -> None:
    day = timezone.localtime(event.starts_at).date()
    for start, end, title, speakers, capacity in programme:
        services.session_save(
            actor=Actor.of(event.organiser),
            event_id=event.pk,
            data=services.SessionData(
                title=title,
                starts_at=_at(day, start),
                ends_at=_at(day, end),
                speakers=speakers,
                room="Sala główna" if capacity is None else "Sala warsztatowa",
                capacity=capacity,
            ),
        )


def _register(event: Event, people: list[User], *, at: datetime, **answers) -> list[Registration]:
    made = []
    for n, person in enumerate(people):
        made.append(
            services.registration_create(
                actor=Actor.of(person),
                event_id=event.pk,
                answers=services.Answers(**answers),
                now=at + timedelta(minutes=n),
            )
        )
    return made


def _held_and_closed(event: Event, registrations: list[Registration], *, absent: int = 1) -> None:
    """A past event: people checked in at the door (all but ``absent``), certificates issued, and
    some survey answers."""
    door = Actor.of(event.organiser)
    confirmed = [r for r in registrations if r.status == "confirmed"]
    present = confirmed[: max(0, len(confirmed) - absent)]
    for n, registration in enumerate(present):
        services.attendee_check_in(
            actor=door,
            event_id=event.pk,
            code=registration.ticket_code,
            now=event.starts_at + timedelta(minutes=n),
        )
    after = event.ends_at + timedelta(hours=2)
    services.certificates_issue(actor=door, event_id=event.pk, now=after)
    comments = [
        "Bardzo dobre warsztaty, konkretne przykłady.",
        "",
        "Przydałoby się więcej czasu na dyskusję.",
    ]
    for n, registration in enumerate(present[:6]):
        services.survey_answer(
            actor=Actor.of(registration.person),
            registration_id=registration.pk,
            rating=5 - n % 2,
            useful=n % 3 != 2,
            comment=comments[n % 3],
            now=after,
        )


def _learning_day(today: date) -> date:
    this_year = date(today.year, 6, 8)
    return this_year if this_year >= today else date(today.year + 1, 6, 8)


def seed(*, size: str) -> Iterator[str]:
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    partner = User.objects.filter(email=demo_email(Role.PARTNER_STAFF), role=Role.PARTNER_STAFF).first()
    participant = User.objects.filter(email=demo_email(Role.PARTICIPANT), role=Role.PARTICIPANT).first()
    if officer is None or partner is None or participant is None or Event.objects.exists():
        yield from ("skipped",) * UNITS
        return
    people = list(
        User.objects.filter(role=Role.PARTICIPANT, email__startswith="uczestnik0").order_by("email")
    )
    today = timezone.localdate()
    now = timezone.now()

    # Last year's conference: held, with check-ins, certificates and survey answers.
    last = _create(
        officer,
        title="Małopolska otwarta na wiedzę — konferencja roczna",
        kind="conference",
        day=today - timedelta(days=300),
        start=9,
        end=16,
        capacity=300,
        gmina_teryt="1261011",
        address="ICE Kraków, ul. Marii Konopnickiej 17",
        organiser_label=MPKU,
        description="Doroczna konferencja partnerstwa: podsumowanie roku i plany na kolejny.",
    )
    _sessions(
        last,
        [
            (
                9,
                10,
                "Otwarcie: uczenie się przez całe życie w Małopolsce",
                "dr Anna Wierzbicka, Jan Nowak",
                None,
            ),
            (10, 12, "Panel: walidacja kompetencji zdobytych poza szkołą", "prof. Marek Zieliński", None),
            (13, 15, "Warsztat: standardy jakości usług szkoleniowych", "Ewa Mazur", 60),
        ],
    )
    registered = _register(last, [participant, *people[:14]], at=last.starts_at - timedelta(days=30))
    _held_and_closed(last, registered, absent=2)
    yield "last year's conference"

    # This year's conference, coming: sessions, speakers, registrations with answers.
    conference = _create(
        officer,
        title="Małopolska otwarta na wiedzę — konferencja roczna",
        kind="conference",
        day=today + timedelta(days=45),
        start=9,
        end=16,
        capacity=300,
        gmina_teryt="1261011",
        address="ICE Kraków, ul. Marii Konopnickiej 17",
        organiser_label=MPKU,
        description="Kompetencje przyszłości, doradztwo przez całe życie, dobre praktyki partnerów.",
    )
    _sessions(
        conference,
        [
            (9, 10, "Otwarcie i wystąpienie Marszałka", "Marszałek Województwa Małopolskiego", None),
            (10, 12, "Panel: kompetencje cyfrowe dorosłych", "dr hab. Piotr Lis, Katarzyna Wróbel", None),
            (13, 15, "Warsztat A: model całożyciowego doradztwa zawodowego", "Agnieszka Sowa", 40),
            (13, 15, "Warsztat B: walidacja w praktyce instytucji", "Tomasz Kruk", 40),
        ],
    )
    sessions = list(conference.sessions.order_by("pk").values_list("pk", flat=True))
    services.registration_create(
        actor=Actor.of(participant),
        event_id=conference.pk,
        answers=services.Answers(
            sessions=(sessions[0], sessions[2]),
            accessibility_needs="Proszę o miejsce blisko wyjścia.",
            age_group="25_54",
            age_group_consent=True,
        ),
        now=now,
    )
    _register(conference, people[:10], at=now)
    yield "conference"

    # The Learning Day on 8 June: activities in two powiats.
    learning = _learning_day(today)
    for title, teryt, address in (
        (
            "Dzień Uczenia się: otwarte zajęcia w bibliotece",
            "1263011",
            "Miejska Biblioteka Publiczna, ul. Krakowska 17",
        ),
        ("Dzień Uczenia się: piknik edukacyjny", "1211011", "Rynek, Nowy Targ"),
    ):
        activity = _create(
            officer,
            title=title,
            kind="learning_day",
            day=learning,
            start=10,
            end=14,
            capacity=80,
            gmina_teryt=teryt,
            address=address,
            organiser_label=MPKU,
        )
        _register(activity, people[10:16], at=now)
        yield "learning day"

    # The planning workshop before the region's planning: for partners, approval needed.
    planning = _create(
        partner,
        title="Warsztat planistyczny partnerstwa 2027",
        kind="planning_workshop",
        day=today + timedelta(days=20),
        start=10,
        end=15,
        capacity=40,
        audience="partners",
        requires_approval=True,
        gmina_teryt="1261011",
        address="WUP Kraków, pl. Na Stawach 1",
        organiser_label=MPKU,
    )
    colleagues = list(User.objects.filter(role=Role.PARTNER_STAFF).exclude(pk=partner.pk)[:3])
    if colleagues:
        _register(planning, colleagues, at=now)
    yield "planning workshop"

    # Local workshops in several powiats; the one in Nowy Sącz is full, with a waiting list.
    full = _create(
        partner,
        title="Warsztat lokalny: potrzeby szkoleniowe pracodawców powiatu",
        kind="local_workshop",
        day=today + timedelta(days=10),
        start=10,
        end=13,
        capacity=8,
        offer_hours=24,
        gmina_teryt="1262011",
        address="Starostwo Powiatowe, ul. Jagiellońska 33",
        organiser_label="Powiatowy Urząd Pracy w Nowym Sączu",
    )
    queue = _register(full, people[:11], at=now - timedelta(days=2))
    _register(full, [participant], at=now - timedelta(days=1))
    services.registration_cancel(actor=Actor.of(queue[0].person), registration_id=queue[0].pk, now=now)
    yield "full workshop"
    for title, teryt, address, days, approval in (
        ("Warsztat lokalny: kształcenie ustawiczne w Tarnowie", "1263011", "ul. Mickiewicza 6", 25, True),
        ("Warsztat lokalny: oferta szkoleń dla osób 50+", "1211011", "ul. Szaflarska 2", 60, False),
    ):
        workshop = _create(
            partner,
            title=title,
            kind="local_workshop",
            day=today + timedelta(days=days),
            start=10,
            end=13,
            capacity=25,
            requires_approval=approval,
            gmina_teryt=teryt,
            address=address,
        )
        _register(workshop, people[12:18], at=now)
        yield "local workshop"
    past_workshop = _create(
        partner,
        title="Warsztat lokalny: doradztwo zawodowe w Oświęcimiu",
        kind="local_workshop",
        day=today - timedelta(days=40),
        start=10,
        end=13,
        capacity=20,
        gmina_teryt="1213011",
        address="ul. Zamkowa 1",
    )
    held = _register(
        past_workshop, [participant, *people[5:12]], at=past_workshop.starts_at - timedelta(days=10)
    )
    _held_and_closed(past_workshop, held)
    yield "past workshop"

    # Webinars: one held, one coming.
    for title, days in (
        ("Webinar: jak korzystać z bonów szkoleniowych", -15),
        ("Webinar: walidacja efektów uczenia się", 14),
    ):
        webinar = _create(
            officer,
            title=title,
            kind="webinar",
            day=today + timedelta(days=days),
            start=12,
            end=13,
            capacity=100,
            online_url="https://spotkania.kierunek.example/webinar",
            organiser_label=WUP,
        )
        at = webinar.starts_at - timedelta(days=5)
        done = _register(webinar, [participant, *people[8:14]], at=min(at, now))
        if days < 0:
            _held_and_closed(webinar, done)
        yield "webinar"
