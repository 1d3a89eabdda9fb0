"""Demo regional initiatives, through the real services. The "Edukacyjna Gmina Małopolski"
contest: the 16th edition (2025) published with its results and awards, and the 17th (2026) with
the jury: gminas in different stages (reported and partly scored, Wieliczka — the demo gmina's —
in stage II with its evidence to complete, one still in stage I, one not admitted, one
withdrawn), workshops held as events with the gminas' staff checked in, the demo officer and
partner on the jury (the partner has reports to score). The Learning Day (8 June 2026) and the
Career Week 2026 with activities across Małopolska by the office, partners, providers and gminas,
counted afterwards; and the Learning Day 2027 open for registering activities. The gminas' other
staff are made-up demo people without a login (``egm-<teryt>@kierunek.example``). A second run
adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import GminaStaff, Role, User
from kierunek.core.actor import Actor
from kierunek.events import services as events
from kierunek.geo.models import Gmina

from . import services
from .models import Campaign, ContestApplication, ContestEdition

UNITS = 6
WUP = "Wojewódzki Urząd Pracy w Krakowie"
RULES = (
    "Konkurs dla wszystkich gmin Małopolski. Gmina zgłasza plan działań na rzecz uczenia się dorosłych, "
    "jej przedstawiciele biorą udział w warsztatach (etap I), gmina realizuje działania i składa "
    "sprawozdanie z dowodami (etap II). Jury ocenia sprawozdania według kryteriów regulaminu."
)
CRITERIA = [
    ("Trafność działań wobec potrzeb mieszkańców", 10, 3),
    ("Zasięg: liczba i różnorodność uczestników", 10, 2),
    ("Współpraca z partnerami lokalnymi (KGW, OSP, biblioteki, szkoły)", 10, 2),
    ("Trwałość i kontynuacja", 5, 1),
]
# teryt, what the gmina planned, the stage it reached in 2026
APPLICANTS_2026 = [
    (
        "1219053",
        "Kurs kompetencji cyfrowych dla seniorów w bibliotece, spotkania w sołectwach z KGW.",
        "stage_two",
    ),
    ("1219043", "Punkt porad edukacyjnych w centrum kultury, warsztaty z OSP.", "reported"),
    ("1206113", "Lokalna akademia umiejętności z przedsiębiorcami, dzień otwarty szkoły.", "reported"),
    ("1201011", "Cykl spotkań „Ucz się w Bochni” w bibliotece i MOK.", "reported"),
    ("1208053", "Warsztaty dla rolników z nowych technologii, kursy językowe.", "stage_one"),
    ("1207011", "Program dla rodziców powracających na rynek pracy.", "rejected"),
    ("1211011", "Kawiarenka językowa w bibliotece.", "withdrawn"),
]
WORKSHOP_TOPICS = ["planowanie działań", "współpraca z liderami lokalnymi"]
RESULTS_2025 = [("1219043", [9, 8, 8, 4]), ("1206113", [7, 9, 6, 3]), ("1219053", [8, 6, 9, 5])]
# Learning Day and Career Week activities: teryt, title, organiser's label, who, registration, count
ACTIVITIES = [
    ("1261011", "Dzień otwarty Centrum Kształcenia Ustawicznego", "CKU w Krakowie", "partner", True, 120),
    ("1261011", "Warsztaty: jak zaplanować swoją ścieżkę zawodową", WUP, "officer", True, 45),
    (
        "1262011",
        "Pokazy zawodów w szkole branżowej",
        "Zespół Szkół Zawodowych w Nowym Sączu",
        "partner",
        False,
        210,
    ),
    ("1263011", "Kurs pierwszej pomocy dla dorosłych", "Ośrodek Szkoleniowy Rescue", "provider", True, 18),
    ("1219053", "Cyfrowy senior: smartfon bez tajemnic", "Gmina Wieliczka", "gmina", True, 26),
    ("1219053", "Spotkanie z KGW: rękodzieło i przedsiębiorczość", "Gmina Wieliczka", "gmina", False, 40),
    (
        "1211011",
        "Biblioteka uczy: warsztaty językowe",
        "Biblioteka Miejska w Nowym Targu",
        "partner",
        False,
        35,
    ),
    ("1205011", "Otwarte zajęcia w pracowni CNC", "Centrum Szkoleniowe Technik", "provider", True, 12),
    ("1217011", "Doradztwo zawodowe w plenerze", "PUP w Zakopanem", "partner", False, 60),
    ("1218093", "Festiwal nauki w rynku", "Uniwersytet Trzeciego Wieku", "partner", False, 150),
    (
        "1214053",
        "Kurs obsługi wózka widłowego: dzień próbny",
        "Ośrodek Kształcenia Kierowców",
        "provider",
        True,
        9,
    ),
    ("1206113", "Dzień kariery w centrum kultury", "Centrum Kultury w Skawinie", "partner", False, 70),
]


def planned(size: str) -> int:
    return UNITS


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _pdf(name: str) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n% demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _gmina_person(teryt: str) -> User:
    """The gmina's staff member who applies: the demo gmina's own for Wieliczka, else a made-up
    colleague without a login."""
    if teryt == "1219053":
        own = User.objects.filter(email=demo_email(Role.GMINA_STAFF), gmina_staff__gmina__teryt=teryt).first()
        if own is not None:
            return own
    email = f"egm-{teryt}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        gmina = Gmina.objects.get(teryt=teryt)
        user = User(
            email=email, first_name="Koordynator", last_name=f"gminy {gmina.name}", role=Role.GMINA_STAFF
        )
        user.set_unusable_password()
        user.save()
        GminaStaff.objects.create(user=user, gmina=gmina, position="Koordynator EGM (demo)")
    return user


def _edition(officer: User, year: int, number: int) -> ContestEdition:
    edition = services.edition_create(
        actor=Actor.of(officer),
        data=services.EditionData(
            number=number,
            year=year,
            title=f"Edukacyjna Gmina Małopolski {year}",
            rules=RULES,
            applications_open_on=date(year, 2, 1),
            applications_close_on=date(year, 3, 31),
            stage_one_ends_on=date(year, 6, 30),
            reports_due_on=date(year, 11, 30),
            results_on=date(year, 12, 15),
            workshops_required=2,
        ),
        rules_document=_pdf(f"regulamin-egm-{year}.pdf"),
    )
    for name, points, weight in CRITERIA:
        services.criterion_add(
            actor=Actor.of(officer), edition_id=edition.pk, name=name, max_points=points, weight=weight
        )
    for n, (teryt, place) in enumerate(
        [("1261011", "ul. Racławicka 56"), ("1263011", "ul. Piłsudskiego 20")]
    ):
        day = date(year, 4, 15 + 7 * n)
        services.workshop_add(
            actor=Actor.of(officer),
            edition_id=edition.pk,
            data=events.EventData(
                title=f"Warsztat EGM {year}: {WORKSHOP_TOPICS[n]}",
                kind="local_workshop",
                starts_at=_at(day, 10),
                ends_at=_at(day, 15),
                capacity=80,
                gmina_teryt=teryt,
                address=place,
                organiser_label=WUP,
            ),
        )
    services.edition_move(actor=Actor.of(officer), edition_id=edition.pk, name="open")
    return edition


def _through_stage_one(
    edition: ContestEdition, application: ContestApplication, who: User, officer: User
) -> None:
    services.application_move(actor=Actor.of(officer), application_id=application.pk, name="admit")
    for workshop in edition.workshops.select_related("event"):
        event = workshop.event
        registration = events.registration_create(
            actor=Actor.of(who), event_id=event.pk, now=event.starts_at - timedelta(days=5)
        )
        events.attendee_check_in(
            actor=Actor.of(officer), event_id=event.pk, code=registration.ticket_code, now=event.starts_at
        )
    services.application_move(
        actor=Actor.of(officer), application_id=application.pk, name="complete_stage_one"
    )


def _report(application: ContestApplication, who: User, text: str) -> None:
    services.evidence_upload(
        actor=Actor.of(who),
        application_id=application.pk,
        title="Program i lista obecności",
        upload=_pdf("dowod.pdf"),
    )
    services.report_submit(actor=Actor.of(who), application_id=application.pk, report=text)


def _score(edition: ContestEdition, application: ContestApplication, juror: User, points: list[int]) -> None:
    services.conflict_declare(actor=Actor.of(juror), application_id=application.pk, has_conflict=False)
    criteria = list(edition.criteria.order_by("position"))
    services.scores_save(
        actor=Actor.of(juror),
        application_id=application.pk,
        points={c.pk: p for c, p in zip(criteria, points, strict=True)},
    )


def _contest(officer: User, partner: User) -> None:
    # 2025: the whole contest, published.
    past = _edition(officer, 2025, 16)
    services.juror_appoint(actor=Actor.of(officer), edition_id=past.pk, email=officer.email)
    done = []
    for teryt, _points in RESULTS_2025:
        who = _gmina_person(teryt)
        application = services.application_submit(
            actor=Actor.of(who),
            edition_id=past.pk,
            planned_actions="Spotkania i warsztaty dla dorosłych mieszkańców.",
        )
        done.append((application, who))
    services.edition_move(actor=Actor.of(officer), edition_id=past.pk, name="close_applications")
    for application, who in done:
        _through_stage_one(past, application, who, officer)
        _report(application, who, "Zrealizowaliśmy zaplanowane działania; szczegóły w załącznikach.")
    services.edition_move(actor=Actor.of(officer), edition_id=past.pk, name="start_judging")
    for (application, _who), (_teryt, points) in zip(done, RESULTS_2025, strict=True):
        _score(past, application, officer, points)
    services.award_grant(
        actor=Actor.of(officer), application_id=done[0][0].pk, title="Laur Edukacyjnej Gminy Małopolski"
    )
    services.award_grant(
        actor=Actor.of(officer), application_id=done[1][0].pk, title="Wyróżnienie za współpracę z partnerami"
    )
    services.edition_move(actor=Actor.of(officer), edition_id=past.pk, name="publish")

    # 2026: with the jury now.
    edition = _edition(officer, 2026, 17)
    for juror in (officer, partner):
        services.juror_appoint(actor=Actor.of(officer), edition_id=edition.pk, email=juror.email)
    made = []
    for teryt, plan, stage in APPLICANTS_2026:
        who = _gmina_person(teryt)
        made.append(
            (
                services.application_submit(actor=Actor.of(who), edition_id=edition.pk, planned_actions=plan),
                who,
                stage,
            )
        )
    services.edition_move(actor=Actor.of(officer), edition_id=edition.pk, name="close_applications")
    for application, who, stage in made:
        if stage == "rejected":
            services.application_move(
                actor=Actor.of(officer),
                application_id=application.pk,
                name="reject",
                note="Plan nie obejmuje działań dla dorosłych mieszkańców gminy.",
            )
        elif stage == "withdrawn":
            services.application_move(actor=Actor.of(who), application_id=application.pk, name="withdraw")
        elif stage == "stage_one":
            services.application_move(actor=Actor.of(officer), application_id=application.pk, name="admit")
        else:
            _through_stage_one(edition, application, who, officer)
            if stage == "reported":
                _report(
                    application,
                    who,
                    "Przeprowadziliśmy zaplanowane warsztaty i spotkania; udział wzięło ponad 100 osób.",
                )
            else:
                services.evidence_upload(
                    actor=Actor.of(who),
                    application_id=application.pk,
                    title="Zdjęcia z kursu cyfrowego",
                    upload=_pdf("zdjecia.pdf"),
                )
    services.edition_move(actor=Actor.of(officer), edition_id=edition.pk, name="start_judging")
    reported = [a for a, _who, stage in made if stage == "reported"]
    for application, points in zip(reported, ([8, 7, 9, 4], [7, 8, 6, 3], [9, 6, 7, 5]), strict=True):
        _score(edition, application, officer, points)
    # The partner declared a conflict with one gmina; the others wait for their points.
    services.conflict_declare(
        actor=Actor.of(partner),
        application_id=reported[1].pk,
        has_conflict=True,
        statement="Moja instytucja realizowała działania tej gminy na jej zlecenie.",
    )


def _campaign(
    officer: User, kind: str, year: int, start: date, end: date, closes: date, title: str, text: str
) -> Campaign:
    return services.campaign_create(
        actor=Actor.of(officer),
        kind=kind,
        year=year,
        title=title,
        starts_on=start,
        ends_on=end,
        registration_closes_on=closes,
        description=text,
    )


def _activities(campaign: Campaign, people: dict[str, User], rows: list[tuple], *, counted: bool) -> None:
    span = (campaign.ends_on - campaign.starts_on).days + 1
    for n, (teryt, title, label, who, registration, count) in enumerate(rows):
        day = campaign.starts_on + timedelta(days=n % span)
        actor = Actor.of(people[who])
        activity = services.activity_register(
            actor=actor,
            campaign_id=campaign.pk,
            data=services.ActivityData(
                title=title,
                starts_at=_at(day, 10 + n % 6),
                ends_at=_at(day, 12 + n % 6),
                organiser_label=label,
                gmina_teryt=teryt,
                address="ul. Rynek 1" if n % 2 else "ul. Szkolna 5",
                needs_registration=registration,
                capacity=max(20, count + 10),
                description="Bezpłatnie, dla dorosłych mieszkańców (dane demonstracyjne).",
            ),
            today=campaign.registration_closes_on,
        )
        if counted:
            services.activity_count(
                actor=actor,
                activity_id=activity.pk,
                participants=count,
                now=activity.event.starts_at + timedelta(hours=1),
            )


def seed(*, size: str) -> Iterator[str]:
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    partner = User.objects.filter(email=demo_email(Role.PARTNER_STAFF), role=Role.PARTNER_STAFF).first()
    provider = User.objects.filter(email=demo_email(Role.PROVIDER_STAFF), role=Role.PROVIDER_STAFF).first()
    gmina = User.objects.filter(email=demo_email(Role.GMINA_STAFF), gmina_staff__isnull=False).first()
    if (
        None in (officer, partner, provider, gmina)
        or ContestEdition.objects.exists()
        or Campaign.objects.exists()
    ):
        yield from ("skipped",) * UNITS
        return
    assert officer
    assert partner
    assert provider
    assert gmina
    _contest(officer, partner)
    yield "contest"
    yield "jury"
    people = {"officer": officer, "partner": partner, "provider": provider, "gmina": gmina}
    day = _campaign(
        officer,
        "learning_day",
        2026,
        date(2026, 6, 8),
        date(2026, 6, 8),
        date(2026, 6, 1),
        "Dzień Uczenia się 2026",
        "8 czerwca instytucje partnerstwa, gminy i firmy szkoleniowe otwierają drzwi: "
        "warsztaty, pokazy, porady.",
    )
    _activities(day, people, ACTIVITIES, counted=True)
    yield "learning day"
    week = _campaign(
        officer,
        "career_week",
        2026,
        date(2026, 10, 19),
        date(2026, 10, 23),
        date(2026, 10, 12),
        "Tydzień Kariery 2026",
        "Tydzień spotkań o zawodach, doradztwa i dni otwartych w całej Małopolsce.",
    )
    _activities(week, people, list(reversed(ACTIVITIES))[:10], counted=True)
    yield "career week"
    today = timezone.localdate()
    next_year = today.year + 1
    coming = _campaign(
        officer,
        "learning_day",
        next_year,
        date(next_year, 6, 8),
        date(next_year, 6, 8),
        date(next_year, 5, 31),
        f"Dzień Uczenia się {next_year}",
        "Zgłoś działanie swojej instytucji na kolejny Dzień Uczenia się.",
    )
    _activities(coming, people, ACTIVITIES[3:6], counted=False)
    yield "coming learning day"
    yield "done"
