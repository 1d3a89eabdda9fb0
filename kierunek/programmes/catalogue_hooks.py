"""What the programmes give the catalogue through its hooks (the catalogue sits below the
programmes and does not import them): the hours rule a card's declared hours are checked against.
``ProgrammesConfig.ready()`` imports this module, which provides it."""

from __future__ import annotations

from datetime import date

from kierunek.catalogue.domain import HoursRules
from kierunek.catalogue.hooks import hours_rules_source

from .selectors import RuleNotInForce, hours_rules_on, programme_current


def current_hours_rules(day: date) -> HoursRules | None:
    """The hours rule of the programme running on ``day``, or None when none is in force."""
    programme = programme_current(today=day)
    if programme is None:
        return None
    try:
        return hours_rules_on(programme=programme, day=day)
    except RuleNotInForce:
        return None


hours_rules_source.provide(current_hours_rules)
