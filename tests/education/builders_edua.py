"""Builders for the tests of the funding sources, the career-orientation offer, the centres and the
materials: people of each role where they work, and objects made by the real services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from kierunek.accounts.models import GminaStaff, Role
from kierunek.core.actor import Actor
from kierunek.education import services
from kierunek.education.models import School, SchoolFunction, SchoolStaff, SchoolType
from kierunek.geo.models import Gmina
from tests.accounts.factories import StaffUserFactory
from tests.partnership import builders as partnership

WIELICZKA = "1219053"
NIEPOLOMICE = "1219043"


def gmina(teryt: str = WIELICZKA) -> Gmina:
    return Gmina.objects.get(teryt=teryt)


_rspo = iter(range(800_001, 899_999))


def school(teryt: str = WIELICZKA, *, type: str = SchoolType.PRIMARY, name: str = "") -> School:
    number = next(_rspo)
    return School.objects.create(
        rspo=number, name=name or f"Szkoła Podstawowa nr {number % 100}", type=type, gmina=gmina(teryt)
    )


def user(role: str, **fields: Any):  # type: ignore[no-untyped-def]
    return StaffUserFactory(role=role, **fields)


def metropolis_staff():  # type: ignore[no-untyped-def]
    return user(Role.METROPOLIS_STAFF)


def gmina_staff(teryt: str = WIELICZKA):  # type: ignore[no-untyped-def]
    person = user(Role.GMINA_STAFF)
    GminaStaff.objects.create(user=person, gmina=gmina(teryt), position="wydział edukacji")
    return person


def director(of: School):  # type: ignore[no-untyped-def]
    person = user(Role.SCHOOL_DIRECTOR)
    SchoolStaff.objects.create(
        user=person, school=of, function=SchoolFunction.DIRECTOR, since=date(2020, 9, 1)
    )
    return person


def teacher(at: School | None = None):  # type: ignore[no-untyped-def]
    person = user(Role.TEACHER)
    if at is not None:
        SchoolStaff.objects.create(
            user=person, school=at, function=SchoolFunction.TEACHER, since=date(2020, 9, 1)
        )
    return person


def partner_staff():  # type: ignore[no-untyped-def]
    """A partner-staff person and their institution."""
    institution = partnership.institution("Politechnika Krakowska", powiat="1261")
    return partnership.staff_of(institution), institution


def source(by=None, **fields: Any):  # type: ignore[no-untyped-def]
    data = {
        "funder": "Fundacja Rozwoju Systemu Edukacji",
        "programme": "Erasmus+ Edukacja szkolna",
        "title": "Mobilność kadry edukacji szkolnej",
        "purposes": ("training",),
        "applicants": ("school",),
        "opens_on": timezone.localdate() - timedelta(days=1),
        "deadline": timezone.localdate() + timedelta(days=60),
        **fields,
    }
    return services.funding_source_create(
        actor=Actor.of(by or metropolis_staff()), data=services.FundingSourceData(**data)
    )


def activity(by=None, *, institution=None, **fields: Any):  # type: ignore[no-untyped-def]
    """A workshop for grades 7-8 of primary schools in Wieliczka, 30 places, in a month."""
    if by is None:
        by, institution = partner_staff()
    data = {
        "title": "Warsztaty: jak pracuje inżynier budownictwa",
        "kind": "workshop",
        "description": "Zajęcia w laboratorium uczelni.",
        "level": "primary",
        "grade_from": 7,
        "grade_to": 8,
        "gmina_id": gmina().pk,
        "held_on": timezone.localdate() + timedelta(days=30),
        "places": 30,
        "institution_id": institution.pk if institution is not None else None,
        **fields,
    }
    return services.career_activity_publish(actor=Actor.of(by), data=services.ActivityData(**data))
