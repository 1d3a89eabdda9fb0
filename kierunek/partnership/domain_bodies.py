"""The pure rules of the partnership's bodies and groups (no Django): their kinds, the functions
of their members, the states of a decision and of a group's product, how decisions are numbered
and how long a council's term runs.

A partnership has a general assembly (every partner institution), councils with terms (the MPKU's
programme council for three years, the investors' partner council), an office, and task and
working groups, each on one topic, with a leader. A body's members are people from partner
institutions; their names, functions and institutions are public, their e-mails never are."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

# Kinds of bodies.
GENERAL_ASSEMBLY = "general_assembly"
COUNCIL = "council"
OFFICE = "office"
TASK_GROUP = "task_group"
WORKING_GROUP = "working_group"
GROUPS = (TASK_GROUP, WORKING_GROUP)
WITH_TERMS = (COUNCIL,)

# Functions of a member.
CHAIR = "chair"
DEPUTY = "deputy"
SECRETARY = "secretary"
LEADER = "leader"
MEMBER = "member"
# One person holds each of these at a time in a body (a database constraint says so too).
SINGLE = (CHAIR, LEADER)
# Members who keep the body's records (meetings, decisions, minutes, products) beside the office.
KEEPERS = (SECRETARY, LEADER)
# Functions a body of each kind has.
FUNCTIONS_OF = {
    GENERAL_ASSEMBLY: (CHAIR, DEPUTY, SECRETARY, MEMBER),
    COUNCIL: (CHAIR, DEPUTY, SECRETARY, MEMBER),
    OFFICE: (CHAIR, SECRETARY, MEMBER),
    TASK_GROUP: (LEADER, SECRETARY, MEMBER),
    WORKING_GROUP: (LEADER, SECRETARY, MEMBER),
}

# A decision of a body.
ADOPTED = "adopted"
IMPLEMENTED = "implemented"
REPEALED = "repealed"

# A product of a group.
DRAFT = "draft"
IN_REVIEW = "in_review"
APPROVED = "approved"
PUBLISHED = "published"
EDITABLE = (DRAFT,)

TERM_YEARS_DEFAULT = 3


def next_number(numbers: Iterable[int]) -> int:
    """Decisions are numbered per body and year from 1: the next is one above the highest so far
    (a repealed decision keeps its number, so numbers are never reused)."""
    return max(numbers, default=0) + 1


def decision_reference(*, number: int, year: int) -> str:
    """How a decision is cited: ``3/2025`` (the third decision of the body in 2025)."""
    return f"{number}/{year}"


def term_end(starts_on: date, *, years: int = TERM_YEARS_DEFAULT) -> date:
    """The last day of a term of ``years`` from ``starts_on`` (a term from 1 March 2024 for three
    years ends on 28 February 2027; from 29 February, on 28 February)."""
    year = starts_on.year + years
    try:
        after = starts_on.replace(year=year)
    except ValueError:  # 29 February into a common year
        after = date(year, 3, 1)
    return date.fromordinal(after.toordinal() - 1)


def terms_overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Two terms of one council may not run at the same time."""
    return a[0] <= b[1] and b[0] <= a[1]


def seat_open(*, joined_on: date, left_on: date | None, on: date) -> bool:
    """A member sits in the body on a day from joining until the day they left (inclusive)."""
    return joined_on <= on and (left_on is None or on <= left_on)
