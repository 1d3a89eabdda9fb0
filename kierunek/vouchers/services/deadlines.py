"""Deadlines of bookings, run by a scheduled task: a booking the provider did not answer in time
lapses, one whose result was not reported in time is not delivered; both release the vouchers. Then
the participant's deadlines to confirm and rate a completed service (``confirmation``): reminders
before them, the programme rule's outcome after them."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kierunek.core.actor import SYSTEM

from .. import domain
from ..models import Booking
from ..workflows import BOOKING
from .base import _locked_booking, _release, today
from .confirmation import confirmations_process

# (what is counted, the state, its deadline field, the transition, its note, free the seat?), in
# the order they run.
DEADLINES = (
    ("lapsed", domain.REQUESTED, "answer_by", "lapse", "no answer in time", True),
    ("not_delivered", domain.ACCEPTED, "report_by", "not_deliver", "no report in time", False),
)


def deadlines_process(*, on: date | None = None) -> dict[str, int]:
    """Lapse bookings the provider did not answer in time and mark as not delivered those whose
    result was not reported in time; both release the vouchers. Then close the confirmations whose
    deadlines passed and send the reminders due (``confirmation.confirmations_process``). Safe to
    run again: a booking moves once, a reminder is sent once."""
    day = on or today()
    counts: dict[str, int] = {}
    for counted, status, deadline, transition, note, free_seat in DEADLINES:
        counts[counted] = 0
        overdue = Booking.objects.filter(status=status, **{f"{deadline}__lt": day})
        for booking_id in overdue.values_list("pk", flat=True):
            with transaction.atomic():
                booking = _locked_booking(booking_id)
                if booking.status == status and getattr(booking, deadline) < day:
                    BOOKING.apply(booking, transition, actor=SYSTEM, note=note)
                    _release(booking, actor=SYSTEM, free_seat=free_seat)
                    counts[counted] += 1
    counts.update(confirmations_process(day=day))
    return counts
