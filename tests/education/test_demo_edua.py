"""The demo gives every education role work: ~40 funding calls, ~80 career-orientation activities
with bookings and the gminas' plans, budgets with spending, the LOWE guidelines v1 and v2 with
centres and their events, and materials in review; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.education.models import (
    CareerActivity,
    CareerBooking,
    CareerPlan,
    Centre,
    CentreEvent,
    DevelopmentBudget,
    FundingSource,
    GuidelinesVersion,
    Material,
)
from kierunek.education.selectors_centres import guidelines_current

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_the_education_roles_work():
    run_seed()
    counts = (FundingSource.objects.count(), CareerActivity.objects.count(), CareerBooking.objects.count())
    run_seed()
    assert (
        FundingSource.objects.count(),
        CareerActivity.objects.count(),
        CareerBooking.objects.count(),
    ) == counts
    assert FundingSource.objects.count() == 40
    assert CareerActivity.objects.count() == 80
    assert CareerBooking.objects.count() > 40
    assert CareerPlan.objects.count() == 15
    assert DevelopmentBudget.objects.count() == 15
    assert DevelopmentBudget.objects.filter(spending__isnull=False).distinct().count() == 15
    assert GuidelinesVersion.objects.count() == 2
    assert guidelines_current().number == 2
    assert Centre.objects.count() == 6
    assert CentreEvent.objects.count() == 8
    gmina_staff = User.objects.get(email=demo_email(Role.GMINA_STAFF))
    assert CareerBooking.objects.filter(booked_by=gmina_staff).exists()
    director = User.objects.get(email=demo_email(Role.SCHOOL_DIRECTOR))
    assert CareerBooking.objects.filter(booked_by=director).exists()
    assert Material.objects.filter(status="submitted").exists()  # the centre's work
    assert Material.objects.filter(status="published").count() == 12
    teacher = User.objects.get(email=demo_email(Role.TEACHER))
    assert teacher.funding_subscription.active
