"""The rules of bookings and settlement as pure functions; no Django import.

A booking's life is a state machine whose named transitions are declared once, with the workflow
kit, in ``workflows.BOOKING``; here are its states. What happens to the reserved vouchers follows
from the state a booking reaches:

- rejected, lapsed (no answer in time), cancelled, not completed, no-show, not delivered (no report
  in time): the reservation is released back to the participant's vouchers;
- settled: the reservation becomes the provider's receivable;
- clawed back: the settled amount returns to the programme budget.

A completed booking waits for the participant's confirmation and rating until the deadlines of the
``confirmation`` rule (``programmes.domain_confirmation``); then the rule decides
(``confirmation_closing``) and the outcome is recorded on the booking (``SETTLEABLE_OUTCOMES`` may
be settled without a rating).

Deadlines are computed here from the booking rule in force (``programmes.domain.BookingRules``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum import damm

from kierunek.programmes.domain_confirmation import CONFIRM_WITHOUT_RATING

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
# A booking settled for good: a clawback takes its money back but does not undo the settlement.
SETTLED_STATES = (SETTLED, CLAWED_BACK)
# Completed, not confirmed by the participant in time: waits for an officer's decision.
UNCONFIRMED = "unconfirmed"

# States that hold a reservation.
RESERVING = frozenset({REQUESTED, ACCEPTED, FROZEN, COMPLETED, UNCONFIRMED})
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
    closed: bool = False,
) -> list[str]:
    """Why a booking cannot be settled now; an empty list means it can. Only a completed booking
    that the participant confirmed and evaluated, or that its confirmation deadline ``closed`` with
    a settleable outcome (``SETTLEABLE_OUTCOMES``), of a provider whose payouts are neither frozen
    nor on hold, becomes the provider's receivable."""
    reasons = []
    if status != COMPLETED:
        reasons.append("not_completed")
    if not confirmed and not closed:
        reasons.append("not_confirmed")
    if not evaluated and not closed:
        reasons.append("not_evaluated")
    if provider_frozen:
        reasons.append("provider_frozen")
    if provider_on_hold:
        reasons.append("provider_on_hold")
    return reasons


# --- the participant's confirmation and rating ----------------------------------------------------

# How the confirmation deadline closed a completed booking (``Booking.confirmation_outcome``).
NOT_RATED = "not_rated"  # confirmed by the participant, not rated in time
DEEMED_CONFIRMED = "deemed_confirmed"  # not confirmed in time; the rule counts it as confirmed
OFFICER_CONFIRMED = "officer_confirmed"  # not confirmed in time; an officer confirmed it
OFFICER_NOT_DELIVERED = "officer_not_delivered"  # not confirmed in time; an officer found it not delivered
SETTLEABLE_OUTCOMES = frozenset({NOT_RATED, DEEMED_CONFIRMED, OFFICER_CONFIRMED})
# What ``confirmation_closing`` may decide besides an outcome: the booking goes to an officer.
REFERRED = "referred"


@dataclass(frozen=True)
class ConfirmationDeadlines:
    confirm_by: date
    rate_by: date


def confirmation_deadlines(*, reported_on: date, confirm_days: int, rate_days: int) -> ConfirmationDeadlines:
    """The participant's deadlines, counted in calendar days from the day completion was reported."""
    return ConfirmationDeadlines(
        confirm_by=reported_on + timedelta(days=confirm_days),
        rate_by=reported_on + timedelta(days=rate_days),
    )


def confirmation_reminder(
    *,
    day: date,
    confirm_by: date,
    rate_by: date,
    confirmed: bool,
    evaluated: bool,
    days_before: Collection[int],
    sent: Collection[str],
) -> str | None:
    """The reminder due on ``day`` and not sent yet, as its key (``"<deadline>:<days before>"``),
    or None. It reminds of the nearer deadline of what is missing (the confirmation, else the
    rating); of the reminder days already reached only the nearest counts, so a day the task did
    not run never makes two e-mails, and the same deadline is never reminded twice for one day."""
    if not confirmed:
        deadline = confirm_by
    elif not evaluated:
        deadline = rate_by
    else:
        return None
    left = (deadline - day).days
    due = [days for days in days_before if 0 <= left <= days]
    if not due:
        return None
    key = f"{deadline.isoformat()}:{min(due)}"
    return None if key in sent else key


def confirmation_closing(
    *, day: date, confirm_by: date, rate_by: date, confirmed: bool, evaluated: bool, after_deadline: str
) -> str | None:
    """What the deadlines decide on ``day`` for a completed booking still open: nothing (None); a
    booking not confirmed by ``confirm_by`` is, as the rule says, ``DEEMED_CONFIRMED`` or
    ``REFERRED`` to an officer; one confirmed but not rated by ``rate_by`` is ``NOT_RATED``."""
    if not confirmed:
        if day <= confirm_by:
            return None
        return DEEMED_CONFIRMED if after_deadline == CONFIRM_WITHOUT_RATING else REFERRED
    if not evaluated and day > rate_by:
        return NOT_RATED
    return None


def balanced(amounts: list[int]) -> bool:
    """A transaction's postings: at least two, none zero, summing to zero."""
    return len(amounts) >= 2 and all(amounts) and sum(amounts) == 0


# --- own contributions --------------------------------------------------------------------------

# The transfer title of a contribution: "KW-<year>-<order number, 6 digits>-<check digit>", short and
# in the characters every Polish bank keeps in a title. The check digit (Damm's algorithm over the
# ten digits) catches every single wrong digit and every swap of two neighbouring digits, so a typo
# in a bank transfer never pays somebody else's contribution.
TITLE_PREFIX = "KW"
TITLE_NUMBER_DIGITS = 6
_TITLE_IN_TEXT = re.compile(
    rf"(?<![A-Z0-9]){TITLE_PREFIX}[\s\-/]*(\d{{4}})[\s\-/]*(\d{{{TITLE_NUMBER_DIGITS}}})[\s\-/]*(\d)(?!\d)"
)


def damm_check_digit(digits: str) -> int:
    """The Damm check digit of a string of digits (python-stdnum's; a string with its digit
    appended checks to 0)."""
    return int(damm.calc_check_digit(digits))


def transfer_title(*, year: int, number: int) -> str:
    """``KW-2026-000123-7`` for order 123 of 2026."""
    if not 1000 <= year <= 9999 or not 0 < number < 10**TITLE_NUMBER_DIGITS:
        raise ValueError("A transfer title needs a four-digit year and a number of at most six digits.")
    body = f"{year:04d}{number:0{TITLE_NUMBER_DIGITS}d}"
    return f"{TITLE_PREFIX}-{year:04d}-{number:0{TITLE_NUMBER_DIGITS}d}-{damm_check_digit(body)}"


def transfer_titles_in(text: str) -> list[str]:
    """The well-formed contribution titles found in a bank entry's title, written as we write them:
    a payer may change the case, leave out or add dashes and spaces, and surround it with other
    words; a title whose check digit is wrong is not one (a typo, never another person's)."""
    found = []
    for match in _TITLE_IN_TEXT.finditer(text.upper()):
        year, number, check = match.groups()
        if damm_check_digit(year + number) == int(check):
            found.append(f"{TITLE_PREFIX}-{year}-{number}-{check}")
    return found


def contribution_due_on(*, ordered_on: date, working_days: int, holidays: Container[date]) -> date:
    """The last day to pay: ``working_days`` working days after the day of the order."""
    return add_working_days(ordered_on, working_days, holidays)
