"""The booking and settlement rules of vouchers/domain.py, as tables (the booking's transitions:
test_booking_workflow.py)."""

from datetime import date

import pytest

from kierunek.vouchers import domain
from kierunek.vouchers.domain import (
    ACCEPTED,
    CANCELLED,
    CLAWED_BACK,
    COMPLETED,
    FROZEN,
    LAPSED,
    NO_SHOW,
    NOT_COMPLETED,
    NOT_DELIVERED,
    REJECTED,
    REQUESTED,
    SETTLED,
    UNCONFIRMED,
)
from kierunek.vouchers.services.calendar import POLISH_HOLIDAYS

ALL_STATES = [
    REQUESTED,
    ACCEPTED,
    REJECTED,
    LAPSED,
    CANCELLED,
    FROZEN,
    COMPLETED,
    NOT_COMPLETED,
    NO_SHOW,
    NOT_DELIVERED,
    SETTLED,
    CLAWED_BACK,
    UNCONFIRMED,
]


def test_reserving_and_releasing_states_split_the_states_a_reservation_can_be_in():
    assert domain.RESERVING.isdisjoint(domain.RELEASING)
    assert set(ALL_STATES) == domain.RESERVING | domain.RELEASING | {SETTLED, CLAWED_BACK}


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 16), 0, date(2026, 11, 16)),  # no days: the same day
        (date(2026, 11, 16), 1, date(2026, 11, 17)),  # Monday -> Tuesday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday -> Monday (weekend skipped)
        (date(2026, 11, 20), 5, date(2026, 11, 27)),  # Friday + 5 -> next Friday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # from a Saturday
        (date(2026, 11, 10), 1, date(2026, 11, 12)),  # 11.11 Independence Day skipped
        # 24.12 (a public holiday from 2025), 25.12, 26.12 and the weekend 26-27.12.2026
        (date(2026, 12, 23), 1, date(2026, 12, 28)),
        (date(2026, 12, 23), 5, date(2027, 1, 4)),  # 1.01.2027 (Friday) skipped too
        (date(2027, 1, 5), 1, date(2027, 1, 7)),  # 6.01 Epiphany skipped
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # New Year's Day, then the weekend
    ],
)
def test_add_working_days_skips_weekends_and_polish_holidays(start, days, expected):
    assert domain.add_working_days(start, days, POLISH_HOLIDAYS) == expected


def test_add_working_days_refuses_negative_days():
    with pytest.raises(ValueError, match="negative"):
        domain.add_working_days(date(2026, 1, 5), -1, POLISH_HOLIDAYS)


@pytest.mark.parametrize(
    ("booked_on", "starts_on", "ends_on", "answer_by", "cancel_until", "report_by"),
    [
        # 5 working days after a Monday booking, well before the start.
        (date(2026, 11, 16), date(2026, 12, 14), date(2026, 12, 15), date(2026, 11, 23), date(2026, 12, 12),
         date(2026, 12, 29)),
        # The answer is due the day before the start when the working days reach past it.
        (date(2026, 11, 16), date(2026, 11, 20), date(2026, 11, 20), date(2026, 11, 19), date(2026, 11, 18),
         date(2026, 12, 4)),
        # Over Christmas and New Year: 23.12 + 5 working days is 4.01.2027.
        (date(2026, 12, 23), date(2027, 2, 1), date(2027, 2, 5), date(2027, 1, 4), date(2027, 1, 30),
         date(2027, 2, 19)),
        # Never before the booking day, even for a service starting the next day.
        (date(2026, 11, 16), date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 16), date(2026, 11, 14),
         date(2026, 12, 1)),
    ],
)  # fmt: skip
def test_booking_deadlines(booked_on, starts_on, ends_on, answer_by, cancel_until, report_by):
    deadlines = domain.booking_deadlines(
        booked_on=booked_on,
        starts_on=starts_on,
        ends_on=ends_on,
        answer_working_days=5,
        cancel_days_before_start=2,
        report_days_after_end=14,
        holidays=POLISH_HOLIDAYS,
    )
    assert deadlines == domain.BookingDeadlines(
        answer_by=answer_by, cancel_until=cancel_until, report_by=report_by
    )


@pytest.mark.parametrize(
    ("booked_on", "starts_on", "too_late"),
    [
        (date(2026, 11, 16), date(2026, 11, 19), False),  # exactly 3 days before
        (date(2026, 11, 17), date(2026, 11, 19), True),
        (date(2026, 11, 20), date(2026, 11, 19), True),  # after the start
    ],
)
def test_booking_too_late(booked_on, starts_on, too_late):
    assert (
        domain.booking_too_late(booked_on=booked_on, starts_on=starts_on, min_days_before_start=3) is too_late
    )


@pytest.mark.parametrize(
    ("issued_on", "programme_ends_on", "expected"),
    [
        (date(2026, 3, 1), date(2029, 12, 31), date(2027, 3, 1)),  # 365 days later
        (date(2027, 3, 1), date(2028, 2, 29), date(2028, 2, 29)),  # a leap year: 365 days = 29.02
        (date(2029, 6, 30), date(2029, 12, 31), date(2029, 12, 31)),  # never past the programme
    ],
)
def test_expiry_date(issued_on, programme_ends_on, expected):
    assert (
        domain.expiry_date(issued_on=issued_on, use_by_days=365, programme_ends_on=programme_ends_on)
        == expected
    )


SETTLEABLE = {
    "status": COMPLETED,
    "confirmed": True,
    "evaluated": True,
    "provider_frozen": False,
    "provider_on_hold": False,
}


@pytest.mark.parametrize(
    ("change", "reasons"),
    [
        ({}, []),
        ({"status": ACCEPTED}, ["not_completed"]),
        ({"status": SETTLED}, ["not_completed"]),
        ({"confirmed": False}, ["not_confirmed"]),
        ({"evaluated": False}, ["not_evaluated"]),
        ({"provider_frozen": True}, ["provider_frozen"]),
        ({"provider_on_hold": True}, ["provider_on_hold"]),
        (
            {"status": FROZEN, "confirmed": False, "evaluated": False, "provider_frozen": True,
             "provider_on_hold": True},
            ["not_completed", "not_confirmed", "not_evaluated", "provider_frozen", "provider_on_hold"],
        ),
    ],
)  # fmt: skip
def test_settleable_gives_every_reason(change, reasons):
    assert domain.settleable(**{**SETTLEABLE, **change}) == reasons


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ([100, -100], True),
        ([100, -60, -40], True),
        ([], False),
        ([0, 0], False),  # a zero leg moves nothing
        ([100, 0, -100], False),
        ([100], False),  # one leg
        ([100, -99], False),
        ([-100, -100], False),
    ],
)
def test_balanced(amounts, expected):
    assert domain.balanced(amounts) is expected
