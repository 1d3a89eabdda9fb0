"""The rules of bookings and settlement as pure functions; no Django import.

A booking's life is a state machine whose named transitions are declared once, with the workflow
kit, in ``workflows.BOOKING``; here are its states. What happens to the reserved vouchers follows
from the state a booking reaches:

- rejected, lapsed (no answer in time), cancelled, not completed, no-show, not delivered (no report
  in time): the reservation is released back to the participant's vouchers;
- settled: the reservation becomes the provider's receivable;
- clawed back: the settled amount returns to the programme budget.

Deadlines are computed here from the booking rule in force (``programmes.domain.BookingRules``).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta

REQUESTED = "requested"
ACCEPTED = "accepted"
REJECTED = "rejected"
LAPSED = "lapsed"
CANCELLED = "cancelled"
FROZEN = "frozen"
COMPLETED = "completed"
NOT_COMPLETED = "not_completed"
NO_SHOW = "no_show"
NOT_DELIVERED = "not_delivered"
SETTLED = "settled"
CLAWED_BACK = "clawed_back"

# States that hold a reservation.
RESERVING = frozenset({REQUESTED, ACCEPTED, FROZEN, COMPLETED})
# States reached by releasing the reservation to the participant.
RELEASING = frozenset({REJECTED, LAPSED, CANCELLED, NOT_COMPLETED, NO_SHOW, NOT_DELIVERED})
# Completion results the provider reports, and the transition each one takes.
# States of a booking the provider has accepted and that still concern both sides (the service,
# its result, its settlement): the participant and the provider see each other's contact. Not
# before the acceptance, and not after a cancellation, a rejection or a freeze.
CONTACTS_SHARED = frozenset(
    {ACCEPTED, COMPLETED, NOT_COMPLETED, NO_SHOW, NOT_DELIVERED, SETTLED, CLAWED_BACK}
)
RESULT_TRANSITIONS = {COMPLETED: "complete", NOT_COMPLETED: "not_complete", NO_SHOW: "no_show"}


def add_working_days(start: date, days: int, holidays: Container[date]) -> date:
    """The day ``days`` working days after ``start`` (Monday to Friday, not a public holiday).
    ``start`` itself does not count, so an answer due in 5 working days from a Friday booking is
    due on the next Friday."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


@dataclass(frozen=True)
class BookingDeadlines:
    answer_by: date
    cancel_until: date
    report_by: date


def booking_deadlines(
    *,
    booked_on: date,
    starts_on: date,
    ends_on: date,
    answer_working_days: int,
    cancel_days_before_start: int,
    report_days_after_end: int,
    holidays: Container[date],
) -> BookingDeadlines:
    """The deadlines of a booking made on ``booked_on``. The provider's answer is due no later
    than the day before the start, however many working days the rule gives."""
    answer_by = min(add_working_days(booked_on, answer_working_days, holidays), starts_on - timedelta(days=1))
    return BookingDeadlines(
        answer_by=max(answer_by, booked_on),
        cancel_until=starts_on - timedelta(days=cancel_days_before_start),
        report_by=ends_on + timedelta(days=report_days_after_end),
    )


def booking_too_late(*, booked_on: date, starts_on: date, min_days_before_start: int) -> bool:
    """A booking is made at least ``min_days_before_start`` days before the start."""
    return (starts_on - booked_on).days < min_days_before_start


def expiry_date(*, issued_on: date, use_by_days: int, programme_ends_on: date) -> date:
    """Vouchers may be used for ``use_by_days`` days after issue, never past the programme's end."""
    return min(issued_on + timedelta(days=use_by_days), programme_ends_on)


def settleable(
    *,
    status: str,
    confirmed: bool,
    evaluated: bool,
    provider_frozen: bool,
    provider_on_hold: bool,
) -> list[str]:
    """Why a booking cannot be settled now; an empty list means it can. Only a completed booking
    that the participant confirmed and evaluated, of a provider whose payouts are neither frozen
    nor on hold, becomes the provider's receivable."""
    reasons = []
    if status != COMPLETED:
        reasons.append("not_completed")
    if not confirmed:
        reasons.append("not_confirmed")
    if not evaluated:
        reasons.append("not_evaluated")
    if provider_frozen:
        reasons.append("provider_frozen")
    if provider_on_hold:
        reasons.append("provider_on_hold")
    return reasons


def balanced(amounts: list[int]) -> bool:
    """A transaction's postings: at least two, none zero, summing to zero."""
    return len(amounts) >= 2 and all(amounts) and sum(amounts) == 0
