"""The medians of days counted by the database (``medians_of``): the whole days between two
date-times as Python counts them, on either engine; the median read from counts of each value;
the days from application to decision on constructed data, with exact figures."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    DaysBetween,
    Figure,
    Period,
    indicator_get,
    median_by_group,
    median_of_counts,
)
from kierunek.programmes.models import Application
from tests.programmes.helpers import TARNOW, gmina, submitted_application

KRAKOW = "1261011"
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_from_counts_is_the_median_of_the_values_written_out(values):
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    rows = [(person, "", value) for person, value in enumerate(values)]
    assert median_of_counts(counts) == median_by_group(rows)[""].value


def test_the_median_of_no_values_is_refused():
    with pytest.raises(ValueError, match="no values"):
        median_of_counts({})


SPANS = (
    timedelta(0),
    timedelta(days=1),
    timedelta(days=1) - timedelta(microseconds=1),
    timedelta(days=1, microseconds=1),
    timedelta(days=20, hours=23, minutes=59, seconds=59),
    timedelta(days=400, hours=5),
    -timedelta(microseconds=1),
    -timedelta(days=1),
    -timedelta(days=2, hours=3),
)


@pytest.mark.django_db
def test_the_database_counts_whole_days_as_python_does():
    """Periods of 24 hours rounded down, a microsecond either side of a whole day, and spans
    backwards (rounded down too, as ``timedelta.days``), on the engine the tests run on."""
    application = submitted_application()
    start = datetime(2026, 3, 28, 23, 30, 0, 500_000, tzinfo=UTC)  # the night summer time begins
    for span in SPANS:
        Application.objects.filter(pk=application.pk).update(submitted_at=start, decided_at=start + span)
        days = Application.objects.filter(pk=application.pk).values_list(
            DaysBetween("decided_at", "submitted_at"), flat=True
        )
        assert list(days) == [span.days], span


@pytest.mark.django_db
def test_the_days_to_a_decision_are_the_median_of_the_decisions_in_the_period():
    """Four decisions in March after 2, 5, 10 and 1 days (median 3.5, rounded up to 4: 2 and 5
    are the middle), one in May after 30 days, one decided last year (left out); by month and by
    powiat, each with the people behind it."""
    made = []
    for teryt, submitted, days in (
        (KRAKOW, datetime(2026, 3, 1, 9, tzinfo=UTC), 2),
        (KRAKOW, datetime(2026, 3, 2, 9, tzinfo=UTC), 5),
        (KRAKOW, datetime(2026, 3, 3, 9, tzinfo=UTC), 10),
        (TARNOW, datetime(2026, 3, 4, 9, tzinfo=UTC), 1),
        (TARNOW, datetime(2026, 4, 20, 9, tzinfo=UTC), 30),
        (TARNOW, datetime(2025, 12, 1, 9, tzinfo=UTC), 3),
    ):
        application = submitted_application(residence_gmina=gmina(teryt))
        decided = submitted + timedelta(days=days, hours=1)
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted, decided_at=decided)
        made.append(application)
    days_to_decision = indicator_get("programmes.days_to_decision")
    assert days_to_decision.compute(YEAR, None) == {TOTAL: Figure(5, 5)}  # 1, 2, 5, 10, 30
    assert days_to_decision.compute(YEAR, Breakdown.MONTH) == {
        "2026-03": Figure(4, 4),
        "2026-05": Figure(30, 1),
    }
    assert days_to_decision.compute(YEAR, Breakdown.POWIAT) == {
        "1261": Figure(5, 3),  # 2, 5, 10
        "1263": Figure(16, 2),  # 1 and 30: 15.5 rounded up
    }
    assert days_to_decision.compute(Period(date(2026, 6, 1), date(2026, 6, 30)), None) == {}


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=UTC)


@pytest.mark.django_db
def test_the_days_to_payment_count_from_the_report_to_the_batch_that_paid_the_booking():
    """A booking is paid by the first paid batch to its provider built at or after it was settled:
    not by one built before, nor by a cancelled one, nor by one sent and not yet paid; of two
    built at one moment, by the first made. A report after the payment counts as none."""
    from kierunek.vouchers.models import BatchStatus, Booking, PaymentBatch, PaymentLine
    from kierunek.vouchers.payment_days import payment_days_count
    from tests.vouchers import builders as vb

    first = vb.settled_booking()
    same_provider = [
        vb.confirmed_and_evaluated(vb.book(vb.issued_account(), vb.card(provider=first.provider)))
        for _ in range(3)
    ]
    for booking in same_provider:
        assert vb.settle(booking).settled == 1
    other = vb.settled_booking()  # another provider, whose batch is sent and not paid
    line_of = {
        booking.provider_id: PaymentLine(
            provider=booking.provider,
            bank_account=booking.provider.bank_accounts.get(),
            creditor_name=booking.provider.legal_name,
            iban=vb.IBAN,
            amount=100,
        )
        for booking in (first, other)
    }
    operator, approver = vb.operator(), vb.operator()

    def batch(provider_id, status, built, paid=None):
        made = PaymentBatch.objects.create(
            programme_id=first.voucher_account.programme_id,
            reference=f"B-{PaymentBatch.objects.count()}",
            status=status,
            total=100,
            execution_date=built.date(),
            built_by=operator,
            built_at=built,
            approved_by=approver,
            paid_at=paid,
        )
        line = line_of[provider_id]
        PaymentLine.objects.create(
            batch=made,
            provider_id=provider_id,
            bank_account=line.bank_account,
            creditor_name=line.creditor_name,
            iban=line.iban,
            amount=100,
            end_to_end_id=f"E2E-{made.pk}",
        )

    provider = first.provider_id
    batch(provider, BatchStatus.PAID, _at(2, 1), _at(2, 3))  # built before every settlement
    batch(provider, BatchStatus.PAID, _at(3, 10), _at(3, 12))
    batch(provider, BatchStatus.CANCELLED, _at(3, 20))
    batch(provider, BatchStatus.PAID, _at(4, 1), _at(4, 20))  # two built at one moment:
    batch(provider, BatchStatus.PAID, _at(4, 1), _at(4, 2))  # the first made pays
    batch(other.provider_id, BatchStatus.SENT, _at(3, 10))
    for booking, reported, settled in (
        (first, _at(3, 1), _at(3, 5)),  # paid 12.03: 11 days
        (same_provider[0], _at(3, 2), _at(3, 10)),  # settled as the batch was built: 10 days
        (same_provider[1], _at(3, 15), _at(3, 18)),  # the cancelled batch passes: paid 20.04, 36 days
        (same_provider[2], _at(4, 25), _at(3, 30)),  # reported after the payment: 0 days
        (other, _at(3, 1), _at(3, 5)),  # not paid
    ):
        Booking.objects.filter(pk=booking.pk).update(reported_at=reported, settled_at=settled)
    payment_days_count()  # as paying each batch would have kept them (tests/vouchers/test_payment_days.py)

    days_to_payment = indicator_get("vouchers.days_to_payment")
    assert days_to_payment.compute(YEAR, Breakdown.MONTH) == {
        "2026-03": Figure(11, 2),  # 10 and 11: 10.5 rounded up
        "2026-04": Figure(18, 2),  # 0 and 36
    }
    assert days_to_payment.compute(YEAR, None) == {TOTAL: Figure(11, 4)}  # 0, 10, 11, 36
    assert days_to_payment.compute(Period(date(2026, 4, 1), date(2026, 4, 19)), None) == {}
