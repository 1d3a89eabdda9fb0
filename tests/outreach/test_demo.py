"""The demo gives the gmina's coordinator and the office work: Wieliczka's agreement in force with
the demo coordinator, agreements of other gminas in other states, leaders with contacts, campaigns
with sign-ups of demo participants, and the adult residents marked as demo figures; a second run
adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.models import User
from kierunek.outreach import reach, selectors
from kierunek.outreach.models import (
    Campaign,
    CampaignSignup,
    GminaAgreement,
    Leader,
    LeaderContact,
    PopulationImport,
)

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_outreach_work_to_the_coordinator_and_the_office():
    run_seed()
    counts = [m.objects.count() for m in (GminaAgreement, Leader, Campaign, CampaignSignup, PopulationImport)]
    run_seed()
    assert [
        m.objects.count() for m in (GminaAgreement, Leader, Campaign, CampaignSignup, PopulationImport)
    ] == counts
    coordinator = User.objects.get(email="gmina@kierunek.example")
    wieliczka = selectors.gmina_for(coordinator)
    assert wieliczka.teryt == "1219053"
    agreement = selectors.agreement_current(wieliczka)
    assert (agreement.status, agreement.coordinator) == ("active", coordinator)
    assert set(GminaAgreement.objects.values_list("status", flat=True)) >= {
        "active",
        "draft",
        "suspended",
        "ended",
    }
    assert Leader.objects.filter(gmina=wieliczka).count() >= 5
    assert LeaderContact.objects.exists()
    assert CampaignSignup.objects.count() >= 5
    assert PopulationImport.objects.get().is_demo
    assert reach.reach_table().row_of(wieliczka).adults
    from kierunek.events.models import Event

    assert Event.objects.filter(organiser=coordinator).exists()
