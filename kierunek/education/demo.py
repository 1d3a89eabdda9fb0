"""Demo Metropolis: Metropolia Krakowska with its 15 member gminas, made-up schools in each (names
and RSPO numbers invented and marked as demo data), the demo director at a Kraków liceum and the
demo teacher at a primary school in Wieliczka. A second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db import transaction

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.geo.models import Gmina

from . import demo_diagnosis, demo_edua, demo_forum, demo_training
from .models import Metropolis, MetropolisMember, School, SchoolFunction, SchoolStaff, SchoolType

METROPOLIS_NAME = "Stowarzyszenie Metropolia Krakowska"
MEMBER_TERYTS = (
    "1261011",  # Kraków
    "1206012",  # Czernichów
    "1206022",  # Igołomia-Wawrzeńczyce
    "1206052",  # Kocmyrzów-Luborzyca
    "1206072",  # Liszki
    "1206082",  # Michałowice
    "1206092",  # Mogilany
    "1206113",  # Skawina
    "1206143",  # Świątniki Górne
    "1206152",  # Wielka Wieś
    "1206162",  # Zabierzów
    "1206172",  # Zielonki
    "1219012",  # Biskupice
    "1219043",  # Niepołomice
    "1219053",  # Wieliczka
)
JOINED = date(2014, 6, 26)
# Made-up RSPO numbers start here, far from the register's own range, so a demo school is never
# mistaken for a real one.
DEMO_RSPO_START = 900_001
PATRONS = [
    "im. Mikołaja Kopernika",
    "im. Marii Skłodowskiej-Curie",
    "im. Jana Pawła II",
    "im. Tadeusza Kościuszki",
    "im. Wisławy Szymborskiej",
    "im. Stanisława Wyspiańskiego",
    "im. Jana Matejki",
    "im. Heleny Modrzejewskiej",
]
KRAKOW_UPPER = [
    (SchoolType.GENERAL_SECONDARY, "I Liceum Ogólnokształcące"),
    (SchoolType.GENERAL_SECONDARY, "II Liceum Ogólnokształcące"),
    (SchoolType.GENERAL_SECONDARY, "V Liceum Ogólnokształcące"),
    (SchoolType.GENERAL_SECONDARY, "VIII Liceum Ogólnokształcące"),
    (SchoolType.TECHNICAL, "Technikum Elektryczne nr 1"),
    (SchoolType.TECHNICAL, "Technikum Informatyczne nr 2"),
    (SchoolType.TECHNICAL, "Technikum Gastronomiczno-Hotelarskie nr 3"),
    (SchoolType.VOCATIONAL_1, "Branżowa Szkoła I Stopnia nr 4"),
]


def planned(size: str) -> int:
    return (
        3
        + demo_edua.planned(size)
        + demo_training.planned(size)
        + demo_diagnosis.planned(size)
        + demo_forum.planned(size)
    )


def _school_rows() -> list[tuple[str, SchoolType, str]]:
    """(gmina TERYT, type, name) of every demo school."""
    rows: list[tuple[str, SchoolType, str]] = []
    for index, teryt in enumerate(MEMBER_TERYTS):
        primaries = 4 if teryt == "1261011" else 2
        for number in range(1, primaries + 1):
            patron = PATRONS[(index + number) % len(PATRONS)]
            rows.append((teryt, SchoolType.PRIMARY, f"Szkoła Podstawowa nr {number} {patron}"))
    for position, (school_type, name) in enumerate(KRAKOW_UPPER):
        rows.append(("1261011", school_type, f"{name} {PATRONS[position % len(PATRONS)]}"))
    rows.append(("1219053", SchoolType.GENERAL_SECONDARY, "Liceum Ogólnokształcące im. Juliusza Słowackiego"))
    rows.append(("1219043", SchoolType.TECHNICAL, "Technikum im. Kazimierza Wielkiego"))
    rows.append(("1206113", SchoolType.VOCATIONAL_1, "Branżowa Szkoła I Stopnia im. Jana Kilińskiego"))
    return rows


def seed(*, size: str) -> Iterator[str]:
    """The Metropolis and its schools, then each part of the plan (each adds nothing a second time)."""
    yield from _seed_base()
    yield from demo_edua.seed(size=size)
    yield from demo_training.seed(size=size)
    yield from demo_diagnosis.seed(size=size)
    yield from demo_forum.seed(size=size)


def _seed_base() -> Iterator[str]:
    if Metropolis.objects.filter(name=METROPOLIS_NAME).exists():
        yield from ("skipped",) * 3
        return
    gminas = {g.teryt: g for g in Gmina.objects.filter(teryt__in=MEMBER_TERYTS)}
    with transaction.atomic():
        metropolis = Metropolis.objects.create(
            name=METROPOLIS_NAME, short_name="Metropolia Krakowska", is_demo=True
        )
        MetropolisMember.objects.bulk_create(
            MetropolisMember(metropolis=metropolis, gmina=gminas[t], joined_on=JOINED) for t in MEMBER_TERYTS
        )
    yield "metropolis"
    with transaction.atomic():
        schools = School.objects.bulk_create(
            School(
                rspo=DEMO_RSPO_START + number,
                name=name,
                type=school_type,
                gmina=gminas[teryt],
                town=gminas[teryt].name,
                is_demo=True,
            )
            for number, (teryt, school_type, name) in enumerate(_school_rows())
        )
    yield "schools"
    director = User.objects.filter(email=demo_email(Role.SCHOOL_DIRECTOR)).first()
    teacher = User.objects.filter(email=demo_email(Role.TEACHER)).first()
    liceum = next(s for s in schools if s.gmina.teryt == "1261011" and s.type == SchoolType.GENERAL_SECONDARY)
    primary = next(s for s in schools if s.gmina.teryt == "1219053" and s.type == SchoolType.PRIMARY)
    with transaction.atomic():
        if director is not None:
            SchoolStaff.objects.create(
                user=director, school=liceum, function=SchoolFunction.DIRECTOR, since=date(2021, 9, 1)
            )
        if teacher is not None:
            SchoolStaff.objects.create(
                user=teacher,
                school=primary,
                function=SchoolFunction.TEACHER,
                subjects="matematyka, informatyka",
                since=date(2019, 9, 1),
            )
    yield "staff"
