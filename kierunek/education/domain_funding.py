"""Pure rules of the funding sources for education staff: the state of a call by its dates, who a
call fits, when a deadline is near, and the gmina's legal minimum for teacher development.

No Django here: the services and the tests use these functions with plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# What a call pays for, and who may apply (the values stored on a funding source).
PURPOSES = ("training", "advisory", "postgraduate", "networks", "materials")
APPLICANTS = ("gmina", "school", "teacher")

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"

# How many days before a deadline the subscribers of a fitting call are warned.
DEADLINE_WARNING_DAYS = 14

# Karta Nauczyciela art. 70a ust. 1: the gmina's budget plans funds for the professional development
# of teachers of at least 0.8 % of the planned yearly funds for teachers' personal salaries.
MIN_SHARE_PER_MILLE = 8


def call_state(*, opens_on: date | None, deadline: date | None, today: date) -> str:
    """``upcoming`` before the call opens, ``closed`` after its deadline (a call without a deadline
    runs until further notice), ``open`` in between."""
    if opens_on is not None and today < opens_on:
        return UPCOMING
    if deadline is not None and today > deadline:
        return CLOSED
    return OPEN


@dataclass(frozen=True)
class Profile:
    """What a subscriber wants to hear about: the kinds of applicant they may apply as, and the
    purposes they care for (none: every purpose)."""

    applicants: frozenset[str]
    purposes: frozenset[str] = frozenset()


def applicants_for_role(role: str) -> frozenset[str]:
    """A subscriber's role gives the applicant kinds they act as: a teacher applies as a teacher,
    a director for the school, gmina staff for the gmina; the Metropolis' staff follow every call."""
    return {
        "teacher": frozenset({"teacher"}),
        "school_director": frozenset({"school", "teacher"}),
        "gmina_staff": frozenset({"gmina"}),
        "metropolis_staff": frozenset(APPLICANTS),
    }.get(role, frozenset())


def fits(profile: Profile, *, applicants: Iterable[str], purposes: Iterable[str]) -> bool:
    """A call fits a profile when the subscriber may apply for it and it pays for something they
    want (any purpose when they chose none)."""
    if not profile.applicants & set(applicants):
        return False
    return not profile.purposes or bool(profile.purposes & set(purposes))


def deadline_near(*, deadline: date | None, today: date, days: int = DEADLINE_WARNING_DAYS) -> bool:
    """The deadline is today or within ``days`` days."""
    return deadline is not None and 0 <= (deadline - today).days <= days


def budget_minimum(planned_salaries: int) -> int:
    """The least a gmina may plan for teacher development, in grosze: 0.8 % of the planned
    salaries, rounded up to the grosz (so a plan of exactly the share never falls short)."""
    if planned_salaries < 0:
        raise ValueError("planned salaries cannot be negative")
    return -(-planned_salaries * MIN_SHARE_PER_MILLE // 1000)


def budget_meets_minimum(*, planned_salaries: int, planned_amount: int) -> bool:
    return planned_amount >= budget_minimum(planned_salaries)


def share_per_mille(*, planned_salaries: int, planned_amount: int) -> float | None:
    """The planned amount as a share of the salaries, in per mille (for showing); None without salaries."""
    if planned_salaries <= 0:
        return None
    return planned_amount * 1000 / planned_salaries
