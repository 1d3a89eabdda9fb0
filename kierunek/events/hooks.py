"""Hooks through which contexts above events narrow who may register, without events importing
them (the layering: events sits below education).

``REGISTRATION_GATES``: functions ``(event, user) -> bool`` a context registers in its
``AppConfig.ready()``. A person may register for an event only when every gate admits them (on
top of the event's own audience rule, :func:`kierunek.events.selectors.may_register`). A gate
answers True for the events it has nothing to say about. The teacher-training offer
(``kierunek.education.events_hooks``) admits to a course's event only the enrolment it is
making, so a course is joined with a school through its own page::

    from kierunek.events.hooks import REGISTRATION_GATES
    REGISTRATION_GATES.append(course_gate)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

RegistrationGate = Callable[[Any, Any], bool]

REGISTRATION_GATES: list[RegistrationGate] = []


def gates_admit(*, event: Any, user: Any) -> bool:
    return all(gate(event, user) for gate in REGISTRATION_GATES)
