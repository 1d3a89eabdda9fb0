"""Pure rules of brokerage: what a mandate's scope lets a broker do, when a mandate is in force,
and the fraud signals' default thresholds with the reasons for them. No Django here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# What a participant lets a broker do (the mandate's scope).
PROPOSE = "propose"  # search services and propose them; the participant confirms each
BOOK = "book"  # book and cancel on the participant's behalf
PORTFOLIO = "portfolio"  # keep the participant's portfolio (add evidence)
CANCEL = "cancel"  # an act the booking scope allows
SCOPES = (PROPOSE, BOOK, PORTFOLIO)

# The acts under a mandate the participant sees (and the audit records).
ACT_PROPOSED = "proposed"
ACT_PROPOSAL_WITHDRAWN = "proposal_withdrawn"
ACT_BOOKED = "booked"
ACT_CANCELLED = "cancelled"
ACT_PORTFOLIO_ADDED = "portfolio_added"

# A proposal's states.
PROPOSED = "proposed"
BOOKED = "booked"
DECLINED = "declined"
WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class MandateTerms:
    propose: bool
    book: bool
    portfolio: bool
    book_without_confirmation: bool
    valid_from: date
    valid_until: date
    revoked_at: datetime | None


def mandate_in_force(terms: MandateTerms, *, day: date) -> bool:
    """A mandate counts from its first day to its end date, both included, until it is revoked
    (a revocation takes effect at once)."""
    return terms.revoked_at is None and terms.valid_from <= day <= terms.valid_until


def mandate_allows(terms: MandateTerms, *, act: str, day: date) -> bool:
    """Whether a mandate in force on ``day`` lets the broker take ``act``:

    - ``propose``: the propose scope, or the booking scope (a booking the participant confirms is a
      proposal);
    - ``book`` (directly, without the participant's confirmation): the booking scope and the
      participant's explicit permission to book without confirming;
    - ``cancel``: the booking scope;
    - ``portfolio``: the portfolio scope."""
    if not mandate_in_force(terms, day=day):
        return False
    if act == PROPOSE:
        return terms.propose or terms.book
    if act == BOOK:
        return terms.book and terms.book_without_confirmation
    if act == CANCEL:
        return terms.book
    if act == PORTFOLIO:
        return terms.portfolio
    return False


def mandate_terms_errors(
    *, propose: bool, book: bool, portfolio: bool, book_without_confirmation: bool, start: date, end: date
) -> dict[str, str]:
    """What is wrong with a mandate's terms (field -> message key), none when they hold."""
    errors = {}
    if not (propose or book or portfolio):
        errors["scope"] = "no_scope"
    if book_without_confirmation and not book:
        errors["book_without_confirmation"] = "direct_needs_book"
    if end < start:
        errors["valid_until"] = "ends_before_start"
    elif (end - start).days > MAX_MANDATE_DAYS:
        errors["valid_until"] = "too_long"
    return errors


MAX_MANDATE_DAYS = 366  # a mandate is given for a year at most, then asked again


# --- fraud signals ------------------------------------------------------------------------------

ONE_PROVIDER = "one_provider"
QUICK_BOOKING = "quick_booking"
IDENTICAL_ANSWERS = "identical_answers"
ONE_DEVICE = "one_device"
SIGNALS = (ONE_PROVIDER, QUICK_BOOKING, IDENTICAL_ANSWERS, ONE_DEVICE)


@dataclass(frozen=True)
class Threshold:
    """``count``: how many cases make a signal; ``measure``: the signal's other figure (a share in
    per cent, or minutes), 0 where it has none; ``reason``: why these values."""

    count: int
    measure: int
    reason: str


DEFAULT_THRESHOLDS = {
    ONE_PROVIDER: Threshold(
        count=5,
        measure=60,
        reason=(
            "Five bookings or more of a group with one provider, being 60% or more of the group's "
            "bookings: people choosing freely spread over several providers; nominees sent to one "
            "provider for a kickback do not."
        ),
    ),
    QUICK_BOOKING: Threshold(
        count=3,
        measure=30,
        reason=(
            "Three bookings or more made within 30 minutes of the person's registration: a person "
            "who registers for themselves usually reads the offer first; accounts made to be used "
            "by someone else are booked at once."
        ),
    ),
    IDENTICAL_ANSWERS: Threshold(
        count=3,
        measure=0,
        reason=(
            "Three surveys or more of one service in one month with the same scores and the same "
            "written comment, while the group had as many evaluated bookings of it: one hand filling in "
            "other people's surveys."
        ),
    ),
    ONE_DEVICE: Threshold(
        count=3,
        measure=0,
        reason=(
            "Attendance of three people or more confirmed from one address: each person confirms "
            "from their own login, usually on their own phone or computer."
        ),
    ),
}


def dominant_provider(counts: dict[int, int], *, threshold: Threshold) -> list[int]:
    """The providers whose bookings reach the threshold's count and its share of all."""
    total = sum(counts.values())
    if total == 0:
        return []
    return sorted(
        provider
        for provider, count in counts.items()
        if count >= threshold.count and count * 100 >= threshold.measure * total
    )


def booked_quickly(*, registered_at: datetime, booked_at: datetime, threshold: Threshold) -> bool:
    return timedelta_minutes(booked_at - registered_at) <= threshold.measure


def timedelta_minutes(delta: object) -> float:
    return delta.total_seconds() / 60  # type: ignore[attr-defined]
