"""About 2 000 demo service cards over the approved demo providers: every category, places near
each provider (and some remote), dates over the coming months, realistic prices and hours.

Seed data is written in bulk (like test factories), with the same values the services compute
(dedupe keys, dates from sessions) and then indexed for search."""

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN
from kierunek.core.actor import Actor
from kierunek.geo.domain import distance_km
from kierunek.geo.models import Gmina
from kierunek.providers.models import Provider, ProviderMember, ProviderStatus

from . import bur, import_jobs
from .domain import HoursRules, dedupe_key
from .hooks import hours_rules_source
from .models import Category, ServiceCard, ServiceSession
from .search import cards_index_bulk

CARDS = {"small": 2000, "large": 10000}
DEMO_PROVIDER_STAFF = f"dostawca@{DEMO_DOMAIN}"
BUR_EXAMPLE_NAME = "przyklad-bur.json"
BATCH = 100

# category code -> (titles, hours range, gross price per hour in złoty range, service type)
OFFER: dict[str, tuple[list[str], tuple[int, int], tuple[int, int], str]] = {
    "languages_english": (
        [
            "Język angielski A2 — kurs ogólny",
            "Język angielski B1 — kurs konwersacyjny",
            "Angielski w biznesie B2",
            "Język angielski dla początkujących",
        ],
        (30, 60),
        (25, 45),
        "training",
    ),
    "languages_german": (
        ["Język niemiecki A1 od podstaw", "Niemiecki zawodowy dla opiekunów", "Język niemiecki B1"],
        (30, 60),
        (25, 45),
        "training",
    ),
    "languages_other": (
        ["Język hiszpański A1", "Język włoski dla początkujących", "Język francuski A2"],
        (30, 50),
        (25, 45),
        "training",
    ),
    "languages_polish": (
        ["Język polski dla cudzoziemców A2", "Polski w pracy — kurs dla obcokrajowców"],
        (30, 60),
        (20, 40),
        "training",
    ),
    "it_programming": (
        [
            "Kurs programowania w Pythonie",
            "Programowanie w JavaScript od podstaw",
            "Tworzenie stron internetowych HTML i CSS",
            "Java dla początkujących",
        ],
        (40, 120),
        (40, 80),
        "training",
    ),
    "it_office": (
        [
            "Excel w pracy biurowej — poziom średniozaawansowany",
            "Excel zaawansowany: tabele przestawne i makra",
            "Pakiet biurowy dla administracji",
        ],
        (16, 40),
        (40, 70),
        "training",
    ),
    "it_graphics": (
        ["Grafika komputerowa z Photoshopem", "Projektowanie graficzne w Canvie i Illustratorze"],
        (24, 60),
        (40, 80),
        "training",
    ),
    "it_data": (
        ["Analiza danych w Power BI", "Podstawy analizy danych w Pythonie i SQL"],
        (24, 60),
        (50, 90),
        "training",
    ),
    "it_security": (
        ["Cyberbezpieczeństwo w małej firmie", "Bezpieczna praca z komputerem i RODO"],
        (8, 24),
        (50, 90),
        "training",
    ),
    "driving_a": (["Kurs prawa jazdy kategorii A"], (20, 20), (90, 130), "training"),
    "driving_b": (
        ["Kurs prawa jazdy kategorii B", "Prawo jazdy kat. B — kurs przyspieszony"],
        (60, 60),
        (50, 70),
        "training",
    ),
    "driving_c": (
        ["Kurs prawa jazdy kategorii C", "Prawo jazdy kat. C z kwalifikacją wstępną"],
        (50, 60),
        (70, 110),
        "training",
    ),
    "driving_ce": (["Kurs prawa jazdy kategorii C+E"], (45, 45), (70, 110), "training"),
    "driving_d": (["Kurs prawa jazdy kategorii D"], (60, 60), (70, 110), "training"),
    "management_projects": (
        ["Zarządzanie projektami PRINCE2 Foundation", "Zarządzanie projektami zwinnymi (Scrum)"],
        (16, 32),
        (60, 120),
        "training",
    ),
    "management_hr": (
        ["Rekrutacja i selekcja pracowników", "Prawo pracy w praktyce kadrowej"],
        (8, 24),
        (50, 100),
        "training",
    ),
    "management_leadership": (
        ["Przywództwo dla nowych kierowników", "Zarządzanie zespołem rozproszonym"],
        (16, 32),
        (60, 120),
        "training",
    ),
    "finance_accounting": (
        [
            "Księgowość dla początkujących",
            "Księgowość małej firmy z programem Symfonia",
            "Samodzielny księgowy — kurs zawodowy",
        ],
        (40, 120),
        (30, 60),
        "training",
    ),
    "finance_payroll": (
        ["Kadry i płace od podstaw", "Kadry i płace z obsługą programu Płatnik"],
        (40, 80),
        (30, 60),
        "training",
    ),
    "finance_tax": (
        ["Podatek VAT w praktyce", "Podatki dla jednoosobowej działalności gospodarczej"],
        (8, 16),
        (50, 100),
        "training",
    ),
    "technical_welding": (
        ["Spawanie metodą MIG/MAG", "Spawanie metodą TIG", "Spawacz blach i rur spoinami pachwinowymi"],
        (80, 150),
        (30, 55),
        "training",
    ),
    "technical_electrical": (
        ["Uprawnienia SEP do 1 kV z egzaminem", "Uprawnienia elektryczne G1 — eksploatacja"],
        (8, 16),
        (40, 80),
        "training",
    ),
    "technical_forklift": (
        ["Operator wózka widłowego z egzaminem UDT", "Operator podestów ruchomych (UDT)"],
        (30, 67),
        (20, 40),
        "training",
    ),
    "technical_machines": (
        ["Operator obrabiarek CNC", "Programowanie obrabiarek CNC"],
        (60, 120),
        (35, 60),
        "training",
    ),
    "technical_construction": (
        ["Glazurnik — układanie płytek", "Monter suchej zabudowy"],
        (60, 120),
        (25, 45),
        "training",
    ),
    "care_elderly": (
        ["Opiekun osoby starszej", "Opieka nad osobą niesamodzielną w domu"],
        (60, 120),
        (20, 35),
        "training",
    ),
    "care_first_aid": (
        ["Kwalifikowana pierwsza pomoc", "Pierwsza pomoc w miejscu pracy"],
        (8, 66),
        (20, 40),
        "training",
    ),
    "care_beauty": (
        ["Stylizacja paznokci", "Fryzjerstwo — strzyżenie męskie (barber)"],
        (24, 80),
        (30, 60),
        "training",
    ),
    "soft_communication": (
        ["Komunikacja interpersonalna w pracy", "Wystąpienia publiczne i autoprezentacja"],
        (8, 16),
        (50, 100),
        "training",
    ),
    "soft_negotiation": (
        ["Negocjacje handlowe", "Techniki sprzedaży i obsługa klienta"],
        (8, 16),
        (50, 100),
        "training",
    ),
    "soft_self_management": (
        ["Zarządzanie sobą w czasie", "Radzenie sobie ze stresem w pracy"],
        (6, 12),
        (50, 90),
        "advisory",
    ),
    "general_secondary": (
        ["Przygotowanie do matury z matematyki", "Przygotowanie do matury z języka angielskiego"],
        (40, 80),
        (30, 50),
        "training",
    ),
    "general_digital_basics": (
        ["Komputer i internet dla początkujących 50+", "Bankowość elektroniczna i e-urząd"],
        (16, 30),
        (20, 35),
        "training",
    ),
    "exams_language": (
        ["Egzamin TELC z języka angielskiego B1", "Egzamin Goethe-Zertifikat A2"],
        (2, 4),
        (100, 250),
        "exam",
    ),
    "exams_it": (
        ["Egzamin ECDL/ICDL — moduł arkusze kalkulacyjne", "Certyfikat ICDL Base"],
        (1, 2),
        (150, 300),
        "exam",
    ),
    "exams_professional": (
        ["Egzamin potwierdzający kwalifikacje w zawodzie", "Walidacja kwalifikacji rynkowej"],
        (2, 6),
        (80, 200),
        "exam",
    ),
}
FORMS = ["in_person"] * 6 + ["remote_live"] * 2 + ["blended_live", "remote_self_paced"]
STREETS = [
    "ul. Długa",
    "ul. Krakowska",
    "ul. Szkolna",
    "ul. Rynek",
    "ul. Mickiewicza",
    "ul. Kościuszki",
    "ul. Polna",
]


def planned(size: str) -> int:
    return CARDS[size] + 1  # the cards, and the demo provider's import of a BUR file


def seed(*, size: str) -> Iterator[str]:
    yield from _cards(size=size)
    _bur_import()
    yield "bur import"


def _bur_import() -> None:
    """The demo provider has imported the example file in BUR's layout (fixtures/bur_example.json):
    an import on its import page, and three drafts to check and publish. Once."""
    member = (
        ProviderMember.objects.filter(user__email=DEMO_PROVIDER_STAFF)
        .select_related("provider", "user")
        .first()
    )
    if member is None or member.provider.import_jobs.filter(filename=BUR_EXAMPLE_NAME).exists():
        return
    job = import_jobs.import_job_create(
        provider=member.provider,
        actor=Actor.of(member.user),
        content=bur.example_file(today=timezone.localdate()).encode(),
        filename=BUR_EXAMPLE_NAME,
    )
    import_jobs.import_job_run(job_id=job.pk)  # at once, whatever the task backend (a no-op if it ran)


def _cards(*, size: str) -> Iterator[str]:
    providers = list(
        Provider.objects.filter(status=ProviderStatus.APPROVED, email__endswith=f"@{DEMO_DOMAIN}")
        .select_related("gmina", "created_by")
        .order_by("pk")
    )
    existing = ServiceCard.objects.filter(provider__in=providers).count()
    if not providers or existing >= CARDS[size]:
        yield from ("card" for _ in range(CARDS[size]))
        return
    rng = random.Random(4)  # noqa: S311 - demo data, fixed
    categories = {c.code: c for c in Category.objects.filter(code__in=OFFER)}
    gminas = list(Gmina.objects.all())
    today = timezone.localdate()
    rules = hours_rules_source.on(today) or HoursRules()
    made = existing
    while made < CARDS[size]:
        with transaction.atomic():
            cards = [
                _card(rng, providers[(made + i) % len(providers)], categories, gminas, today, made + i, rules)
                for i in range(BATCH)
            ]
            created = ServiceCard.objects.bulk_create([card for card, _sessions in cards])
            ServiceSession.objects.bulk_create(
                [
                    session
                    for (card, sessions), saved in zip(cards, created, strict=True)
                    for session in _bind(sessions, saved)
                ]
            )
            cards_index_bulk(
                ServiceCard.objects.filter(pk__in=[c.pk for c in created]).select_related(
                    "category__parent", "provider", "gmina"
                )
            )
        for _card_made in created:
            made += 1
            yield "card"


def _bind(sessions: list[ServiceSession], card: ServiceCard) -> list[ServiceSession]:
    for session in sessions:
        session.card = card
    return sessions


def _near(rng: random.Random, origin: Gmina | None, gminas: list[Gmina]) -> Gmina:
    if origin is None:
        return rng.choice(gminas)
    close = [g for g in gminas if distance_km(origin.lat, origin.lon, g.lat, g.lon) <= 40]
    return origin if rng.random() < 0.6 else rng.choice(close or gminas)


def _meetings(hours: int, start: date, rules: HoursRules) -> list[tuple[date, time, time]]:
    """Sessions that give exactly ``hours`` under the programme's hours rule: at most 8 counted
    hours each (short ones in the evening), daily for up to three, weekly for up to ten, then
    two days a week (weekend studies)."""
    total = hours * rules.hour_minutes * 60
    count = -(-total // (8 * 3600))
    meetings = []
    for i in range(count):
        counted = total // count + (1 if i < total % count else 0)
        after = rules.break_after_minutes * 60
        length = counted + rules.break_minutes * 60 if counted > after else counted
        offset = i if count <= 3 else 7 * i if count <= 10 else 7 * (i // 2) + i % 2
        begin = datetime.combine(start + timedelta(days=offset), time(9 if counted > 4 * 3600 else 17))
        end = begin + timedelta(seconds=length)
        meetings.append((begin.date(), begin.time(), end.time()))
    return meetings


def _card(
    rng: random.Random,
    provider: Provider,
    categories: dict[str, Category],
    gminas: list[Gmina],
    today: date,
    number: int,
    rules: HoursRules,
) -> tuple[ServiceCard, list[ServiceSession]]:
    code = rng.choice(sorted(OFFER))
    titles, (hours_low, hours_high), (price_low, price_high), service_type = OFFER[code]
    title = rng.choice(titles)
    form = "in_person" if code.startswith(("driving", "technical", "care", "exams")) else rng.choice(FORMS)
    hours = rng.randint(hours_low, hours_high)
    gross = hours * rng.randint(price_low, price_high) * 100
    start = today + timedelta(days=rng.randint(10, 180))
    remote = form in ("remote_live", "remote_self_paced")
    gmina = None if remote else _near(rng, provider.gmina, gminas)
    street = "" if gmina is None else f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
    place = "https://spotkania.example/" + str(number) if remote else f"{street}, sala {rng.randint(1, 12)}"
    sessions = [
        ServiceSession(date=day, start_time=begin, end_time=end, place=place)
        for day, begin, end in _meetings(hours, start, rules)
    ]
    days = len(sessions)
    title = f"{title} ({start:%m}/{start:%Y})" if number % 3 else title
    ends = sessions[-1].date
    card = ServiceCard(
        provider=provider,
        title=title,
        category=categories[code],
        service_type=service_type,
        delivery_form=form,
        goal=f"Celem usługi jest zdobycie umiejętności: {title.lower()}.",
        learning_outcomes=(
            "Uczestnik zna podstawowe pojęcia, wykonuje typowe zadania samodzielnie i współpracuje w zespole."
        ),
        programme="; ".join(f"Spotkanie {i + 1}: zajęcia praktyczne" for i in range(days)),
        target_group="Osoby dorosłe mieszkające, pracujące lub uczące się w Małopolsce.",
        participation_conditions="Zgłoszenie przez system Kierunek.",
        technical_requirements="Komputer z dostępem do internetu, kamera i mikrofon."
        if form != "in_person"
        else "",
        hours=Decimal(hours),
        gmina=gmina,
        street=street,
        price_net=round(gross / 1.23) if rng.random() < 0.5 else gross,
        price_gross=gross,
        min_participants=rng.choice([1, 3, 5]),
        max_participants=rng.choice([8, 10, 12, 15, 20]),
        seats_taken=0,
        enrolment_deadline=start - timedelta(days=rng.choice([3, 5, 7])),
        starts_on=start,
        ends_on=ends,
        status="published",
        published_at=timezone.now(),
        rating_average=round(rng.uniform(3.2, 5.0), 1) if rng.random() < 0.7 else None,
        rating_count=0,
        dedupe_key=dedupe_key(
            title=title,
            starts_on=start,
            ends_on=ends,
            place=f"{gmina.teryt} {street}" if gmina else "remote:" + str(number),
        ),
        created_by=provider.created_by,
    )
    if card.rating_average is not None:
        card.rating_count = rng.randint(3, 40)
    return card, sessions
