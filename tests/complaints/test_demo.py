"""The demo gives every role work in complaints: the demo provider a complaint to answer, the
officer one answered to decide and one to take up, and an upheld one whose freeze is linked; the
ledger stays balanced and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.models import User
from kierunek.complaints.models import Complaint
from kierunek.providers.models import ProviderMember
from kierunek.vouchers.checks import ledger_violations

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_each_role_a_complaint_to_handle():
    run_seed()
    run_seed()

    demo_provider = ProviderMember.objects.get(
        user=User.objects.get(email="dostawca@kierunek.example")
    ).provider
    by_status = {c.status: c for c in Complaint.objects.all()}
    assert Complaint.objects.count() == 4
    assert by_status["under_review"].provider == demo_provider
    assert by_status["answered"].answer
    assert "received" in by_status
    upheld = by_status["upheld"]
    assert upheld.payout_freeze is not None
    assert upheld.payout_freeze.lifted_at is None
    assert ledger_violations() == []
