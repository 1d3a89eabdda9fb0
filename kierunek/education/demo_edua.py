"""Demo of the funding sources, the career-orientation offer, the LOWE centres and the materials
library, made through the services where the demo people may act and marked as demo data:
~40 calls of made-up programmes of real kinds of funders, ~80 activities of the demo partners with
bookings by the demo director, the Wieliczka gmina staff and the other member gminas, the gminas'
yearly plans and teacher-development budgets with spending, the guidelines v1 and v2 with centres
and their events, and materials in every state of review. A second run adds nothing."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.events.services.events import EventData, event_create
from kierunek.geo.models import Gmina
from kierunek.partnership.models import Institution

from . import domain_funding
from .models import School
from .models_career import CareerActivity, CareerBooking, CareerPlan
from .models_funding import BudgetLine, BudgetSpending, DevelopmentBudget, DevelopmentForm, FundingSource
from .selectors import member_gminas, metropolis_main
from .services import career as career_services
from .services import centres as centre_services
from .services import funding as funding_services
from .services import materials as material_services

STEPS = 6
WIELICZKA = "1219053"

FUNDERS = [
    ("Fundacja Rozwoju Systemu Edukacji", "Erasmus+ Edukacja szkolna"),
    ("Ministerstwo Edukacji Narodowej", "Program Aktywna Tablica"),
    ("Województwo Małopolskie", "Fundusze Europejskie dla Małopolski 2021-2027"),
    ("Narodowa Agencja Wymiany Akademickiej", "Program Doskonali w Nauce"),
    ("Fundacja Orange", "Lekcja:Enter"),
    ("Polsko-Amerykańska Fundacja Wolności", "Szkoła Ucząca Się"),
    ("Ośrodek Rozwoju Edukacji", "Sieci współpracy i samokształcenia"),
    ("Małopolskie Centrum Doskonalenia Nauczycieli", "Wsparcie szkół w rozwoju"),
]
TOPICS = [
    ("Kursy doskonalące z kompetencji cyfrowych", ("training",), ("teacher", "school")),
    ("Studia podyplomowe z doradztwa zawodowego", ("postgraduate",), ("teacher",)),
    ("Wspomaganie szkół w rozwoju", ("advisory", "training"), ("school", "gmina")),
    ("Sieci współpracy dyrektorów szkół", ("networks",), ("school", "gmina")),
    ("Materiały dydaktyczne do nauczania przedmiotów ścisłych", ("materials",), ("school", "teacher")),
    ("Mobilność kadry edukacji", ("training",), ("school",)),
    ("Doradztwo metodyczne dla nauczycieli języków obcych", ("advisory",), ("teacher",)),
    ("Edukacja włączająca: szkolenia rad pedagogicznych", ("training", "advisory"), ("school", "gmina")),
    ("Kwalifikacje do nauczania drugiego przedmiotu", ("postgraduate",), ("teacher", "gmina")),
    ("Pracownie i pomoce dla doradztwa zawodowego", ("materials", "advisory"), ("gmina",)),
]
ACTIVITIES = [
    ("workshop", "Warsztaty: jak zostać programistą", "primary", 7, 8),
    ("workplace_visit", "Dzień otwarty w zakładzie produkcyjnym", "primary", 7, 8),
    ("job_shadowing", "Dzień z mechatronikiem", "secondary", 2, 4),
    ("talk", "Rozmowa z absolwentem: zawody medyczne", "secondary", 3, 5),
    ("workshop", "Laboratorium młodego inżyniera", "primary", 5, 8),
    ("workplace_visit", "Wizyta w centrum usług wspólnych", "secondary", 1, 4),
    ("talk", "Zawody przyszłości na rynku pracy Małopolski", "primary", 6, 8),
    ("workshop", "Warsztaty kulinarne z technikum gastronomicznym", "primary", 7, 8),
]
MATERIALS = [
    ("Scenariusz lekcji: mapa zawodów", "doradztwo zawodowe", "teachers", "primary", 7, 8),
    ("Karty pracy: ułamki w kuchni", "matematyka", "pupils", "primary", 4, 5),
    (
        "Poradnik dla rodziców: wybór szkoły ponadpodstawowej",
        "doradztwo zawodowe",
        "parents",
        "primary",
        8,
        8,
    ),
    ("Zestaw doświadczeń z fizyki", "fizyka", "teachers", "secondary", 1, 2),
    ("Program zajęć z kompetencji cyfrowych", "informatyka", "teachers", "primary", 4, 8),
    ("Jak prowadzić ewaluację wewnętrzną", "zarządzanie szkołą", "directors", "primary", 1, 8),
    ("Gra edukacyjna: zawody w regionie", "doradztwo zawodowe", "pupils", "secondary", 1, 3),
    ("Lekcje o klimacie: materiały do projektu", "geografia", "teachers", "secondary", 1, 4),
]
CENTRES = [
    ("1219053", "Lokalny Ośrodek Wiedzy i Edukacji w Wieliczce", "active"),
    ("1219043", "LOWE Niepołomice", "active"),
    ("1206113", "LOWE Skawina", "active"),
    ("1206162", "LOWE Zabierzów", "planned"),
    ("1261011", "LOWE Kraków Nowa Huta", "active"),
    ("1206082", "LOWE Michałowice", "suspended"),
]


def planned(size: str) -> int:
    return STEPS


def _user(role: str) -> User | None:
    return User.objects.filter(email=demo_email(role), role=role).first()


def _funding(metropolis_staff: User, rng: random.Random, today: date) -> None:
    actor = Actor.of(metropolis_staff)
    for n in range(40):
        funder, programme = FUNDERS[n % len(FUNDERS)]
        title, purposes, applicants = TOPICS[n % len(TOPICS)]
        opens = today + timedelta(days=rng.randint(-200, 40))
        deadline = opens + timedelta(days=rng.choice([30, 45, 60, 90, 120]))
        amount_max = rng.choice([20_000, 50_000, 100_000, 250_000, 500_000]) * 100
        funding_services.funding_source_create(
            actor=actor,
            data=funding_services.FundingSourceData(
                funder=funder,
                programme=programme,
                title=f"{title} ({n // len(TOPICS) + 1}. nabór)",
                description="Przykładowy nabór w danych demonstracyjnych; kwoty i terminy są zmyślone.",
                purposes=purposes,
                applicants=applicants,
                amount_min=amount_max // 10,
                amount_max=amount_max,
                cofinancing_percent=rng.choice([70, 85, 95, 100]),
                opens_on=opens,
                deadline=deadline,
                url="https://example.org/nabory",
            ),
            is_demo=True,
        )


def _schools_by_gmina() -> dict[int, list[School]]:
    found: dict[int, list[School]] = {}
    for school in School.objects.filter(is_demo=True).order_by("pk"):
        found.setdefault(school.gmina_id, []).append(school)
    return found


def _book_directly(activity: CareerActivity, school: School, grade: int, pupils: int) -> None:
    """A booking of a member gmina that has no demo account: written as the service would."""
    CareerActivity.objects.filter(pk=activity.pk).update(places_taken=F("places_taken") + pupils)
    level = "secondary" if school.is_upper_secondary else "primary"
    CareerBooking.objects.create(
        activity=activity,
        school=school,
        gmina=school.gmina,
        level=level,
        grade=grade,
        pupils=pupils,
        is_demo=True,
    )


def _career(metropolis_staff: User, rng: random.Random, today: date) -> None:
    metropolis = metropolis_main()
    gminas = member_gminas(metropolis=metropolis) if metropolis else []
    institutions = list(Institution.objects.filter(is_demo=True).order_by("pk")[:12]) or list(
        Institution.objects.order_by("pk")[:12]
    )
    if not gminas or not institutions:
        return
    actor = Actor.of(metropolis_staff)
    schools = _schools_by_gmina()
    director = _user(Role.SCHOOL_DIRECTOR)
    gmina_staff = _user(Role.GMINA_STAFF)
    wieliczka = next((g for g in gminas if g.teryt == WIELICZKA), None)
    for n in range(80):
        kind, title, level, grade_from, grade_to = ACTIVITIES[n % len(ACTIVITIES)]
        gmina = wieliczka if n % 5 == 0 and wieliczka else gminas[n % len(gminas)]
        held_on = today + timedelta(days=rng.randint(-150, 120))
        activity = career_services.career_activity_publish(
            actor=actor,
            data=career_services.ActivityData(
                title=title,
                kind=kind,
                description="Zajęcia przykładowe w danych demonstracyjnych.",
                level=level,
                grade_from=grade_from,
                grade_to=grade_to,
                gmina_id=gmina.pk,
                held_on=held_on,
                places=rng.choice([20, 25, 30, 50, 60]),
                institution_id=institutions[n % len(institutions)].pk,
            ),
            is_demo=True,
        )
        if rng.random() < 0.3:
            continue  # not booked yet
        fitting = [s for s in schools.get(gmina.pk, []) if (level == "secondary") == s.is_upper_secondary]
        for school in fitting[:2]:
            grade = rng.randint(grade_from, grade_to)
            pupils = min(rng.randint(12, 26), activity.places - activity.places_taken)
            if pupils <= 0:
                break
            booker = None
            if gmina_staff is not None and gmina.teryt == WIELICZKA:
                booker = gmina_staff
            elif director is not None and school.staff.filter(user=director).exists():
                booker = director
            if booker is not None:
                career_services.career_activity_book(
                    actor=Actor.of(booker),
                    activity_id=activity.pk,
                    school_id=school.pk,
                    grade=grade,
                    pupils=pupils,
                    today=min(today, held_on),
                )
            else:
                _book_directly(activity, school, grade, pupils)
            activity.refresh_from_db()
    for gmina in gminas:
        CareerPlan.objects.get_or_create(
            gmina=gmina,
            year=today.year,
            defaults={
                "planned_activities": rng.randint(4, 12),
                "planned_pupils": rng.randint(150, 600),
                "priorities": "Zawody deficytowe w regionie; klasy 7 i 8.",
                "is_demo": True,
            },
        )


def _budgets(rng: random.Random, today: date) -> None:
    metropolis = metropolis_main()
    gminas = member_gminas(metropolis=metropolis) if metropolis else []
    forms = list(DevelopmentForm.values)
    for gmina in gminas:
        salaries = rng.randint(20, 400) * 1_000_000_00 if gmina.teryt != "1261011" else 3_500_000_000_00
        minimum = domain_funding.budget_minimum(salaries)
        # Most gminas plan a little over the minimum; one stays below it, which the page shows.
        planned = (
            minimum * rng.choice([100, 105, 110, 120]) // 100
            if gmina.teryt != "1206152"
            else minimum * 9 // 10
        )
        budget = DevelopmentBudget.objects.create(
            gmina=gmina, year=today.year, planned_salaries=salaries, planned_amount=planned, is_demo=True
        )
        shares = {
            "courses": 40,
            "qualifying": 15,
            "postgraduate": 20,
            "advisory": 10,
            "conferences": 10,
            "networks": 5,
        }
        BudgetLine.objects.bulk_create(
            BudgetLine(budget=budget, form=form, planned=planned * share // 100)
            for form, share in shares.items()
        )
        for month in range(1, min(today.month, 11) + 1):
            form = forms[(month + len(gmina.name)) % len(forms)]
            BudgetSpending.objects.create(
                budget=budget,
                form=form,
                amount=max(planned // 24 + rng.randint(-1000, 1000) * 100, 100_00),
                spent_on=date(today.year, month, 15),
                description="Wydatek przykładowy (dane demonstracyjne)",
            )


def _centres(metropolis_staff: User, today: date) -> None:
    actor = Actor.of(metropolis_staff)
    centre_services.guidelines_publish(
        actor=actor,
        title="Wytyczne metropolitalne dla Lokalnych Ośrodków Wiedzy i Edukacji",
        body="1. Cel ośrodka.\n\n2. Organizacja i partnerzy.\n\n3. Oferta dla dorosłych.\n\n"
        "(Tekst przykładowy w danych demonstracyjnych.)",
        adopted_on=date(today.year - 2, 3, 1),
        published_on=date(today.year - 2, 3, 15),
        is_demo=True,
    )
    centre_services.guidelines_publish(
        actor=actor,
        title="Wytyczne metropolitalne dla Lokalnych Ośrodków Wiedzy i Edukacji",
        summary_of_changes="Dodano standard oferty cyfrowej i zasady współpracy z bibliotekami.",
        body="1. Cel ośrodka.\n\n2. Organizacja i partnerzy, w tym biblioteki.\n\n3. Oferta dla dorosłych, "
        "także cyfrowa.\n\n(Tekst przykładowy w danych demonstracyjnych.)",
        adopted_on=date(today.year - 1, 2, 1),
        published_on=date(today.year - 1, 2, 20),
        is_demo=True,
    )
    officer = _user(Role.OFFICER)
    for teryt, name, status in CENTRES:
        gmina = Gmina.objects.filter(teryt=teryt).first()
        if gmina is None:
            continue
        centre = centre_services.centre_register(
            actor=actor,
            gmina_id=gmina.pk,
            name=name,
            status=status,
            offer="Kursy komputerowe dla seniorów, kluby dyskusyjne, warsztaty dla rodziców, nauka języków.",
            address=f"{gmina.name}, ul. Szkolna 1",
            is_demo=True,
        )
        if status != "active" or officer is None:
            continue
        for week in (2, 5):
            starts = timezone.make_aware(datetime.combine(today + timedelta(weeks=week), time(17, 0)))
            event = event_create(
                actor=Actor.of(officer),
                data=EventData(
                    title=f"{name}: warsztaty kompetencji cyfrowych dla dorosłych",
                    kind="local_workshop",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    capacity=20,
                    gmina_teryt=teryt,
                    address=f"{gmina.name}, ul. Szkolna 1",
                    organiser_label=name,
                ),
            )
            centre_services.centre_event_link(actor=actor, centre_id=centre.pk, event_id=event.pk)


def _materials() -> None:
    uploaders = [
        u for u in (_user(Role.TEACHER), _user(Role.SCHOOL_DIRECTOR), _user(Role.TRAINING_CENTRE_STAFF)) if u
    ]
    reviewer = _user(Role.TRAINING_CENTRE_STAFF) or _user(Role.METROPOLIS_STAFF)
    if not uploaders or reviewer is None:
        return
    licences = ["cc_by", "cc_by_sa", "cc0", "cc_by_nc", "all_rights"]
    for n, (title, subject, audience, level, grade_from, grade_to) in enumerate(MATERIALS * 2):
        uploader = uploaders[n % len(uploaders)]
        material = material_services.material_submit(
            actor=Actor.of(uploader),
            data=material_services.MaterialData(
                title=title if n < len(MATERIALS) else f"{title} — część 2",
                description="Materiał przykładowy w danych demonstracyjnych.",
                licence=licences[n % len(licences)],
                audience=audience,
                subject=subject,
                level=level,
                grade_from=grade_from,
                grade_to=grade_to,
                author=uploader.get_full_name() or "Autor przykładowy",
                url=f"https://example.org/materialy/{n + 1}",
            ),
            is_demo=True,
        )
        if n < 12:
            material_services.material_review(
                actor=Actor.of(reviewer), material_id=material.pk, decision="publish"
            )
            material.refresh_from_db()
            type(material).objects.filter(pk=material.pk).update(downloads=(n * 7) % 40)
        elif n == 12:
            material_services.material_review(
                actor=Actor.of(reviewer),
                material_id=material.pk,
                decision="return",
                note="Proszę dodać źródła ilustracji.",
            )
        # the rest wait for review: the centre's work in the demo


def seed(*, size: str) -> Iterator[str]:
    metropolis_staff = _user(Role.METROPOLIS_STAFF)
    if metropolis_staff is None or FundingSource.objects.filter(is_demo=True).exists():
        yield from ("skipped",) * planned(size)
        return
    rng = random.Random(19)  # noqa: S311  (made-up demo figures, repeatable)
    today = timezone.localdate()
    with transaction.atomic():
        _funding(metropolis_staff, rng, today)
    yield "funding sources"
    teacher = _user(Role.TEACHER)
    if teacher is not None:
        funding_services.funding_subscription_save(
            actor=Actor.of(teacher), purposes=["training", "postgraduate"]
        )
    gmina_staff = _user(Role.GMINA_STAFF)
    if gmina_staff is not None:
        funding_services.funding_subscription_save(actor=Actor.of(gmina_staff), purposes=[])
    yield "funding alerts"
    with transaction.atomic():
        _career(metropolis_staff, rng, today)
    yield "career orientation"
    with transaction.atomic():
        _budgets(rng, today)
    yield "budgets"
    with transaction.atomic():
        _centres(metropolis_staff, today)
    yield "centres"
    with transaction.atomic():
        _materials()
    yield "materials"
