"""The time to payment's kept counts (:class:`~.payout_models.PaymentDays`): for each moment a
batch was paid, how many of each person's bookings it paid took how many whole days from the
provider's report to the payment. Counted from :class:`~.payout_models.PaidBooking` (which says
which batch paid a booking) by the database, in one ``INSERT … SELECT``, whenever a batch is paid;
the time to payment then reads a few rows a person instead of joining every paid booking to the
batches (decision 0032).

Paying a batch can move bookings between batches, not only add them: a booking is paid by the
first paid batch to its provider built at or after it was settled, so when a batch built before
another one already paid is paid later, it takes the bookings settled up to its build from that
other batch. The counts of the batch's own moment and of the later-built paid batches to the same
providers are therefore counted again. A settled booking stays settled or is clawed back, and its
report does not change, so nothing else moves them. ``manage.py ledger_check`` compares the kept
counts with the view (:func:`payment_days_violations`)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db import connection
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Greatest

from kierunek.core.indicators import DaysBetween

from . import domain
from .payout_models import BatchStatus, PaidBooking, PaymentBatch, PaymentDays

_COLUMNS = ("paid_at", "participant_id", "days", "bookings")


def payment_days_counted(moments: Collection[datetime] | None = None) -> QuerySet:
    """The counts as the view gives them (``moments``: only of the batches paid then), one row a
    moment, person and number of days, in the order of :data:`_COLUMNS`."""
    rows = PaidBooking.objects.filter(status__in=domain.SETTLED_STATES, reported_at__isnull=False)
    if moments is not None:
        rows = rows.filter(paid_at__in=moments)
    return (
        rows.annotate(kept_days=Greatest(DaysBetween("paid_at", "reported_at"), Value(0)))
        .order_by()
        .values("paid_at", "participant_id", "kept_days")
        .annotate(kept_bookings=Count("*"))
        .values_list("paid_at", "participant_id", "kept_days", "kept_bookings")
    )


def payment_days_count(moments: Collection[datetime] | None = None) -> None:
    """Count again the kept rows of ``moments`` (None: all of them), inside the caller's
    transaction."""
    if moments is not None and not moments:
        return
    kept = PaymentDays.objects.all() if moments is None else PaymentDays.objects.filter(paid_at__in=moments)
    kept.delete()
    select, params = payment_days_counted(moments).query.sql_with_params()
    with connection.cursor() as cursor:
        insert = f"INSERT INTO {PaymentDays._meta.db_table} ({', '.join(_COLUMNS)}) "
        cursor.execute(insert + select, params)


def payment_days_after_paid(batch: PaymentBatch) -> None:
    """Keep the counts after ``batch`` was paid: its moment's and those of the paid batches built
    after it to any of its providers, which it may have taken bookings from."""
    providers = batch.lines.values("provider_id")
    later = (
        PaymentBatch.objects.filter(
            status=BatchStatus.PAID, paid_at__isnull=False, lines__provider_id__in=providers
        )
        .filter(Q(built_at__gt=batch.built_at) | Q(built_at=batch.built_at, pk__gt=batch.pk))
        .order_by()
        .values_list("paid_at", flat=True)
        .distinct()
    )
    moments = {moment for moment in (batch.paid_at, *later) if moment is not None}
    payment_days_count(moments)


def payment_days_violations() -> list[str]:
    """The kept counts that differ from the view's (empty when they agree)."""
    kept = set(PaymentDays.objects.values_list(*_COLUMNS))
    counted = set(payment_days_counted())
    return [
        f"kept time to payment {row[0]:%Y-%m-%d %H:%M:%S} person {row[1]}: {row[3]} booking(s) of {row[2]} "
        f"day(s) {'kept but not paid so' if row in kept else 'paid so but not kept'}"
        for row in sorted(kept ^ counted)
    ]
