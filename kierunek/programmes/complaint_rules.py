"""The ``complaints`` rule of a programme, pure like :mod:`.domain` (no Django): the deadlines of a
complaint's handling. Kept next to the domain rather than in it only because ``domain.py`` is at
the size limit of a module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .domain import RuleValueError, _int


@dataclass(frozen=True)
class ComplaintRules:
    """One dated version of the complaints rule: the deadlines of a complaint's handling.

    - ``answer_days``: the provider answers within this many days of an officer taking the
      complaint up (and asking for the answer);
    - ``decision_days``: an officer decides within this many days of the complaint's receipt (the
      month of the Code of Administrative Procedure, art. 35, as the programme applies it).
    """

    answer_days: int = 7
    decision_days: int = 30
    valid_from: date | None = None
    decision_ref: str = ""


def complaint_rules_from(
    value: Mapping[str, Any], *, valid_from: date | None = None, decision_ref: str = ""
) -> ComplaintRules:
    """Parse the JSON value of a ``complaints`` rule version: ``{"answer_days": 7, "decision_days": 30}``.
    Raises ``RuleValueError``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("A complaints rule is an object.")
    return ComplaintRules(
        answer_days=_int(value.get("answer_days"), "answer_days", minimum=1, maximum=90),
        decision_days=_int(value.get("decision_days"), "decision_days", minimum=1, maximum=365),
        valid_from=valid_from,
        decision_ref=decision_ref,
    )
