"""Constructed Metropolis data for the education tests: a Metropolis of three gminas with a school
in each, and people linked to them."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import Actor
from kierunek.education.models import (
    Metropolis,
    MetropolisMember,
    School,
    SchoolFunction,
    SchoolStaff,
    SchoolType,
)
from kierunek.education.services.diagnosis import needs_assessment_open
from kierunek.geo.models import Gmina
from tests.accounts.factories import StaffUserFactory, UserFactory

KRAKOW, WIELICZKA, NIEPOLOMICE = "1261011", "1219053", "1219043"
OUTSIDE = "1201011"  # Bochnia (town), not a member


def metropolis(teryts=(KRAKOW, WIELICZKA, NIEPOLOMICE)) -> Metropolis:
    m = Metropolis.objects.create(name="Metropolia Testowa")
    for index, teryt in enumerate(teryts):
        gmina = Gmina.objects.get(teryt=teryt)
        MetropolisMember.objects.create(metropolis=m, gmina=gmina, joined_on=date(2014, 1, 1))
        School.objects.create(
            rspo=800_000 + index, name=f"SP {gmina.name}", type=SchoolType.PRIMARY, gmina=gmina
        )
    return m


def school_in(teryt: str) -> School:
    return School.objects.filter(gmina__teryt=teryt).first() or School.objects.create(
        rspo=810_000 + int(teryt) % 1000,
        name=f"SP {teryt}",
        type=SchoolType.PRIMARY,
        gmina=Gmina.objects.get(teryt=teryt),
    )


def teacher(teryt: str):
    user = UserFactory(role=Role.TEACHER)
    SchoolStaff.objects.create(
        user=user, school=school_in(teryt), function=SchoolFunction.TEACHER, since=date(2020, 9, 1)
    )
    return user


def director(teryt: str):
    user = StaffUserFactory(role=Role.SCHOOL_DIRECTOR)
    SchoolStaff.objects.create(
        user=user, school=school_in(teryt), function=SchoolFunction.DIRECTOR, since=date(2020, 9, 1)
    )
    return user


def gmina_staff(teryt: str):
    user = StaffUserFactory(role=Role.GMINA_STAFF)
    GminaStaff.objects.create(user=user, gmina=Gmina.objects.get(teryt=teryt))
    return user


def assessment(m: Metropolis, *, threshold: int = 3, year: int = 2026):
    today = timezone.localdate()
    return needs_assessment_open(
        actor=Actor.of(StaffUserFactory(role=Role.METROPOLIS_STAFF)),
        metropolis=m,
        school_year=year,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=10),
        threshold=threshold,
    )
