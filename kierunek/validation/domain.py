"""Pure rules of validation: the states of a candidate's validation, the appeal's deadline, the
commission's size and what makes a result positive. No Django here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

APPLIED = "applied"
IDENTIFICATION = "identification"
DOCUMENTATION = "documentation"
VERIFICATION = "verification"
PASSED = "passed"
FAILED = "failed"
APPEALED = "appealed"
REFUSED = "refused"
WITHDRAWN = "withdrawn"

STATES = (APPLIED, IDENTIFICATION, DOCUMENTATION, VERIFICATION, PASSED, FAILED, APPEALED, REFUSED, WITHDRAWN)
OPEN = (APPLIED, IDENTIFICATION, DOCUMENTATION, VERIFICATION, FAILED, APPEALED)

APPEAL_DAYS = 14  # the candidate may appeal a negative result within this many days
MIN_COMMISSION = 2  # a verification commission has at least two assessors
MAX_SEATS = 200

# The candidate's self-assessment of one learning outcome.
CAN = "can"
PARTLY = "partly"
CANNOT = "cannot"
SELF_LEVELS = (CAN, PARTLY, CANNOT)


def appeal_deadline(decided_on: date) -> date:
    """The last day an appeal of a result decided on ``decided_on`` is accepted."""
    return decided_on + timedelta(days=APPEAL_DAYS)


def sets_passed(results: Iterable[tuple[int, bool]]) -> set[int]:
    """The outcome sets (ids) passed in any session: a set passed once stays passed at a re-sit."""
    return {set_id for set_id, passed in results if passed}


def outcome(set_ids: Iterable[int], results: Iterable[tuple[int, bool]]) -> str | None:
    """The validation's result once every set of the qualification has a result: PASSED when all
    were passed (in any session), FAILED when one is still not; None while a set has none."""
    wanted = set(set_ids)
    results = list(results)
    judged = {set_id for set_id, _passed in results}
    if not wanted or not wanted <= judged:
        return None
    return PASSED if wanted <= sets_passed(results) else FAILED


def sets_to_sit(set_ids: Iterable[int], results: Iterable[tuple[int, bool]]) -> list[int]:
    """The sets a candidate still has to sit (not yet passed), in the order given."""
    passed = sets_passed(results)
    return [set_id for set_id in set_ids if set_id not in passed]


def self_assessment_complete(outcome_ids: Iterable[int], assessed: Mapping[int, str]) -> bool:
    """Every learning outcome of the qualification has the candidate's self-assessment."""
    return all(assessed.get(outcome_id) in SELF_LEVELS for outcome_id in outcome_ids)
