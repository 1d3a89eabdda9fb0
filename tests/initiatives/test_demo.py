"""The demo gives the contest and the campaigns work for every role involved: the 2025 edition
published with results and awards; the 2026 edition with the jury, gminas in different stages
(the demo gmina's in stage II), the partner with reports to score and a conflict declared; the
Learning Day and the Career Week 2026 with counted activities across Małopolska; the next
Learning Day open for activities. A second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.models import User
from kierunek.initiatives import selectors
from kierunek.initiatives.models import Activity, Campaign, ContestApplication, ContestEdition

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_the_contest_and_the_campaigns_work():
    run_seed()
    counts = (ContestApplication.objects.count(), Activity.objects.count())
    run_seed()
    assert (ContestApplication.objects.count(), Activity.objects.count()) == counts

    past = ContestEdition.objects.get(year=2025)
    assert past.status == "published"
    results = selectors.edition_results(past)
    assert [r.place for r in results] == [1, 2, 3]
    assert any(r.awards for r in results)

    current = ContestEdition.objects.get(year=2026)
    assert current.status == "judging"
    stages = set(current.applications.values_list("status", flat=True))
    assert stages == {"stage_one", "stage_two", "reported", "rejected", "withdrawn"}
    gmina = User.objects.get(email="gmina@kierunek.example")
    own = ContestApplication.objects.get(edition=current, gmina=gmina.gmina_staff.gmina)
    assert own.status == "stage_two"
    assert selectors.workshops_attended(own) == current.workshops_required
    partner = User.objects.get(email="partner@kierunek.example")
    seat = current.jurors.get(user=partner)
    rows = selectors.applications_to_score(seat)
    assert any(row["conflict"] for row in rows)
    assert any(not row["declared"] for row in rows)

    for kind in ("learning_day", "career_week"):
        campaign = Campaign.objects.get(kind=kind, year=2026)
        view = selectors.campaign_view(campaign)
        assert len(view.activities) >= 10
        assert len(view.points) >= 8
        assert view.counts.total is not None
        assert view.counts.total.shown
        assert view.counts.total.shown > 500
    assert set(Activity.objects.values_list("organiser_kind", flat=True)) == {
        "office",
        "partner",
        "gmina",
        "provider",
    }
    assert Campaign.objects.filter(kind="learning_day", year__gt=2026).exists()
