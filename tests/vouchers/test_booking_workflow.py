"""The booking's lifecycle as a table, written out here independently of ``workflows.BOOKING``:
every state against every transition and every role, checked with ``BOOKING.check``; then one
transition applied to a real booking writes its history row and its audit row."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import SYSTEM_ROLE, TransitionRefused
from kierunek.vouchers.domain import (
    ACCEPTED,
    CANCELLED,
    CLAWED_BACK,
    COMPLETED,
    FROZEN,
    LAPSED,
    NO_SHOW,
    NOT_COMPLETED,
    NOT_DELIVERED,
    REJECTED,
    REQUESTED,
    SETTLED,
    UNCONFIRMED,
)
from kierunek.vouchers.models import BookingEvent, BookingStatus
from kierunek.vouchers.workflows import BOOKING
from tests.vouchers import builders as b

ALL_STATES = [
    REQUESTED,
    ACCEPTED,
    REJECTED,
    LAPSED,
    CANCELLED,
    FROZEN,
    COMPLETED,
    NOT_COMPLETED,
    NO_SHOW,
    NOT_DELIVERED,
    SETTLED,
    CLAWED_BACK,
    UNCONFIRMED,
]
ALL_ROLES = [*Role.values, SYSTEM_ROLE]

# Every allowed transition: (from, transition) -> to.
ALLOWED = {
    (REQUESTED, "accept"): ACCEPTED,
    (REQUESTED, "reject"): REJECTED,
    (REQUESTED, "lapse"): LAPSED,
    (REQUESTED, "cancel"): CANCELLED,
    (ACCEPTED, "cancel"): CANCELLED,
    # "This was not me" (the e-mailed link) freezes a booking that holds a reservation ...
    (REQUESTED, "disown"): FROZEN,
    (ACCEPTED, "disown"): FROZEN,
    (COMPLETED, "disown"): FROZEN,
    # ... a participant's dispute freezes a booking the provider reported completed.
    (COMPLETED, "dispute"): FROZEN,
    (ACCEPTED, "complete"): COMPLETED,
    (ACCEPTED, "not_complete"): NOT_COMPLETED,
    (ACCEPTED, "no_show"): NO_SHOW,
    (ACCEPTED, "not_deliver"): NOT_DELIVERED,
    (COMPLETED, "settle"): SETTLED,
    (SETTLED, "clawback"): CLAWED_BACK,
    (FROZEN, "void"): CANCELLED,
    (FROZEN, "restore_requested"): REQUESTED,
    (FROZEN, "restore_accepted"): ACCEPTED,
    (FROZEN, "restore_completed"): COMPLETED,
    # After the participant's confirmation deadline: the rule counts the service as confirmed, or
    # closes the rating, keeping it completed (for settlement); or sends it to an officer, who
    # confirms it or finds it not delivered.
    (COMPLETED, "deem_confirmed"): COMPLETED,
    (COMPLETED, "close_rating"): COMPLETED,
    (COMPLETED, "refer"): UNCONFIRMED,
    (UNCONFIRMED, "officer_confirm"): COMPLETED,
    (UNCONFIRMED, "officer_not_delivered"): NOT_DELIVERED,
}
# Who takes each transition.
ROLES_OF = {
    "accept": {Role.PROVIDER_STAFF},
    "reject": {Role.PROVIDER_STAFF},
    "lapse": {SYSTEM_ROLE},
    "cancel": {Role.PARTICIPANT},
    "disown": set(ALL_ROLES),  # whoever holds the link, signed in or not
    "dispute": {Role.PARTICIPANT},
    "complete": {Role.PROVIDER_STAFF},
    "not_complete": {Role.PROVIDER_STAFF},
    "no_show": {Role.PROVIDER_STAFF},
    "not_deliver": {SYSTEM_ROLE},
    "settle": {Role.FINANCIAL_OPERATOR, SYSTEM_ROLE},
    "clawback": {Role.OFFICER},
    "void": {Role.OFFICER},
    "restore_requested": {Role.OFFICER},
    "restore_accepted": {Role.OFFICER},
    "restore_completed": {Role.OFFICER},
    "deem_confirmed": {SYSTEM_ROLE},
    "close_rating": {SYSTEM_ROLE},
    "refer": {SYSTEM_ROLE},
    "officer_confirm": {Role.OFFICER},
    "officer_not_delivered": {Role.OFFICER},
}
CASES = [(state, name, role) for state in ALL_STATES for name in ROLES_OF for role in ALL_ROLES]


def test_the_table_names_every_transition_and_every_state():
    assert set(ROLES_OF) == set(BOOKING.transitions)
    assert {name for _state, name in ALLOWED} == set(BOOKING.transitions)
    assert set(ALL_STATES) == set(BookingStatus.values) == set(BOOKING.states)


@pytest.mark.parametrize(("state", "name", "role"), CASES, ids=["-".join(case) for case in CASES])
def test_check_allows_exactly_the_table(state, name, role):
    allowed = (state, name) in ALLOWED and role in ROLES_OF[name]
    if allowed:
        assert BOOKING.check(state=state, name=name, role=role).target == ALLOWED[(state, name)]
    else:
        with pytest.raises(TransitionRefused):
            BOOKING.check(state=state, name=name, role=role)


@pytest.mark.parametrize(("state", "name"), [(s, n) for s in ALL_STATES for n in ROLES_OF])
def test_a_refused_state_says_so_in_words(state, name):
    if (state, name) in ALLOWED:
        return
    with translation.override("en"), pytest.raises(ValidationError, match="that cannot be done now"):
        BOOKING.check(state=state, name=name)


@pytest.mark.django_db
def test_apply_writes_the_history_row_and_the_audit_row():
    booking = b.book(b.issued_account())
    staff = b.staff_of(booking)

    BOOKING.apply(booking, "accept", actor=Actor(user=staff, ip_address="203.0.113.7"), note="ok")

    booking.refresh_from_db()
    event = BookingEvent.objects.filter(booking=booking).latest("pk")
    audit = AuditEvent.objects.filter(action="vouchers.booking_accepted").get()
    assert booking.status == ACCEPTED
    assert (event.status_from, event.status_to, event.actor_id, event.note) == (
        REQUESTED,
        ACCEPTED,
        staff.pk,
        "ok",
    )
    assert (audit.actor_id, audit.object_id, audit.ip_address) == (staff.pk, str(booking.pk), "203.0.113.7")
    assert audit.details == {"from": REQUESTED, "to": ACCEPTED}
