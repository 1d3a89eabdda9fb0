"""The pure rules of the funding sources: a call's state, who it fits, deadlines near, and the
gmina's legal minimum for teacher development (0.8 % of planned salaries)."""

from datetime import date

import pytest

from kierunek.education import domain_funding as rules

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("opens_on", "deadline", "state"),
    [
        (None, None, rules.OPEN),
        (date(2026, 3, 11), None, rules.UPCOMING),
        (date(2026, 3, 10), date(2026, 3, 10), rules.OPEN),
        (None, date(2026, 3, 9), rules.CLOSED),
        (date(2026, 1, 1), date(2026, 4, 1), rules.OPEN),
    ],
)
def test_a_calls_state_follows_its_dates(opens_on, deadline, state):
    assert rules.call_state(opens_on=opens_on, deadline=deadline, today=TODAY) == state


@pytest.mark.parametrize(
    ("role", "purposes", "call_applicants", "call_purposes", "fits"),
    [
        ("teacher", set(), {"teacher"}, {"training"}, True),
        ("teacher", set(), {"school"}, {"training"}, False),
        ("school_director", set(), {"school"}, {"advisory"}, True),
        ("school_director", {"materials"}, {"school"}, {"advisory"}, False),
        ("gmina_staff", {"training"}, {"gmina", "school"}, {"training", "networks"}, True),
        ("gmina_staff", set(), {"teacher"}, {"training"}, False),
        ("metropolis_staff", set(), {"teacher"}, {"postgraduate"}, True),
        ("participant", set(), {"teacher"}, {"training"}, False),
    ],
)
def test_a_call_fits_whom_may_apply_and_what_they_want(role, purposes, call_applicants, call_purposes, fits):
    profile = rules.Profile(applicants=rules.applicants_for_role(role), purposes=frozenset(purposes))
    assert rules.fits(profile, applicants=call_applicants, purposes=call_purposes) is fits


@pytest.mark.parametrize(
    ("deadline", "near"),
    [
        (None, False),
        (date(2026, 3, 10), True),
        (date(2026, 3, 24), True),
        (date(2026, 3, 25), False),
        (date(2026, 3, 9), False),
    ],
)
def test_a_deadline_is_near_within_two_weeks(deadline, near):
    assert rules.deadline_near(deadline=deadline, today=TODAY) is near


@pytest.mark.parametrize(
    ("salaries", "minimum"),
    [
        (0, 0),
        (100_000_00, 800_00),  # 100 000 zł of salaries: at least 800 zł
        (1, 1),  # 0.008 grosza rounds up to a whole grosz
        (12_345_678_90, 98_765_44),  # 98 765,4312 zł rounded up to the grosz
    ],
)
def test_the_budget_minimum_is_eight_per_mille_rounded_up(salaries, minimum):
    assert rules.budget_minimum(salaries) == minimum
    assert rules.budget_meets_minimum(planned_salaries=salaries, planned_amount=minimum)
    if minimum:
        assert not rules.budget_meets_minimum(planned_salaries=salaries, planned_amount=minimum - 1)
