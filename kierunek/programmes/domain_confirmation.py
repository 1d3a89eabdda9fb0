"""The ``confirmation`` rule as pure data (no Django; imported by :mod:`.domain`, whose module is at
the house's size limit): how long a participant has to confirm the attendance and to rate a
completed service, when they are reminded, and what the programme decides when the deadline passes.

Shape of a version's value::

    {"confirm_days_after_report": 14, "rate_days_after_report": 14,
     "reminder_days_before": [7, 2], "after_deadline": "to_officer"}

- ``confirm_days_after_report`` / ``rate_days_after_report``: calendar days after the day the
  provider reported completion by which the participant confirms the attendance / rates the
  service (the rating stays possible later, but no longer holds up the payment);
- ``reminder_days_before``: the participant is e-mailed this many days before the deadline of what
  is still missing (each once);
- ``after_deadline``: what happens to a booking whose attendance was not confirmed in time:
  ``confirm_without_rating`` (treated as confirmed, settled without a rating) or ``to_officer`` (an
  officer decides: confirm it for settlement, or close it as not delivered and return the vouchers).
  A booking the participant confirmed but did not rate in time is settled without a rating either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .domain import RuleValueError, _int, _list

CONFIRM_WITHOUT_RATING = "confirm_without_rating"
TO_OFFICER = "to_officer"
AFTER_DEADLINE = (CONFIRM_WITHOUT_RATING, TO_OFFICER)


@dataclass(frozen=True)
class ConfirmationRules:
    """One dated version of the confirmation rule (the shape above)."""

    confirm_days_after_report: int = 14
    rate_days_after_report: int = 14
    reminder_days_before: tuple[int, ...] = (7, 2)
    after_deadline: str = TO_OFFICER
    valid_from: date | None = None
    decision_ref: str = ""


def confirmation_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> ConfirmationRules:
    """Parse the JSON value of a ``confirmation`` rule version. Raises ``RuleValueError``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("A confirmation rule is an object.")
    confirm_days = _int(value.get("confirm_days_after_report"), "confirm_days_after_report", minimum=1)
    rate_days = _int(value.get("rate_days_after_report"), "rate_days_after_report", minimum=1)
    longest = max(confirm_days, rate_days)
    reminders = [
        _int(days, "reminder_days_before", minimum=1, maximum=longest)
        for days in _list(value.get("reminder_days_before", []), "reminder_days_before")
    ]
    if len(set(reminders)) != len(reminders):
        raise RuleValueError("reminder_days_before: each day may be given once.")
    after = value.get("after_deadline")
    if after not in AFTER_DEADLINE:
        raise RuleValueError(f"after_deadline must be one of {', '.join(AFTER_DEADLINE)}.")
    return ConfirmationRules(
        confirm_days_after_report=confirm_days,
        rate_days_after_report=rate_days,
        reminder_days_before=tuple(sorted(reminders, reverse=True)),
        after_deadline=after,
        valid_from=valid_from,
        decision_ref=decision_ref,
    )
