"""The registry of audit actions: every action written to the audit log is declared once, by the
context that writes it (``<context>/audit_actions.py``, imported by its ``AppConfig.ready()``),
and :func:`kierunek.core.audit.audit_record` refuses a name nobody declared.

One naming rule: ``<subject>.<what_happened>``, lower-case words joined by underscores, where what
happened holds a past participle (``booking_created``, ``batch_paid``, ``file_read``,
``booking_clawed_back``): the log says what has happened, never what somebody asked for. The label,
where there is one, is what a participant reads in their data export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
# Past participles that do not end in -ed; the rule's only exceptions.
IRREGULAR_PARTICIPLES = frozenset(
    [
        "read",
        "sent",
        "paid",
        "given",
        "withdrawn",
        "run",
        "done",
        "made",
        "taken",
        "shown",
        "written",
        "held",
        "found",
        "kept",
        "set",
        "put",
        "cut",
        "chosen",
        "undone",
        "begun",
        "won",
        "lost",
        "reset",
        "built",
        "frozen",
        "unfrozen",
        "spent",
        "drawn",
        "bound",
        "left",
        "met",
        "sold",
        "told",
        "brought",
        "taught",
        "sought",
        "thought",
    ]
)


@dataclass(frozen=True)
class AuditAction:
    name: str
    label: Any  # a lazy translation shown to the person the event is about, or ""


_REGISTRY: dict[str, AuditAction] = {}
# The actions a participant meets in their export, in words (others are shown by their name); the
# same dict object fills as the contexts declare their actions after core is ready.
AUDIT_ACTION_LABELS: dict[str, Any] = {}


def naming_problem(name: str) -> str | None:
    """Why ``name`` breaks the naming rule, or None."""
    if not _NAME_RE.match(name):
        return f"{name!r} is not <subject>.<what_happened> in lower-case words and underscores"
    words = name.rsplit(".", 1)[1].split("_")
    if not any(word.endswith("ed") or word in IRREGULAR_PARTICIPLES for word in words):
        return f"{name!r} says what was asked, not what happened: use a past participle (created, read...)"
    return None


def audit_action(name: str, label: Any = "") -> str:
    """Declare an audit action and give back its name, for a module-level constant:
    ``BOOKING_CREATED = audit_action("vouchers.booking_created", _("service booked"))``."""
    problem = naming_problem(name)
    if problem:
        raise ValueError(problem)
    known = _REGISTRY.get(name)
    if known is not None and known.label != label:
        raise ValueError(f"audit action {name!r} is declared twice with different labels")
    _REGISTRY[name] = AuditAction(name=name, label=label)
    if label:
        AUDIT_ACTION_LABELS[name] = label
    return name


def is_registered(name: str) -> bool:
    return name in _REGISTRY


def registered_audit_actions() -> dict[str, AuditAction]:
    return dict(_REGISTRY)
