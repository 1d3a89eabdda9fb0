"""A small recruitment year for the tests: schools, classes, candidates with results."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.education.models import School, SchoolFunction, SchoolStaff, SchoolType
from kierunek.geo.models import Gmina
from kierunek.recruitment.models import (
    Application,
    ApplicationStatus,
    Preference,
    RecruitmentYear,
    SchoolClass,
)
from tests.accounts.factories import UserFactory

RSPO = iter(range(960_001, 970_000))


def year_make(**dates: date) -> RecruitmentYear:
    today = timezone.localdate()
    values = {
        "applications_from": today - timedelta(days=60),
        "applications_until": today + timedelta(days=1),
        "documents_until": today + timedelta(days=2),
        "aptitude_until": today + timedelta(days=3),
        "results_until": today + timedelta(days=4),
        "qualified_on": today + timedelta(days=5),
        "confirm_until": today + timedelta(days=7),
        "admitted_on": today + timedelta(days=8),
        "supplementary_until": today + timedelta(days=10),
        "supplementary_admitted_on": today + timedelta(days=20),
        **dates,
    }
    return RecruitmentYear.objects.create(year=2030, lottery_seed="test-seed", **values)


def school_make(name: str = "I LO") -> School:
    return School.objects.create(
        rspo=next(RSPO),
        name=name,
        type=SchoolType.GENERAL_SECONDARY,
        gmina=Gmina.objects.order_by("teryt").first(),
    )


def director_of(school: School):  # type: ignore[no-untyped-def]
    user = UserFactory(role=Role.SCHOOL_DIRECTOR)
    SchoolStaff.objects.create(
        user=user, school=school, function=SchoolFunction.DIRECTOR, since=date(2020, 9, 1)
    )
    return user


def class_make(
    year: RecruitmentYear, school: School, code: str, capacity: int, **extra: object
) -> SchoolClass:
    return SchoolClass.objects.create(
        year=year, school=school, code=code, profile="mat-fiz", capacity=capacity,
        subject_1="physics", subject_2="informatics", **extra,
    )  # fmt: skip


def candidate_make(
    year: RecruitmentYear, last_name: str, percent: int, classes: list[SchoolClass], **extra: object
) -> Application:
    user = UserFactory(role=Role.CANDIDATE, last_name=last_name)
    grades = dict.fromkeys(("polish", "maths", "physics", "informatics", "foreign_language"), 5)
    application = Application.objects.create(
        year=year,
        candidate=user,
        first_name="Ola",
        last_name=last_name,
        status=extra.pop("status", ApplicationStatus.VERIFIED),
        exam_polish=percent,
        exam_maths=percent,
        exam_language=percent,
        grades=grades,
        results_in=True,
        **extra,
    )
    Preference.objects.bulk_create(
        Preference(application=application, rank=rank, school_class=c) for rank, c in enumerate(classes, 1)
    )
    return application
