"""Demo recruitment: a generated metropolis-scale year (made up, marked as demo). Sixty upper-
secondary schools (the Metropolis' own demo schools and more, RSPO from 950001), their classes,
candidates with results by the rules (ability-driven exam percentages and grades, some exempt,
laureates, health problems and criteria), 3 to 10 ranked classes with skewed popularity, a full
run of both rounds (most qualified candidates confirm), and some requests for justification and
appeals. Last year's cut-offs come from a smaller year before it (for the "what-if" page).

``--size large`` seeds the full scale (about 15 000 candidates, 500 classes); ``small`` (what the
tests and ``make run`` use) a tenth of the candidates and classes, on the same sixty schools.

The demo candidate ranks first a popular class of the demo director's liceum, is placed at a lower
choice (with an explanation) and has asked that school's committee for a justification, which the
demo director has to answer. A second run adds nothing."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kierunek.accounts.demo import (
    DEMO_DOMAIN,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    LAST_NAMES,
    demo_email,
    make_pesel,
)
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.pii import pesel_lookup_hash
from kierunek.education.models import School, SchoolFunction, SchoolStaff, SchoolType
from kierunek.education.selectors import metropolis_main

from . import domain
from .audit_actions import INTENT_CONFIRMED, LISTS_PUBLISHED, YEAR_SAVED
from .models import (
    Appeal,
    Application,
    ApplicationStatus,
    ClassRound,
    CommitteeMember,
    Guardian,
    Placement,
    PlacementStatus,
    Preference,
    RecruitmentYear,
    Round,
    SchoolClass,
    YearStatus,
)
from .services.rounds import year_match_main, year_match_supplementary, year_publish_admitted

YEAR = 2026
SCHOOLS = 60
SCALE = {"small": (1_500, 60), "large": (15_000, 500)}  # candidates, classes
DEMO_RSPO = 950_001
SYSTEM = Actor()
PROFILES = [
    ("matematyczno-fizyczny", "physics", "informatics"),
    ("biologiczno-chemiczny", "biology", "chemistry"),
    ("humanistyczny", "history", "foreign_language"),
    ("językowy", "foreign_language", "geography"),
    ("geograficzny", "geography", "foreign_language"),
    ("informatyczny", "informatics", "physics"),
    ("prawniczy", "history", "civics"),
    ("technik programista", "informatics", "foreign_language"),
    ("technik mechatronik", "physics", "informatics"),
    ("technik hotelarstwa", "geography", "foreign_language"),
]
SCHOOL_NAMES = [
    (SchoolType.GENERAL_SECONDARY, "Liceum Ogólnokształcące nr {n}"),
    (SchoolType.TECHNICAL, "Technikum nr {n}"),
    (SchoolType.VOCATIONAL_1, "Branżowa Szkoła I Stopnia nr {n}"),
]


def planned(size: str) -> int:
    return 6


def _schools(rng: random.Random) -> list[School]:
    """The Metropolis' upper-secondary demo schools, and made-up ones up to sixty."""
    metropolis = metropolis_main()
    gminas = list(metropolis.members.select_related("gmina")) if metropolis else []
    have = list(School.objects.filter(type__in=[t for t, _ in SCHOOL_NAMES], is_active=True).order_by("rspo"))
    made = []
    for number in range(SCHOOLS - len(have)):
        school_type, pattern = SCHOOL_NAMES[number % len(SCHOOL_NAMES)]
        gmina = gminas[0 if number % 2 == 0 else rng.randrange(len(gminas))].gmina if gminas else None
        if gmina is None:
            break
        made.append(
            School(
                rspo=DEMO_RSPO + number,
                name=pattern.format(n=number + 10),
                type=school_type,
                gmina=gmina,
                town=gmina.name,
                is_demo=True,
            )
        )
    School.objects.bulk_create(made)
    return have + list(
        School.objects.filter(rspo__gte=DEMO_RSPO, rspo__lt=DEMO_RSPO + SCHOOLS).order_by("rspo")
    )


def _timetable(year: int, **extra: object) -> RecruitmentYear:
    return RecruitmentYear.objects.create(
        year=year,
        lottery_seed=f"demo-{year}-seed",
        applications_from=date(year, 5, 12),
        applications_until=date(year, 6, 16),
        documents_until=date(year, 6, 18),
        aptitude_until=date(year, 6, 25),
        results_until=date(year, 7, 8),
        qualified_on=date(year, 7, 15),
        confirm_until=date(year, 7, 22),
        admitted_on=date(year, 7, 23),
        supplementary_until=date(year, 7, 30),
        supplementary_admitted_on=date(year, 8, 20),
        is_demo=True,
        **extra,
    )


def _classes(
    rng: random.Random, year: RecruitmentYear, schools: list[School], count: int
) -> list[SchoolClass]:
    rows = []
    for index in range(count):
        school = schools[index % len(schools)]
        number = index // len(schools)
        name, first, second = PROFILES[(index * 7 + number) % len(PROFILES)]
        rows.append(
            SchoolClass(
                year=year,
                school=school,
                code=f"1{chr(ord('A') + number)}",
                profile=name,
                capacity=rng.choice([24, 26, 28, 30, 32, 34]),
                subject_1=first,
                subject_2=second,
                languages="angielski, niemiecki",
                vocation=name if name.startswith("technik") else "",
                aptitude_test=index % 97 == 13,
            )
        )
    return SchoolClass.objects.bulk_create(rows)


def _results(rng: random.Random, ability: float) -> dict[str, object]:
    def percent() -> int:
        return max(0, min(100, round(62 + 20 * ability + rng.gauss(0, 10))))

    def grade() -> int:
        return max(2, min(6, round(4.2 + 0.9 * ability + rng.gauss(0, 0.6))))

    exempt = rng.random() < 0.01
    grades = {code: grade() for code in ("polish", "maths", *sorted(domain.SUBJECT_CODES))}
    return {
        "exam_polish": None if exempt else percent(),
        "exam_maths": None if exempt else percent(),
        "exam_language": None if exempt else percent(),
        "grades": grades,
        "distinction": ability > 1.2 and rng.random() < 0.7,
        "contests": rng.choice([0, 0, 0, 0, 300, 500, 1000]) if ability > 0.5 else 0,
        "volunteering": rng.random() < 0.2,
        "results_in": True,
    }


def _candidates(rng: random.Random, year: RecruitmentYear, count: int) -> list[Application]:
    password = make_password(None)
    users = []
    people = []
    for number in range(1, count + 1):
        female = rng.random() < 0.5
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        if last.endswith("sk"):
            last += "a" if female else "i"
        pesel = make_pesel(
            rng, born=date(2011, 1, 1).replace(day=1 + number % 28, month=1 + number % 12), female=female
        )
        users.append(
            User(
                email=f"kandydat{number:05d}@{DEMO_DOMAIN}",
                role=Role.CANDIDATE,
                first_name=first,
                last_name=last,
                password=password,
            )
        )
        people.append((first, last, pesel))
    users = User.objects.bulk_create(users, batch_size=2000)
    applications = []
    for user, (first, last, pesel) in zip(users, people, strict=True):
        ability = rng.gauss(0, 1)
        applications.append(
            Application(
                year=year,
                candidate=user,
                first_name=first,
                last_name=last,
                pesel=pesel,
                pesel_hash=pesel_lookup_hash(pesel),
                status=ApplicationStatus.VERIFIED,
                laureate=rng.random() < 0.01,
                health=rng.random() < 0.02,
                large_family=rng.random() < 0.08,
                single_parent=rng.random() < 0.05,
                disabled_sibling=rng.random() < 0.01,
                is_demo=True,
                **_results(rng, ability),
            )
        )
    return Application.objects.bulk_create(applications, batch_size=2000)


def _preferences(
    rng: random.Random, applications: list[Application], classes: list[SchoolClass], round_: str
) -> None:
    # Skewed popularity: a class's weight falls with its place in a shuffled order (Zipf-like).
    order = classes[:]
    rng.shuffle(order)
    weights = [1 / math.pow(i + 1, 0.8) for i in range(len(order))]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    rows = []
    for application in applications:
        wanted = rng.randint(3, min(10, len(order)))
        chosen: list[SchoolClass] = []
        while len(chosen) < wanted:
            pick = order[_bisect(cumulative, rng.random() * total)]
            if pick not in chosen:
                chosen.append(pick)
        for rank, school_class in enumerate(chosen, start=1):
            passed = None if not school_class.aptitude_test else rng.random() < 0.7
            rows.append(
                Preference(
                    application=application,
                    round=round_,
                    rank=rank,
                    school_class=school_class,
                    aptitude_passed=passed,
                )
            )
    Preference.objects.bulk_create(rows, batch_size=5000)


def _bisect(cumulative: list[float], value: float) -> int:
    low, high = 0, len(cumulative) - 1
    while low < high:
        middle = (low + high) // 2
        if cumulative[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low


def seed(*, size: str) -> Iterator[str]:
    if RecruitmentYear.objects.filter(year=YEAR).exists():
        yield from ("skipped",) * planned(size)
        return
    rng = random.Random(YEAR)  # noqa: S311 - fixed seed: the same demo year every run
    count, class_count = SCALE[size]
    with transaction.atomic():
        schools = _schools(rng)
        previous = _timetable(YEAR - 1, status=YearStatus.CLOSED)
        last_classes = _classes(rng, previous, schools, class_count)
        ClassRound.objects.bulk_create(
            ClassRound(
                school_class=c,
                round=Round.MAIN,
                lowest_points=rng.randint(9000, 17500),
                free_seats=0,
            )
            for c in last_classes
        )
        year = _timetable(YEAR)
        audit_record(action=YEAR_SAVED, actor=SYSTEM, obj=year, details={"demo": True})
        classes = _classes(rng, year, schools, class_count)
    yield "classes"
    with transaction.atomic():
        applications = _candidates(rng, year, count)
        for application in applications[:: max(1, count // 200)]:
            Guardian.objects.create(
                application=application, first_name="Anna", last_name=application.last_name
            )
        _preferences(rng, applications, classes, Round.MAIN)
        demo = _demo_candidate(rng, year, classes)
    yield "candidates"
    with transaction.atomic():
        _committee(year)
        year_match_main(actor=SYSTEM, year=year)
        _lists_published(year, Round.MAIN)
    yield "main round"
    with transaction.atomic():
        # Made up: most qualified candidates confirm their intent (one record for the demo run).
        placements = Placement.objects.filter(
            application__year=year, round=Round.MAIN, status=PlacementStatus.QUALIFIED
        )
        lapsing = set(
            placements.order_by("?").values_list("pk", flat=True)[: max(1, placements.count() // 12)]
        )
        confirmed = placements.exclude(pk__in=lapsing).filter().update(status=PlacementStatus.CONFIRMED)
        Placement.objects.filter(application=demo, round=Round.MAIN).update(status=PlacementStatus.CONFIRMED)
        audit_record(
            action=INTENT_CONFIRMED, actor=SYSTEM, obj=year, details={"demo": True, "count": confirmed}
        )
        year_publish_admitted(actor=SYSTEM, year=year)
    yield "admitted"
    with transaction.atomic():
        again = list(
            Application.objects.filter(year=year)
            .exclude(placements__status=PlacementStatus.ADMITTED)
            .order_by("pk")
        )
        keepers = list(
            Application.objects.filter(year=year, placements__status=PlacementStatus.ADMITTED)
            .exclude(pk=demo.pk)
            .order_by("pk")[: count // 20]
        )
        _preferences(rng, again + keepers, classes, Round.SUPPLEMENTARY)
        year_match_supplementary(actor=SYSTEM, year=year)
        _lists_published(year, Round.SUPPLEMENTARY)
    yield "supplementary round"
    with transaction.atomic():
        _appeals(rng, year, demo)
    yield "appeals"


def _demo_candidate(rng: random.Random, year: RecruitmentYear, classes: list[SchoolClass]) -> Application:
    """The demo candidate: first choice a class of the demo director's liceum, made the most
    wanted class of the year by a crowd of strong candidates ranking it first."""
    user = User.objects.filter(email=demo_email(Role.CANDIDATE)).first()
    director = User.objects.filter(email=demo_email(Role.SCHOOL_DIRECTOR)).first()
    post = (
        SchoolStaff.objects.filter(user=director, function=SchoolFunction.DIRECTOR).first()
        if director
        else None
    )
    top = next((c for c in classes if post and c.school_id == post.school_id), classes[0])
    others = [c for c in classes if c.pk != top.pk and not c.aptitude_test]
    if user is None:
        user = User.objects.create(
            email=demo_email(Role.CANDIDATE), role=Role.CANDIDATE, first_name="Kacper", last_name="Kandydat"
        )
    pesel = make_pesel(rng, born=date(2011, 4, 2), female=False)
    application = Application.objects.create(
        year=year,
        candidate=user,
        first_name=user.first_name or "Kacper",
        last_name=user.last_name or "Kandydat",
        pesel=pesel,
        pesel_hash=pesel_lookup_hash(pesel),
        status=ApplicationStatus.VERIFIED,
        is_demo=True,
        large_family=True,
        **_results(random.Random(7), 0.3),  # noqa: S311
    )
    Guardian.objects.create(
        application=application,
        first_name="Agnieszka",
        last_name=application.last_name,
        email=f"opiekun@{DEMO_DOMAIN}",
    )
    chosen = [top, *rng.sample(others, 4)]
    Preference.objects.bulk_create(
        Preference(application=application, round=Round.MAIN, rank=rank, school_class=c)
        for rank, c in enumerate(chosen, 1)
    )
    # The crowd: strong candidates ranking the class first, so it fills above the demo candidate.
    crowd = list(
        Application.objects.filter(year=year, exam_maths__isnull=False)
        .exclude(pk=application.pk)
        .order_by("-exam_maths", "pk")[: top.capacity * 2]
    )
    Preference.objects.filter(application__in=crowd, round=Round.MAIN, school_class=top).delete()
    Preference.objects.bulk_create(
        Preference(application=a, round=Round.MAIN, rank=0, school_class=top) for a in crowd
    )
    return application


def _lists_published(year: RecruitmentYear, round_: str) -> None:
    """Every school's committee publishes the round's lists on the day (one record for the demo
    run), so the demo candidate sees the lists of the classes they ranked."""
    count = ClassRound.objects.filter(
        school_class__year=year, round=round_, published_at__isnull=True
    ).update(published_at=timezone.now())
    audit_record(
        action=LISTS_PUBLISHED,
        actor=SYSTEM,
        obj=year,
        details={"demo": True, "round": round_, "lists": count},
    )


def _committee(year: RecruitmentYear) -> None:
    """Each director's school: the director chairs the committee, with the school's teachers.
    The demo teacher also teaches at the demo director's liceum and sits on its committee, so
    that login has the committee's work: the justifications the liceum's refused candidates ask
    for."""
    director = User.objects.filter(email=demo_email(Role.SCHOOL_DIRECTOR)).first()
    teacher = User.objects.filter(email=demo_email(Role.TEACHER)).first()
    liceum = SchoolStaff.objects.filter(
        user=director, function=SchoolFunction.DIRECTOR, until__isnull=True
    ).first()
    if teacher is not None and liceum is not None:
        SchoolStaff.objects.get_or_create(
            user=teacher,
            school=liceum.school,
            function=SchoolFunction.TEACHER,
            until=None,
            defaults={"subjects": "matematyka", "since": date(2023, 9, 1)},
        )
    for post in SchoolStaff.objects.filter(function=SchoolFunction.DIRECTOR, until__isnull=True):
        CommitteeMember.objects.get_or_create(year=year, staff=post, defaults={"chair": True})
        teachers = SchoolStaff.objects.filter(
            school=post.school, function=SchoolFunction.TEACHER, until__isnull=True
        ).order_by("pk")
        for member in [*teachers.filter(user=teacher)[:1], *teachers.exclude(user=teacher)[:2]]:
            CommitteeMember.objects.get_or_create(year=year, staff=member)


def _appeals(rng: random.Random, year: RecruitmentYear, demo: Application) -> None:
    """Some candidates ask for a justification; the demo candidate at their first choice."""
    first = demo.preferences.filter(round=Round.MAIN, rank=1).select_related("school_class").first()
    placed = (
        Placement.objects.filter(application=demo, round=Round.MAIN)
        .values_list("school_class_id", flat=True)
        .first()
    )
    if first is not None and first.school_class_id != placed:
        Appeal.objects.get_or_create(
            application=demo, school_class=first.school_class, defaults={"requested_on": year.admitted_on}
        )
    refused = list(
        Preference.objects.filter(application__year=year, round=Round.MAIN, rank=1)
        .exclude(application=demo)
        .exclude(application__placements__choice=1)
        .values_list("application_id", "school_class_id")[:40]
    )
    for app_id, class_id in rng.sample(refused, min(20, len(refused))):
        Appeal.objects.get_or_create(
            application_id=app_id, school_class_id=class_id, defaults={"requested_on": year.admitted_on}
        )
