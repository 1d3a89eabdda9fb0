"""The ``hours`` rule of a programme, pure like :mod:`.domain` (no Django): how a service's hours
are counted from its sessions. Kept next to the domain rather than in it only because ``domain.py``
is at the size limit of a module."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from kierunek.catalogue.domain import HoursRules

from .domain import RuleValueError, _int


def hours_rules_from(value: Any, *, valid_from: date | None = None, decision_ref: str = "") -> HoursRules:
    """Parse the JSON value of an ``hours`` rule version (kierunek.catalogue.domain.HoursRules
    counts with it). Raises ``RuleValueError``. Shape: ``{"hour_minutes": 60, "break_minutes": 30,
    "break_after_minutes": 360, "tolerance_minutes": 30}``: an hour is ``hour_minutes`` long (45:
    teaching hours); on a day of more than ``break_after_minutes`` of sessions, ``break_minutes`` are
    a break, not counted; a card's declared hours match its sessions within ``tolerance_minutes``."""
    if not isinstance(value, Mapping):
        raise RuleValueError("An hours rule is an object.")
    return HoursRules(
        hour_minutes=_int(value.get("hour_minutes"), "hour_minutes", minimum=1, maximum=120),
        break_minutes=_int(value.get("break_minutes", 0), "break_minutes", minimum=0, maximum=240),
        break_after_minutes=_int(value.get("break_after_minutes", 360), "break_after_minutes", minimum=0),
        tolerance_minutes=_int(value.get("tolerance_minutes", 0), "tolerance_minutes", minimum=0),
        valid_from=valid_from,
        decision_ref=decision_ref,
    )
