"""The pure rules of a complaint: its states and its deadlines (no Django).

The deadlines come from the programme's ``complaints`` rule (``programmes.domain.ComplaintRules``):
the provider answers within ``answer_days`` of being asked (when an officer takes the complaint
up), and an officer decides within ``decision_days`` of the complaint's receipt."""

from __future__ import annotations

from datetime import date, timedelta

RECEIVED = "received"
UNDER_REVIEW = "under_review"
ANSWERED = "answered"
UPHELD = "upheld"
DISMISSED = "dismissed"

OPEN = (RECEIVED, UNDER_REVIEW, ANSWERED)
DECIDED = (UPHELD, DISMISSED)

ABOUT_SERVICE = "service"
ABOUT_PROVIDER = "provider"


def decision_due(*, received_on: date, decision_days: int) -> date:
    """The last day an officer decides on a complaint received on ``received_on``."""
    return received_on + timedelta(days=decision_days)


def answer_due(*, asked_on: date, answer_days: int) -> date:
    """The last day the provider answers a complaint it was asked about on ``asked_on``."""
    return asked_on + timedelta(days=answer_days)


def is_overdue(*, status: str, today: date, decision_due: date, answer_due: date | None) -> bool:
    """An open complaint past the decision deadline, or still waiting for the provider's answer past
    the answer deadline. A decided complaint is never overdue."""
    if status not in OPEN:
        return False
    if today > decision_due:
        return True
    return status == UNDER_REVIEW and answer_due is not None and today > answer_due
