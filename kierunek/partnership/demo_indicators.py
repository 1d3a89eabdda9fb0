"""Demo indicators (decision 0023), after the demo institutions and their staff: a year of the
partners' own activity (local workshops and group meetings their staff organised, last year and
this, with partners checked in), the MPKU's self-assessment of last year (closed, answered) and of
this year (open: most members answered, the demo partner's institution has not yet), the scoring
rule of both years, last year's recognition list approved and public, and this year's computed and
waiting for the office's approval. Everything goes through the services; a second run adds
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.events import services as events

from . import domain
from .models import InstitutionStaff, Membership, Partnership
from .models_indicators import SelfAssessmentRound, statement_number
from .services import indicators as services

UNITS = 5

QUESTIONS = [
    "Partnerstwo pomaga naszej instytucji lepiej służyć mieszkańcom i pracodawcom.",
    "Wiemy, co oferują inni partnerzy, i kierujemy do nich ludzi.",
    "Spotkania i warsztaty partnerstwa są dla nas użyteczne.",
    "Mamy wpływ na plany i decyzje partnerstwa.",
    "Dzielimy się dobrymi praktykami z innymi partnerami.",
]
WEIGHTS = {"events_organised": 10, "events_attended": 2, "services_listed": 1, "practices_published": 5}
RATIONALE = (
    "Zasada grupy roboczej ds. systemu motywacyjnego: najwięcej waży to, co partner robi dla innych "
    "(wydarzenie zorganizowane, dobra praktyka udostępniona), mniej udział i utrzymywanie oferty w "
    "katalogu, która i tak powinna być aktualna. Wagi przegląda rada programowa co roku."
)
TOPICS = [
    ("local_workshop", "Warsztat lokalny: rynek pracy w powiecie"),
    ("meeting", "Spotkanie grupy zadaniowej ds. walidacji"),
    ("local_workshop", "Warsztat lokalny: doradztwo dla dorosłych"),
    ("meeting", "Spotkanie grupy roboczej ds. mierzenia efektywności"),
]


def planned(size: str) -> int:
    return UNITS


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _activity(links: list[InstitutionStaff], year: int, months: list[int]) -> None:
    """Events the partners' staff organised in ``year``, each attended by some colleagues."""
    people = [link.user for link in links]
    for n, month in enumerate(months):
        organiser = links[(n * 3) % len(links)]
        kind, title = TOPICS[n % len(TOPICS)]
        day = date(year, month, 10 + n % 15)
        event = events.event_create(
            actor=Actor.of(organiser.user),
            data=events.EventData(
                title=f"{title} ({organiser.institution.city})",
                kind=kind,
                starts_at=_at(day, 10),
                ends_at=_at(day, 13),
                capacity=30,
                audience="partners",
                gmina_teryt=organiser.institution.gmina.teryt,
                address=organiser.institution.street_address,
                organiser_label=organiser.institution.name,
            ),
        )
        guests = [p for p in people if p.pk != organiser.user_id][n % 3 :: 2][:6]
        for m, guest in enumerate(guests):
            registration = events.registration_create(
                actor=Actor.of(guest), event_id=event.pk, now=event.starts_at - timedelta(days=7, minutes=m)
            )
            if m % 4 != 3:  # someone is always missing at the door
                events.attendee_check_in(
                    actor=Actor.of(organiser.user),
                    event_id=event.pk,
                    code=registration.ticket_code,
                    now=event.starts_at + timedelta(minutes=m),
                )


def _answers(survey: SelfAssessmentRound, seed: int) -> dict[int, tuple[int, str]]:
    comments = [
        "",
        "Więcej warsztatów w powiatach, mniej w Krakowie.",
        "",
        "Rada mogłaby częściej pytać partnerów.",
    ]
    numbered = [(statement_number(q.key), q) for q in survey.questions]
    return {
        q.pk: (2 + (seed + n) % 4, comments[(seed + n) % len(comments)] if n == 4 else "")
        for n, q in numbered
    }


def _self_assessment(
    office: Actor, mpku: Partnership, links: list[InstitutionStaff], year: int, *, demo_partner: User | None
) -> None:
    today = timezone.localdate()
    past = year < today.year
    opens_on = date(year, 11, 1) if past else today - timedelta(days=20)
    closes_on = date(year, 12, 15) if past else today + timedelta(days=25)
    survey = services.self_assessment_round_open(
        actor=office,
        partnership_id=mpku.pk,
        year=year,
        opens_on=opens_on,
        closes_on=closes_on,
        questions=QUESTIONS if past else [*QUESTIONS, "Wskaźniki partnerstwa pokazują, co naprawdę robimy."],
        introduction="Samoocena partnerstwa: jedna odpowiedź instytucji, do wiadomości biura i rady.",
    )
    members = set(
        Membership.objects.filter(partnership=mpku, status=domain.MEMBER).values_list(
            "institution_id", flat=True
        )
    )
    answered: set[int] = set()
    for n, link in enumerate(links):
        if link.institution_id not in members or link.institution_id in answered or n % 5 == 4:
            continue
        if not past and demo_partner is not None and link.user_id == demo_partner.pk:
            continue  # the demo partner answers this year's in the demo
        services.self_assessment_answer(
            actor=Actor.of(link.user),
            round_id=survey.pk,
            institution_id=link.institution_id,
            answers=_answers(survey, n),
            today=opens_on + timedelta(days=n % 10),
        )
        answered.add(link.institution_id)


def seed(*, size: str) -> Iterator[str]:
    office_user = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    mpku = Partnership.objects.filter(code="mpku").first()
    links = list(
        InstitutionStaff.objects.filter(institution__is_demo=True, user__role=Role.PARTNER_STAFF)
        .select_related("user", "institution__gmina")
        .order_by("pk")
    )
    if office_user is None or mpku is None or len(links) < 4 or SelfAssessmentRound.objects.exists():
        yield from ("skipped",) * UNITS
        return
    office = Actor.of(office_user)
    demo_partner = User.objects.filter(email=demo_email(Role.PARTNER_STAFF)).first()
    this_year = timezone.localdate().year
    today = timezone.localdate()
    _activity(links, this_year - 1, [9, 10, 11])
    _activity(links, this_year, [m for m in (2, 3, 4, 5, 6, 9, 10, 11) if date(this_year, m, 28) < today])
    yield "activity"
    _self_assessment(office, mpku, links, this_year - 1, demo_partner=demo_partner)
    yield "last year's self-assessment"
    _self_assessment(office, mpku, links, this_year, demo_partner=demo_partner)
    yield "this year's self-assessment"
    for year in (this_year - 1, this_year):
        services.recognition_rule_set(
            actor=office,
            year=year,
            weights=WEIGHTS,
            rationale=RATIONALE,
            decided_by="Uchwała rady programowej MPKU",
        )
        services.recognition_list_compute(actor=office, year=year)
    services.recognition_list_approve(actor=office, year=this_year - 1)
    yield "recognition lists"
    yield "done"
