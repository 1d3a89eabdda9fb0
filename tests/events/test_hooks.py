"""A context above events narrows who registers through ``REGISTRATION_GATES``."""

import pytest
from django.core.exceptions import PermissionDenied

from kierunek.events import selectors
from kierunek.events.hooks import REGISTRATION_GATES

from .builders import event, person, register

pytestmark = pytest.mark.django_db


def test_a_gate_refuses_registration_for_its_events_only():
    closed, open_ = event(title="Zamknięte"), event(title="Otwarte")

    def gate(found, user):
        return found.pk != closed.pk

    REGISTRATION_GATES.append(gate)
    try:
        someone = person()
        assert not selectors.may_register(event=closed, user=someone)
        assert selectors.may_register(event=open_, user=someone)
        with pytest.raises(PermissionDenied):
            register(closed, someone)
        assert register(open_, someone).status == "confirmed"
    finally:
        REGISTRATION_GATES.remove(gate)
