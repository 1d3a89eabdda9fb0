"""The appointment's lifecycle as a table: every status against every transition and every role,
checked against the declared workflow; and one transition applied through the service, which
writes the audit row. (A booking creates an appointment in ``booked``; guidance keeps no history
table of its own: the audit log is the appointment's history.)"""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.guidance.domain import AppointmentStatus
from kierunek.guidance.models import Appointment
from kierunek.guidance.services import appointments as appointment_services
from kierunek.guidance.workflows import APPOINTMENT
from tests.guidance.builders import advisor, eligible_participant, slot

S = AppointmentStatus

# The specification, written out independently of workflows.APPOINTMENT.
ALLOWED = {(S.BOOKED, "cancel"): S.CANCELLED, (S.BOOKED, "move"): S.MOVED}
ROLES_OF = {"cancel": {Role.PARTICIPANT, Role.ADVISOR}, "move": {Role.PARTICIPANT}}
ALL_ROLES = [*Role.values, SYSTEM_ROLE]
CASES = [(status, name, role) for status in AppointmentStatus for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition_and_every_status():
    assert set(APPOINTMENT.transitions) == set(ROLES_OF)
    assert set(APPOINTMENT.states) == {s.value for s in AppointmentStatus}


@pytest.mark.parametrize(("status", "name", "role"), CASES, ids=[f"{s}-{n}-{r}" for s, n, r in CASES])
def test_the_workflow_allows_exactly_the_table(status, name, role):
    if (status, name) in ALLOWED and role in ROLES_OF[name]:
        assert APPOINTMENT.check(state=status, name=name, role=role).target == ALLOWED[(status, name)]
    else:
        with pytest.raises(TransitionRefused):
            APPOINTMENT.check(state=status, name=name, role=role)


@pytest.mark.parametrize(
    ("status", "name", "message"),
    [
        (S.CANCELLED, "cancel", "This meeting is not booked."),
        (S.MOVED, "cancel", "This meeting is not booked."),
        (S.CANCELLED, "move", "Only a booked meeting can be moved."),
        (S.MOVED, "move", "Only a booked meeting can be moved."),
    ],
)
def test_a_refusal_says_why(status, name, message):
    with pytest.raises(TransitionRefused) as refused:
        APPOINTMENT.check(state=status, name=name)
    assert refused.value.messages == [message]


@pytest.mark.django_db
def test_applying_a_transition_saves_and_writes_the_audit_row():
    participant = eligible_participant()
    booked = appointment_services.appointment_book(slot_id=slot(advisor()).pk, actor=Actor.of(participant))

    appointment_services.appointment_cancel(
        appointment_id=booked.pk, actor=Actor(user=participant, ip_address="10.1.2.4")
    )

    cancelled = Appointment.objects.get(pk=booked.pk)
    assert (cancelled.status, cancelled.closed_by) == (S.CANCELLED, participant)
    assert cancelled.closed_at is not None
    event = AuditEvent.objects.get(action="guidance.appointment_cancelled")
    assert (event.actor, event.ip_address, event.object_id) == (participant, "10.1.2.4", str(booked.pk))
