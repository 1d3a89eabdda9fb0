"""Deadlines of bookings, run by a scheduled task: a booking the provider did not answer in time
lapses, one whose result was not reported in time is not delivered; both release the vouchers."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kierunek.core.actor import SYSTEM

from .. import domain
from ..models import Booking
from ..workflows import BOOKING
from .base import _locked_booking, _release, today


def deadlines_process(*, on: date | None = None) -> dict[str, int]:
    """Lapse bookings the provider did not answer in time and mark as not delivered those whose
    result was not reported in time; both release the vouchers. Safe to run again: a booking
    moves once."""
    day = on or today()
    counts = {"lapsed": 0, "not_delivered": 0}
    for booking_id in Booking.objects.filter(status=domain.REQUESTED, answer_by__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            booking = _locked_booking(booking_id)
            if booking.status == domain.REQUESTED and booking.answer_by < day:
                BOOKING.apply(booking, "lapse", actor=SYSTEM, note="no answer in time")
                _release(booking, actor=SYSTEM, free_seat=True)
                counts["lapsed"] += 1
    for booking_id in Booking.objects.filter(status=domain.ACCEPTED, report_by__lt=day).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            booking = _locked_booking(booking_id)
            if booking.status == domain.ACCEPTED and booking.report_by < day:
                BOOKING.apply(booking, "not_deliver", actor=SYSTEM, note="no report in time")
                _release(booking, actor=SYSTEM, free_seat=False)
                counts["not_delivered"] += 1
    return counts
