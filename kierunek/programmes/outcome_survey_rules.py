"""The ``outcome_survey`` rule of a programme, pure like :mod:`.domain` (no Django): when the
outcome survey is sent after a service, its reminders and when it closes. Kept next to the domain
rather than in it only because ``domain.py`` is at the size limit of a module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .domain import RuleValueError, _int, _list


@dataclass(frozen=True)
class OutcomeSurveyRules:
    """The outcome survey: invited ``delay_months`` after completion, reminded ``reminder_days``
    (ascending) after the invitation while unanswered, closed ``closes_after_days`` after it."""

    delay_months: int = 6
    reminder_days: tuple[int, ...] = (14, 28)
    closes_after_days: int = 42
    valid_from: date | None = None
    decision_ref: str = ""


def outcome_survey_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> OutcomeSurveyRules:
    """Parse ``{"delay_months": 6, "reminder_days": [14, 28], "closes_after_days": 42}``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("An outcome survey rule is an object.")
    closes = _int(value.get("closes_after_days"), "closes_after_days", minimum=1, maximum=365)
    reminders = tuple(
        _int(d, "reminder_days", minimum=1) for d in _list(value.get("reminder_days"), "reminder_days")
    )
    if list(reminders) != sorted(set(reminders)) or (reminders and reminders[-1] >= closes):
        raise RuleValueError("reminder_days must be ascending, once each, before closes_after_days.")
    return OutcomeSurveyRules(
        _int(value.get("delay_months"), "delay_months", minimum=1, maximum=60),
        reminders,
        closes,
        valid_from,
        decision_ref,
    )
