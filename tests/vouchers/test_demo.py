"""The vouchers demo: seeded through the real services, the ledger holds every invariant, the
operator and the officer find work waiting, and a second run adds nothing."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kierunek.accounts.demo import SECOND_OPERATOR_EMAIL, demo_email
from kierunek.accounts.models import Role, User
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    BankStatement,
    BatchStatus,
    Booking,
    Contribution,
    EntryState,
    LedgerTransaction,
    OrderStatus,
    PaymentBatch,
    PayoutFreeze,
    StatementEntry,
    VoucherAccount,
    VoucherOrder,
)

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_demo_vouchers_are_consistent_and_show_every_state():
    run_seed()

    assert ledger_violations() == []
    statuses = set(Booking.objects.values_list("status", flat=True))
    assert {"requested", "accepted", "completed", "settled", "frozen"} <= statuses
    ready = Booking.objects.filter(status="completed", confirmed_at__isnull=False, evaluated_at__isnull=False)
    assert ready.exists()
    assert Booking.objects.filter(status="completed", confirmed_at__isnull=True).exists()
    # A participant has days left to confirm, and the officer has a service not confirmed in time.
    today = timezone.localdate()
    assert Booking.objects.filter(
        status="completed", confirmed_at__isnull=True, confirm_by__range=(today, today + timedelta(days=7))
    ).exists()
    assert Booking.objects.filter(status="unconfirmed", confirm_by__lt=today).exists()
    assert VoucherAccount.objects.count() >= 3
    assert VoucherOrder.objects.filter(status=OrderStatus.ORDERED).exists()
    # Own contributions: one awaiting its payment (the demo participant's), one paid, one lapsed.
    contributions = set(Contribution.objects.values_list("status", flat=True))
    assert {"due", "paid", "lapsed"} <= contributions
    assert Contribution.objects.get(status="due").participant.email == demo_email(Role.PARTICIPANT)
    assert VoucherOrder.objects.filter(status=OrderStatus.LAPSED).count() == 1
    assert PayoutFreeze.objects.filter(lifted_at__isnull=True).count() == 1
    batch = PaymentBatch.objects.get(status=BatchStatus.DRAFT)
    assert batch.built_by.email == SECOND_OPERATOR_EMAIL  # so the demo operator can approve it
    operator = User.objects.get(email=demo_email(Role.FINANCIAL_OPERATOR))
    assert batch.built_by != operator
    # A batch the bank's statement paid, and a statement whose entries wait for the operator.
    paid = PaymentBatch.objects.get(status=BatchStatus.PAID)
    assert StatementEntry.objects.filter(payment_line__batch=paid, state=EntryState.MATCHED).count() == (
        paid.lines.count()
    )
    assert set(BankStatement.objects.values_list("file_format", flat=True)) == {"camt053", "mt940"}
    assert StatementEntry.objects.filter(state=EntryState.UNMATCHED).count() == 2


def test_seeding_the_demo_twice_moves_no_money_twice():
    run_seed()
    counts = (Booking.objects.count(), LedgerTransaction.objects.count(), VoucherOrder.objects.count())
    run_seed()
    assert (
        Booking.objects.count(),
        LedgerTransaction.objects.count(),
        VoucherOrder.objects.count(),
    ) == counts
    assert ledger_violations() == []
