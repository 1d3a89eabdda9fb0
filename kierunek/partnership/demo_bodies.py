"""Demo bodies and groups of both partnerships, through the services: the MPKU's general
assembly, programme council (a past and a current three-year term), office and four task groups;
the investors' partnership's general assembly, partner council (twice a year), office and three
working groups. Each has members from partner institutions, past meetings with minutes and
decisions, a coming meeting, and the groups' products in every state. The demo partner-staff
account leads the MPKU's quality standards group: a product returned for changes and the minutes
of its last meeting to attach are its work. A second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.pdf import render_pdf

from . import domain, services
from . import domain_bodies as rules
from .models import Institution, Partnership
from .models_bodies import Body

FIRST = [
    "Anna",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Magdalena",
    "Paweł",
    "Agnieszka",
    "Marcin",
    "Joanna",
    "Krzysztof",
]
LAST = [
    "Nowak",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamińska",
    "Lewandowski",
    "Zielińska",
    "Szymański",
    "Dąbrowska",
    "Łukasik",
]

# partnership code -> (kind, name, topic, meetings a year, [(product title, state), ...])
BODIES: dict[str, list[tuple[str, str, str, int | None, list[tuple[str, str]]]]] = {
    "mpku": [
        (
            "general_assembly",
            "Zgromadzenie Ogólne MPKU",
            "Wszystkie instytucje partnerskie: przyjmuje plan i sprawozdanie.",
            1,
            [],
        ),
        (
            "council",
            "Rada Programowa MPKU",
            "Wyznacza kierunki działania partnerstwa na trzyletnią kadencję.",
            4,
            [],
        ),
        ("office", "Biuro MPKU", "Obsługuje partnerstwo, jego organy i zespoły.", None, []),
        (
            "task_group",
            "Zespół zadaniowy ds. regionalnego portalu usług",
            "Regionalny portal usług edukacyjnych i doradczych dla mieszkańców Małopolski.",
            None,
            [
                ("Koncepcja regionalnego portalu usług", rules.PUBLISHED),
                ("Katalog danych portalu", rules.IN_REVIEW),
            ],
        ),
        (
            "task_group",
            "Zespół zadaniowy ds. standardów jakości",
            "Standardy jakości usług edukacyjnych i szkoleniowych dla instytucji partnerskich.",
            None,
            [
                ("Standardy jakości usług szkoleniowych", rules.DRAFT),
                ("Lista kontrolna audytu", rules.APPROVED),
            ],
        ),
        (
            "task_group",
            "Zespół zadaniowy ds. modelu całożyciowego poradnictwa",
            "Model całożyciowego poradnictwa zawodowego w regionie.",
            None,
            [("Model całożyciowego poradnictwa zawodowego", rules.PUBLISHED)],
        ),
        (
            "task_group",
            "Zespół zadaniowy ds. walidacji uczenia się pozaformalnego",
            "Pilotaż walidacji kompetencji nabytych poza edukacją formalną.",
            None,
            [("Raport z pilotażu walidacji", rules.DRAFT)],
        ),
    ],
    "inwestorzy": [
        (
            "general_assembly",
            "Zgromadzenie Partnerów",
            "Wszyscy partnerzy: przyjmują plan pracy i sprawozdanie.",
            1,
            [],
        ),
        (
            "council",
            "Rada Partnerów",
            "Decydenci instytucji partnerskich; spotyka się dwa razy w roku.",
            2,
            [],
        ),
        ("office", "Biuro Partnerstwa", "Obsługuje partnerstwo i jego grupy robocze.", None, []),
        (
            "working_group",
            "Grupa robocza ds. pomiaru efektywności partnerstwa",
            "Jak mierzyć efektywność partnerstwa: wskaźniki i źródła danych.",
            None,
            [("Wskaźniki efektywności partnerstwa", rules.PUBLISHED)],
        ),
        (
            "working_group",
            "Grupa robocza ds. systemu motywacyjnego",
            "System motywacyjny dla partnerów i konsultantów.",
            None,
            [("Zasady systemu motywacyjnego", rules.IN_REVIEW)],
        ),
        (
            "working_group",
            "Grupa robocza ds. bazy usług partnerów",
            "Baza usług, danych i wsparcia, które partnerzy oferują sobie nawzajem.",
            None,
            [("Struktura bazy usług partnerów", rules.DRAFT)],
        ),
    ],
}
DEMO_PARTNER_GROUP = "Zespół zadaniowy ds. standardów jakości"
UNITS = sum(len(bodies) for bodies in BODIES.values())


def planned(size: str) -> int:
    return UNITS


def _pdf(title: str, text: str) -> SimpleUploadedFile:
    content = render_pdf(title=title, sections=[("", [text, "Dane demonstracyjne."])])
    return SimpleUploadedFile("dokument.pdf", content, content_type="application/pdf")


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


class _People:
    """Names and e-mails for the seats, different for every seat."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> tuple[str, str, str]:
        self.n += 1
        first, last = FIRST[self.n % len(FIRST)], LAST[(self.n * 3) % len(LAST)]
        return first, last, f"czlonek{self.n:03d}@{DEMO_DOMAIN}"


def _seat(
    officer: Actor,
    body: Body,
    institution: Institution,
    function: str,
    people: _People,
    joined_on: date,
    **kw,
):
    first, last, email = people.next()
    return services.member_add(
        actor=officer,
        body_id=body.pk,
        institution_id=institution.pk,
        first_name=kw.get("first_name", first),
        last_name=kw.get("last_name", last),
        email=kw.get("email", email),
        function=function,
        joined_on=joined_on,
    )


def _meetings(keeper: Actor, body: Body, today: date, *, minutes_of_last: bool = True) -> None:
    """Two past meetings (the older with minutes and decisions) and one to come."""
    for months, with_minutes in ((7, True), (2, minutes_of_last)):
        day = today - timedelta(days=30 * months)
        meeting = services.meeting_schedule(
            actor=keeper,
            body_id=body.pk,
            data=services.MeetingData(
                title=f"Posiedzenie: {body.name}",
                starts_at=_at(day, 10),
                ends_at=_at(day, 13),
                online_url="https://spotkania.example.org/" + body.slug,
            ),
        )
        services.decision_record(
            actor=keeper,
            body_id=body.pk,
            title="W sprawie planu pracy" if months == 7 else "W sprawie harmonogramu prac",
            text_="Przyjmuje się dokument stanowiący załącznik do uchwały. (Dane demonstracyjne.)",
            adopted_on=day,
            meeting_id=meeting.pk,
        )
        if with_minutes:
            services.minutes_attach(
                actor=keeper,
                meeting_id=meeting.pk,
                upload=_pdf(f"Protokół — {body.name}", f"Posiedzenie z dnia {day:%d.%m.%Y}."),
            )
    coming = today + timedelta(days=21)
    services.meeting_schedule(
        actor=keeper,
        body_id=body.pk,
        data=services.MeetingData(
            title=f"Posiedzenie: {body.name}",
            starts_at=_at(coming, 10),
            ends_at=_at(coming, 12),
            online_url="https://spotkania.example.org/" + body.slug,
        ),
    )


def _products(keeper: Actor, officer: Actor, body: Body, products: list[tuple[str, str]]) -> None:
    for title, state in products:
        product = services.product_create(
            actor=keeper,
            body_id=body.pk,
            title=title,
            summary=f"{title}: dokument przygotowany przez {body.name}. (Dane demonstracyjne.)",
            upload=_pdf(title, "Wersja 1."),
            note="Pierwsza wersja",
        )
        if state == rules.DRAFT and body.name == DEMO_PARTNER_GROUP:  # returned: the partner's work
            services.product_submit(actor=keeper, product_id=product.pk)
            services.product_review(
                actor=officer,
                product_id=product.pk,
                approve=False,
                comment="Proszę uzupełnić standardy o sposób sprawdzania ich spełnienia.",
            )
            continue
        if state == rules.DRAFT:
            continue
        services.product_version_add(
            actor=keeper, product_id=product.pk, upload=_pdf(title, "Wersja 2."), note="Po konsultacjach"
        )
        services.product_submit(actor=keeper, product_id=product.pk)
        if state == rules.IN_REVIEW:
            continue
        services.product_review(actor=officer, product_id=product.pk, approve=True)
        if state == rules.PUBLISHED:
            services.product_publish(actor=officer, product_id=product.pk)


def _partner_leader(institutions: list[Institution]) -> tuple[User, Institution] | None:
    partner = User.objects.filter(email=demo_email(Role.PARTNER_STAFF), role=Role.PARTNER_STAFF).first()
    link = getattr(partner, "partner_institution_link", None) if partner else None
    if partner is None or link is None or link.institution not in institutions:
        return None
    return partner, link.institution


def _seed_partnership(officer: Actor, partnership: Partnership, today: date) -> Iterator[str]:
    institutions = sorted(
        Institution.objects.filter(
            memberships__partnership=partnership, memberships__status=domain.MEMBER
        ).distinct(),
        key=lambda i: i.pk,
    )
    if len(institutions) < 8:
        yield from ("skipped",) * len(BODIES[partnership.code])
        return
    people = _People()
    term_start = date(today.year - 1, 3, 1)
    for index, (kind, name, topic, per_year, products) in enumerate(BODIES[partnership.code]):
        body = services.body_create(
            actor=officer,
            partnership_id=partnership.pk,
            kind=kind,
            name=name,
            topic=topic,
            meetings_per_year=per_year,
            established_on=partnership.founded_on or date(2008, 6, 1),
        )
        keeper = officer
        if kind == rules.COUNCIL:
            first = services.term_add(
                actor=officer, body_id=body.pk, starts_on=date(term_start.year - 3, 3, 1)
            )
            services.term_add(actor=officer, body_id=body.pk, starts_on=term_start)
            for offset in range(4):  # the previous term's members
                seat = _seat(
                    officer,
                    body,
                    institutions[(offset * 5) % len(institutions)],
                    rules.MEMBER,
                    people,
                    first.starts_on,
                )
                services.member_leave(actor=officer, member_id=seat.pk, left_on=first.ends_on)
            for offset, function in enumerate(
                (rules.CHAIR, rules.DEPUTY, rules.SECRETARY, *[rules.MEMBER] * 5)
            ):
                _seat(
                    officer,
                    body,
                    institutions[(offset * 3 + 1) % len(institutions)],
                    function,
                    people,
                    term_start,
                )
        elif kind in rules.GROUPS:
            lead = _partner_leader(institutions) if name == DEMO_PARTNER_GROUP else None
            start = today - timedelta(days=400)
            if lead is not None:
                user, institution = lead
                _seat(
                    officer,
                    body,
                    institution,
                    rules.LEADER,
                    people,
                    start,
                    first_name=user.first_name,
                    last_name=user.last_name,
                    email=user.email,
                )
                keeper = Actor.of(user)
            else:
                _seat(
                    officer, body, institutions[(index * 7) % len(institutions)], rules.LEADER, people, start
                )
            for offset in range(4):
                function = rules.SECRETARY if offset == 0 else rules.MEMBER
                _seat(
                    officer,
                    body,
                    institutions[(index * 7 + offset + 2) % len(institutions)],
                    function,
                    people,
                    start,
                )
        elif kind == rules.OFFICE:
            _seat(officer, body, institutions[0], rules.CHAIR, people, date(today.year - 2, 1, 2))
            _seat(officer, body, institutions[0], rules.SECRETARY, people, date(today.year - 2, 1, 2))
        else:  # the general assembly: every partner sits in it; its chair is named
            _seat(officer, body, institutions[2], rules.CHAIR, people, date(today.year - 2, 6, 1))
        _meetings(keeper, body, today, minutes_of_last=keeper is officer)
        _products(keeper, officer, body, products)
        yield "body"


def seed(*, size: str) -> Iterator[str]:
    officer_user = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    partnerships = list(Partnership.objects.filter(code__in=BODIES).order_by("pk"))
    if officer_user is None or Body.objects.filter(partnership__in=partnerships).exists():
        yield from ("skipped",) * UNITS
        return
    today = timezone.localdate()
    for partnership in partnerships:
        yield from _seed_partnership(Actor.of(officer_user), partnership, today)
