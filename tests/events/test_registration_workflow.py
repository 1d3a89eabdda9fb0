"""The lifecycle of a registration (approval and the waiting list) as a table, checked state by
state and role by role against the declared workflow, and paths through the services with their
history and audit."""

import pytest

from kierunek.accounts.models import Role
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.events.models import RegistrationStatus
from kierunek.events.workflows import REGISTRATION

S = RegistrationStatus
ORGANISERS = {
    Role.OFFICER,
    Role.PARTNER_STAFF,
    Role.GMINA_STAFF,
    Role.PROVIDER_STAFF,
    Role.TRAINING_CENTRE_STAFF,
}
ANYONE = set(Role.values)
SYSTEM = {"system"}
# The specification, written out independently of REGISTRATION: (state, transition) -> target.
ALLOWED = {
    (S.PENDING, "approve"): S.CONFIRMED,
    (S.PENDING, "reject"): S.REJECTED,
    (S.WAITING, "offer"): S.OFFERED,
    (S.OFFERED, "accept"): S.CONFIRMED,
    (S.OFFERED, "accept_for_approval"): S.PENDING,
    (S.OFFERED, "lapse"): S.LAPSED,
    (S.PENDING, "cancel"): S.CANCELLED,
    (S.CONFIRMED, "cancel"): S.CANCELLED,
    (S.WAITING, "cancel"): S.CANCELLED,
    (S.OFFERED, "cancel"): S.CANCELLED,
}
ROLES_OF = {
    "approve": ORGANISERS,
    "reject": ORGANISERS,
    "offer": SYSTEM,
    "accept": ANYONE,
    "accept_for_approval": ANYONE,
    "lapse": SYSTEM,
    "cancel": ANYONE,
}
ALL_PAIRS = [(state, name) for state in S.values for name in ROLES_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(REGISTRATION.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert REGISTRATION.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused) as refused:
            REGISTRATION.check(state=state, name=name, role=role)
        assert str(refused.value.message)


def test_an_ended_registration_goes_nowhere():
    for state in (S.CANCELLED, S.REJECTED, S.LAPSED):
        assert REGISTRATION.allowed(state=state) == []


@pytest.mark.django_db
def test_a_waiting_registration_is_offered_a_freed_seat_and_takes_it_with_history_and_audit():
    from kierunek.core.actor import Actor
    from kierunek.events import services

    from .builders import event, register

    full = event(capacity=1)
    first = register(full)
    waiting = register(full)
    services.registration_cancel(actor=Actor.of(first.person), registration_id=first.pk)
    services.offer_accept(actor=Actor.of(waiting.person), registration_id=waiting.pk)
    waiting.refresh_from_db()

    assert waiting.status == S.CONFIRMED
    assert [(c.status_from, c.status_to) for c in waiting.changes.all()] == [
        ("", S.WAITING),
        (S.WAITING, S.OFFERED),
        (S.OFFERED, S.CONFIRMED),
    ]
    actions = list(
        AuditEvent.objects.filter(object_type="events.registration", object_id=str(waiting.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["events.registration_created", "events.seat_offered", "events.offer_accepted"]


@pytest.mark.django_db
def test_an_approved_registration_is_confirmed_and_a_declined_one_frees_its_seat_for_the_next():
    from kierunek.core.actor import Actor
    from kierunek.events import services

    from .builders import event, register

    approved_event = event(capacity=1, requires_approval=True)
    pending = register(approved_event)
    waiting = register(approved_event)
    assert (pending.status, waiting.status) == (S.PENDING, S.WAITING)

    services.registration_reject(actor=Actor.of(approved_event.organiser), registration_id=pending.pk)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    services.offer_accept(actor=Actor.of(waiting.person), registration_id=waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == S.PENDING  # the organiser approves this event's registrations
    services.registration_approve(actor=Actor.of(approved_event.organiser), registration_id=waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    approved_event.refresh_from_db()
    assert approved_event.seats_taken == 1
