"""The ``appeal`` rule of a programme, pure like :mod:`.domain` (no Django): how a refused person
appeals. Kept next to the domain rather than in it only because ``domain.py`` is at the size limit
of a module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .domain import RuleValueError, _int


@dataclass(frozen=True)
class AppealRules:
    """How a refused person appeals: the rule's text (Polish; English optional), the deadline in
    days from the decision, and whom to write to."""

    text_pl: str
    text_en: str
    deadline_days: int
    office: str
    email: str
    phone: str
    address: str
    valid_from: date | None = None
    decision_ref: str = ""


def appeal_rules_from(value: Any, *, valid_from: date | None = None, decision_ref: str = "") -> AppealRules:
    """Parse an ``appeal`` rule: ``{"text": {"pl": "...", "en": "..."}, "deadline_days": 7,
    "contact": {"office": "...", "email": "...", "phone": "...", "address": "..."}}``."""
    if not isinstance(value, Mapping) or not isinstance(value.get("text"), Mapping):
        raise RuleValueError("An appeal rule is an object with a text (pl, optionally en).")
    contact = value.get("contact")
    if not isinstance(contact, Mapping) or not _text(value["text"], "pl", "text pl"):
        raise RuleValueError("An appeal rule has a Polish text and a contact.")
    parts = {
        name: _text(contact, name, f"contact {name}") for name in ("office", "email", "phone", "address")
    }
    if not parts["office"] or not (parts["email"] or parts["phone"] or parts["address"]):
        raise RuleValueError("The contact names the office and how to reach it.")
    days = _int(value.get("deadline_days"), "deadline_days", minimum=1, maximum=365)
    texts = (_text(value["text"], "pl", "text pl"), _text(value["text"], "en", "text en"))
    return AppealRules(*texts, days, **parts, valid_from=valid_from, decision_ref=decision_ref)


def _text(value: Mapping[str, Any], name: str, label: str) -> str:
    if not isinstance(value.get(name, ""), str):
        raise RuleValueError(f"{label} must be a text.")
    return str(value.get(name, "")).strip()
