"""The demo: the advisor has slots in the coming weeks, the demo participant a signed plan with two
areas, waiting for their acknowledgement, with recommendations. Seeding twice adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kierunek.accounts.models import User
from kierunek.guidance.models import AdvisorSlot, CompetenceBalance
from kierunek.guidance.recommendations import recommendations_for

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_guidance():
    seed()
    counts = (AdvisorSlot.objects.count(), CompetenceBalance.objects.count())
    seed()

    advisor = User.objects.get(email="doradca@kierunek.example")
    participant = User.objects.get(email="uczestnik@kierunek.example")
    future = AdvisorSlot.objects.filter(
        advisor=advisor, starts_at__gt=timezone.now(), withdrawn_at__isnull=True
    )
    assert future.count() >= 30
    assert future.filter(mode="online").exists()
    assert future.filter(centre__isnull=False).values("centre").distinct().count() >= 3
    balance = CompetenceBalance.objects.get(participant=participant)
    assert balance.advisor == advisor
    assert balance.plan.status == "signed"
    assert sorted(balance.plan.areas.values_list("package_kind", flat=True)) == ["general", "vocational"]
    assert balance.experiences.count() == 3
    assert balance.portfolio.filter(kind="file").exists()
    assert (AdvisorSlot.objects.count(), CompetenceBalance.objects.count()) == counts
    results = recommendations_for(participant=participant)
    assert [bool(result.services) for result in results] == [True, True]
