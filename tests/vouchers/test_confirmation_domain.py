"""The participant's confirmation deadlines as pure rules (vouchers/domain.py): the deadlines from
the day of the report, which reminder is due, and what the deadline decides."""

from datetime import date, timedelta

import pytest

from kierunek.programmes.domain_confirmation import CONFIRM_WITHOUT_RATING, TO_OFFICER
from kierunek.vouchers import domain

REPORTED = date(2026, 9, 1)
CONFIRM_BY = date(2026, 9, 15)
RATE_BY = date(2026, 9, 22)


def test_the_deadlines_count_calendar_days_from_the_report():
    deadlines = domain.confirmation_deadlines(reported_on=REPORTED, confirm_days=14, rate_days=21)
    assert (deadlines.confirm_by, deadlines.rate_by) == (CONFIRM_BY, RATE_BY)


def _reminder(day, *, confirmed=False, evaluated=False, sent=()):
    return domain.confirmation_reminder(
        day=day,
        confirm_by=CONFIRM_BY,
        rate_by=RATE_BY,
        confirmed=confirmed,
        evaluated=evaluated,
        days_before=(7, 2),
        sent=sent,
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (CONFIRM_BY - timedelta(days=8), None),  # too early
        (CONFIRM_BY - timedelta(days=7), "2026-09-15:7"),
        (CONFIRM_BY - timedelta(days=3), "2026-09-15:7"),  # the task did not run on the day itself
        (CONFIRM_BY - timedelta(days=2), "2026-09-15:2"),
        (CONFIRM_BY, "2026-09-15:2"),  # the last day still counts
        (CONFIRM_BY + timedelta(days=1), None),  # past the deadline: no reminder, the rule decides
    ],
)
def test_the_nearest_reminder_reached_is_due(day, expected):
    assert _reminder(day) == expected


def test_a_reminder_is_sent_once_and_a_missed_day_never_makes_two():
    assert _reminder(CONFIRM_BY - timedelta(days=6), sent=["2026-09-15:7"]) is None
    # Both reminder days passed while the task did not run: one e-mail, the nearest.
    assert _reminder(CONFIRM_BY - timedelta(days=1), sent=[]) == "2026-09-15:2"
    assert _reminder(CONFIRM_BY - timedelta(days=1), sent=["2026-09-15:2"]) is None


def test_once_confirmed_the_reminder_is_of_the_rating_deadline_and_none_when_both_are_done():
    assert _reminder(RATE_BY - timedelta(days=2), confirmed=True) == "2026-09-22:2"
    assert _reminder(CONFIRM_BY - timedelta(days=2), confirmed=True) is None  # rating due later
    assert _reminder(RATE_BY - timedelta(days=2), confirmed=True, evaluated=True) is None


def _closing(day, *, confirmed=False, evaluated=False, after=TO_OFFICER):
    return domain.confirmation_closing(
        day=day,
        confirm_by=CONFIRM_BY,
        rate_by=RATE_BY,
        confirmed=confirmed,
        evaluated=evaluated,
        after_deadline=after,
    )


def test_nothing_is_decided_on_or_before_the_deadline():
    assert _closing(CONFIRM_BY) is None
    assert _closing(RATE_BY, confirmed=True) is None


def test_after_the_deadline_the_rule_decides_for_an_unconfirmed_service():
    day = CONFIRM_BY + timedelta(days=1)
    assert _closing(day, after=TO_OFFICER) == domain.REFERRED
    assert _closing(day, after=CONFIRM_WITHOUT_RATING) == domain.DEEMED_CONFIRMED
    # Rated but not confirmed: still the confirmation that is missing.
    assert _closing(day, evaluated=True, after=TO_OFFICER) == domain.REFERRED


def test_a_confirmed_service_not_rated_in_time_is_closed_without_a_rating_whatever_the_rule():
    day = RATE_BY + timedelta(days=1)
    for after in (TO_OFFICER, CONFIRM_WITHOUT_RATING):
        assert _closing(day, confirmed=True, after=after) == domain.NOT_RATED
    assert _closing(day, confirmed=True, evaluated=True) is None


@pytest.mark.parametrize(
    ("confirmed", "evaluated", "closed", "reasons"),
    [
        (True, True, False, []),
        (False, False, True, []),
        (True, False, True, []),
        (True, False, False, ["not_evaluated"]),
        (False, False, False, ["not_confirmed", "not_evaluated"]),
    ],
)
def test_a_closed_confirmation_is_settleable_without_confirmation_or_rating(
    confirmed, evaluated, closed, reasons
):
    assert (
        domain.settleable(
            status=domain.COMPLETED,
            confirmed=confirmed,
            evaluated=evaluated,
            provider_frozen=False,
            provider_on_hold=False,
            closed=closed,
        )
        == reasons
    )


def test_the_outcomes_that_may_be_settled_leave_out_the_officer_finding_it_not_delivered():
    assert domain.OFFICER_NOT_DELIVERED not in domain.SETTLEABLE_OUTCOMES
    assert domain.UNCONFIRMED in domain.RESERVING
