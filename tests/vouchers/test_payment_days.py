"""The time to payment's kept counts (kierunek.vouchers.payment_days): paying a batch keeps them
equal to the paid bookings' view, also when an earlier-built batch is paid after a later one and
takes bookings from it; the ledger check names a difference; the migration's fill counts as the
service does."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import Booking, PaidBooking, PaymentDays
from kierunek.vouchers.payment_days import payment_days_violations
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def _pay(batch):
    b.paid(batch)
    assert batch.paid_at is not None
    return batch


def _kept() -> dict:
    """{moment: {person: bookings}} of the kept counts."""
    kept: dict = {}
    for paid_at, person, bookings in (
        PaymentDays.objects.values("paid_at", "participant_id")
        .annotate(n=Sum("bookings"))
        .values_list("paid_at", "participant_id", "n")
    ):
        kept.setdefault(paid_at, {})[person] = bookings
    return kept


def _another_for(provider) -> Booking:
    booking = b.confirmed_and_evaluated(b.book(b.issued_account(), b.card(provider=provider)))
    assert b.settle(booking).settled == 1
    booking.refresh_from_db()
    return booking


def test_paying_batches_keeps_the_counts_also_when_an_earlier_batch_is_paid_last():
    builder = b.operator()
    first = b.settled_booking()
    early = b.batch_for(first, builder)  # pays the first booking's money
    second = _another_for(first.provider)  # settled after the early batch was built
    late = b.batch_for(second, builder)
    assert PaymentDays.objects.count() == 0

    _pay(late)  # the only paid batch of the provider: it pays both bookings so far
    assert payment_days_violations() == []
    assert _kept() == {late.paid_at: {first.participant_id: 1, second.participant_id: 1}}
    assert set(PaidBooking.objects.values_list("booking_id", "paid_at")) == {
        (first.pk, late.paid_at),
        (second.pk, late.paid_at),
    }

    _pay(early)  # built first: it takes the first booking from the late batch
    assert payment_days_violations() == []
    assert ledger_violations() == []
    assert _kept() == {
        early.paid_at: {first.participant_id: 1},
        late.paid_at: {second.participant_id: 1},
    }


def test_the_kept_counts_hold_the_days_from_the_report_to_the_payment():
    booking = b.settled_booking()
    Booking.objects.filter(pk=booking.pk).update(reported_at=timezone.now() - timedelta(days=9, hours=1))
    batch = _pay(b.batch_for(booking, b.operator()))

    assert list(PaymentDays.objects.values_list("paid_at", "participant_id", "days", "bookings")) == [
        (batch.paid_at, booking.participant_id, 9, 1)
    ]


def test_the_ledger_check_names_a_kept_count_that_differs_from_the_paid_bookings():
    booking = b.settled_booking()
    _pay(b.batch_for(booking, b.operator()))
    assert ledger_violations() == []

    PaymentDays.objects.update(bookings=2)
    assert [line for line in ledger_violations() if "time to payment" in line] == payment_days_violations()
    assert len(payment_days_violations()) == 2  # the row kept, and the row the view counts
    PaymentDays.objects.all().delete()
    assert len(payment_days_violations()) == 1
    assert "paid so but not kept" in payment_days_violations()[0]


class _Editor:
    """What the migration's fill uses of a schema editor (SQLite's cannot open inside a test's
    transaction)."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_fills_the_counts_as_paying_keeps_them():
    """The migration's own SQL (its whole days on this engine) against the service's counts."""
    reported = timezone.now() - timedelta(days=3, hours=20)
    bookings = [b.settled_booking() for _ in range(2)]
    Booking.objects.filter(pk=bookings[0].pk).update(reported_at=reported)
    Booking.objects.filter(pk=bookings[1].pk).update(reported_at=timezone.now() + timedelta(days=2))
    builder = b.operator()
    _pay(b.batch_for(bookings[0], builder))
    kept = set(PaymentDays.objects.values_list("paid_at", "participant_id", "days", "bookings"))
    assert {row[2] for row in kept} == {3, 0}  # a report after the payment counts as none

    PaymentDays.objects.all().delete()
    migration = import_module("kierunek.vouchers.migrations.0013_payment_days")
    migration.fill(apps, _Editor())
    assert set(PaymentDays.objects.values_list("paid_at", "participant_id", "days", "bookings")) == kept
