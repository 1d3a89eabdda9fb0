"""Rules of the quality-mark context that need no database and no Django: the states of a case
and the validity of a mark. The states' labels are in models.py; the case's transitions are
declared in workflows.py."""

from datetime import date, timedelta
from enum import StrEnum


class CaseState(StrEnum):
    """Where a quality-mark case stands. A case is one application and, if granted, the mark it
    produced, until it ends (refused, withdrawn, expired). A renewal is a new case."""

    APPLICATION = "application"
    SELF_ASSESSMENT = "self_assessment"
    AWAITING_AUDIT = "awaiting_audit"
    AUDIT = "audit"
    AUDIT_REPORTED = "audit_reported"
    GRANTED = "granted"
    REFUSED = "refused"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


FINAL_STATES = frozenset({CaseState.REFUSED, CaseState.WITHDRAWN, CaseState.EXPIRED})


def mark_valid_until(*, granted_on: date, years: int) -> date:
    """A mark granted on 15 March 2026 for 3 years is valid through 14 March 2029."""
    try:
        anniversary = granted_on.replace(year=granted_on.year + years)
    except ValueError:  # 29 February
        anniversary = granted_on.replace(year=granted_on.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)
