"""The demo gives the demo broker work: mandates from several participants (one expired, one
revoked), proposals waiting for the demo participant, a booking made on a participant's behalf, an
assisted registration, and a signal on the office's page; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.models import Role, User
from kierunek.brokerage import domain, signals
from kierunek.brokerage.models import AssistedRegistration, Mandate, MandateAct, Proposal

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_the_broker_work_and_the_office_a_signal():
    run_seed()
    counts = (Mandate.objects.count(), Proposal.objects.count(), MandateAct.objects.count())
    run_seed()
    assert (Mandate.objects.count(), Proposal.objects.count(), MandateAct.objects.count()) == counts

    broker = User.objects.get(email="broker@kierunek.example", role=Role.BROKER)
    mandates = list(Mandate.objects.filter(broker=broker))
    assert len({m.participant_id for m in mandates}) >= 3
    assert any(m.revoked_at is not None for m in mandates)
    assert any(m.revoked_at is None and not m.in_force() for m in mandates)  # expired
    participant = User.objects.get(email="uczestnik@kierunek.example")
    assert Proposal.objects.filter(participant=participant, status=domain.PROPOSED).exists()
    assert MandateAct.objects.filter(kind=domain.ACT_BOOKED).exists()
    assert AssistedRegistration.objects.filter(broker=broker).count() == 1
    assert signals.group_signals(signals.broker_group(broker=broker))
