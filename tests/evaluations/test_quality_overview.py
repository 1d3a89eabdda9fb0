"""The officers' quality overview: ratings and outcome results per provider and per category,
hidden below the anonymity threshold; every registered quality signal as a column; providers
flagged by a low rating or a signal's limit; a monitoring visit opened from a flagged provider
under its quality mark; only for officers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kierunek.accounts.models import Role
from kierunek.evaluations import hooks
from kierunek.evaluations.models import JobChange, OutcomeResponse
from kierunek.evaluations.selectors.outcome import outcome_rows
from kierunek.evaluations.selectors.overview import (
    RATING_FLAG_BELOW,
    quality_by_category,
    quality_by_provider,
)
from kierunek.quality.models import CaseState, MonitoringVisit
from tests.accounts.factories import StaffUserFactory
from tests.pages import text
from tests.quality.builders import case_in_state
from tests.vouchers import builders as b

from .builders import responses

pytestmark = pytest.mark.django_db
LOW = {"content": 2, "trainer": 3, "organisation": 2, "usefulness": 3}


def outcome(card, n, *, job=JobChange.NEW_JOB, recommend=8):
    for _ in range(n):
        OutcomeResponse.objects.create(
            card=card,
            provider=card.provider,
            category=card.category,
            month=timezone.localdate().replace(day=1),
            job_change=job,
            skills_use=4,
            qualification=True,
            qualification_name="B1",
            recommend=recommend,
        )


@pytest.fixture
def signal():
    """A quality signal as a context above evaluations (complaints) registers it."""
    counts: dict[int, int] = {}
    registered = hooks.QualitySignal(
        key="test_complaints",
        label="Complaints",
        per_provider=lambda since=None: counts,
        per_category=lambda since=None: {},
        flag_at=2,
    )
    hooks.quality_signal_register(registered)
    yield counts
    del hooks.QUALITY_SIGNALS["test_complaints"]


class TestThreshold:
    def test_outcome_results_are_hidden_below_three_answers_and_shown_from_three(self):
        card = b.card()
        outcome(card, 2)
        hidden = outcome_rows(by="provider")[card.provider_id]
        outcome(card, 1, job=JobChange.SAME, recommend=5)
        shown = outcome_rows(by="provider")[card.provider_id]

        assert (hidden.hidden, hidden.count, hidden.better_job, hidden.recommend) == (True, 2, None, None)
        assert (shown.hidden, shown.better_job, shown.qualification, shown.recommend) == (False, 67, 100, 7.0)
        assert outcome_rows(by="category")[card.category.code].count == 3

    def test_ratings_below_the_threshold_are_neither_shown_nor_flagged(self):
        card = b.card()
        responses(card, 2, scores=LOW)
        row = next(r for r in quality_by_provider() if r.key == card.provider_id)
        assert (row.ratings, row.rating, row.flags) == (2, None, [])


class TestFlags:
    def test_a_provider_rated_below_the_limit_is_flagged_and_listed_first(self):
        good, poor = b.card(), b.card()
        responses(good, 3)
        responses(poor, 3, scores=LOW)

        rows = quality_by_provider()

        assert rows[0].key == poor.provider_id
        assert rows[0].rating == 2.5 < RATING_FLAG_BELOW
        assert len(rows[0].flags) == 1
        assert next(r for r in rows if r.key == good.provider_id).flags == []

    def test_every_registered_signal_is_a_column_and_flags_at_its_limit(
        self, signal, client, login_staff, english
    ):
        card, other = b.card(), b.card()
        responses(card, 3)
        responses(other, 3)
        signal.update({card.provider_id: 2, other.provider_id: 1})

        with translation.override("en"):
            rows = {r.key: r for r in quality_by_provider()}
        login_staff(english, StaffUserFactory(role=Role.OFFICER))
        page = text(english.get(reverse("evaluations:office_quality")))

        ours = list(hooks.QUALITY_SIGNALS).index("test_complaints")  # after those the contexts register
        assert rows[card.provider_id].signals[ours] == 2
        assert len(rows[card.provider_id].signals) == len(hooks.QUALITY_SIGNALS)
        assert rows[card.provider_id].flags == ["Complaints: 2 (flagged from 2)"]
        assert rows[other.provider_id].flags == []
        assert '<th scope="col">Complaints</th>' in page
        assert f'id="flagged-{card.provider_id}"' in page
        assert f'id="flagged-{other.provider_id}"' not in page

    def test_categories_have_their_own_rows(self):
        card = b.card()
        responses(card, 3)
        assert [(r.key, r.ratings, r.rating) for r in quality_by_category()] == [(card.category.code, 3, 4.0)]


class TestMonitoringVisit:
    def test_the_officer_opens_a_visit_under_the_flagged_providers_mark(self, client, login_staff):
        world = case_in_state(CaseState.GRANTED)
        card = b.card(provider=world.provider)
        responses(card, 3, scores=LOW)
        login_staff(client, StaffUserFactory(role=Role.OFFICER))
        day = timezone.localdate() + timedelta(days=10)
        prefix = f"visit-{world.provider.pk}"

        page = client.get(reverse("evaluations:office_quality"))
        bad = client.post(reverse("evaluations:monitoring_visit_open", args=[world.provider.pk]), {})
        done = client.post(
            reverse("evaluations:monitoring_visit_open", args=[world.provider.pk]),
            {f"{prefix}-planned_on": day.isoformat(), f"{prefix}-remote": "on"},
        )

        assert reverse("evaluations:monitoring_visit_open", args=[world.provider.pk]) in text(page)
        assert bad.status_code == 400
        assert done.status_code == 302
        assert done["Location"] == reverse("quality:officer_case", args=[world.case.pk])
        visit = MonitoringVisit.objects.get()
        assert (visit.case, visit.kind, visit.planned_on, visit.remote) == (world.case, "ad_hoc", day, True)

    def test_a_provider_without_a_mark_gets_no_visit(self, client, login_staff):
        card = b.card()
        responses(card, 3, scores=LOW)
        login_staff(client, StaffUserFactory(role=Role.OFFICER))
        prefix = f"visit-{card.provider_id}"

        page = client.get(reverse("evaluations:office_quality"))
        refused = client.post(
            reverse("evaluations:monitoring_visit_open", args=[card.provider_id]),
            {f"{prefix}-planned_on": timezone.localdate().isoformat()},
        )

        assert reverse("evaluations:monitoring_visit_open", args=[card.provider_id]) not in text(page)
        assert refused.status_code == 400
        assert not MonitoringVisit.objects.exists()

    @pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.PROVIDER_STAFF, Role.AUDITOR, Role.ADVISOR])
    def test_only_officers_see_the_overview_or_open_visits(self, client_as, role):
        world = case_in_state(CaseState.GRANTED)
        client = client_as(role)
        assert client.get(reverse("evaluations:office_quality")).status_code == 403
        response = client.post(
            reverse("evaluations:monitoring_visit_open", args=[world.provider.pk]),
            {f"visit-{world.provider.pk}-planned_on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 403
        assert not MonitoringVisit.objects.exists()
