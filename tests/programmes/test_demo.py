"""Demo data of the programmes context: the demo participant is eligible; generated participants
have applications in the states an officer meets; seeding twice adds nothing."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from kierunek.programmes import selectors
from kierunek.programmes.models import Application, ApplicationEvent, ProgrammeConsent

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_applications_in_every_state():
    run_seed()
    from kierunek.accounts.models import User

    demo = User.objects.get(email="uczestnik@kierunek.example")
    assert selectors.participant_is_eligible(user=demo)
    states = Counter(Application.objects.values_list("status", flat=True))
    assert {"draft", "eligible", "manual_review", "ineligible", "accepted"} <= set(states)
    assert sum(states.values()) == 11
    for application in Application.objects.exclude(status="draft"):
        assert application.rule_version is not None
        assert application.decision_reasons
        assert application.events.filter(status_to=application.status).exists()
    assert ProgrammeConsent.objects.filter(kind="processing").count() == 11

    def counts() -> tuple[int, int, int]:
        return (
            Application.objects.count(),
            ApplicationEvent.objects.count(),
            ProgrammeConsent.objects.count(),
        )

    before = counts()
    run_seed()
    assert counts() == before
