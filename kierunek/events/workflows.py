"""The lifecycles of a registration, declared once with the kit (:mod:`kierunek.core.workflow`).

Registration (approval and the waiting list)::

    (registered) → pending | confirmed | waiting      (as seats and the event's approval rule allow)
    pending ─approve→ confirmed          pending ─reject→ rejected
    waiting ─offer→ offered              (the system, when a seat is freed: the next in line)
    offered ─accept→ confirmed | ─accept_for_approval→ pending
    offered ─lapse→ lapsed               (the system, when the offer ends unanswered)
    pending | confirmed | waiting | offered ─cancel→ cancelled   (the attendee)

Check-in (on a confirmed registration)::

    absent ─check_in→ present ─undo_check_in→ absent

A seat freed by ``reject``, ``lapse`` or ``cancel`` goes at once to the next person waiting
(:mod:`kierunek.events.services.seats`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, Applied, Notification, Transition, Workflow

from . import domain
from .audit_actions import (
    ATTENDEE_CHECKED_IN,
    CHECK_IN_UNDONE,
    OFFER_ACCEPTED,
    OFFER_LAPSED,
    REGISTRATION_APPROVED,
    REGISTRATION_CANCELLED,
    REGISTRATION_REJECTED,
    SEAT_OFFERED,
)
from .models import Attendance, Registration, RegistrationChange, RegistrationStatus

# Who organises events and checks people in at the door: the office and partners; gmina and provider
# staff (local events, the activities of the Learning Day and the Career Week); the teacher-training
# centre's staff (its courses).
ORGANISER_ROLES = frozenset(
    {
        Role.OFFICER.value,
        Role.PARTNER_STAFF.value,
        Role.GMINA_STAFF.value,
        Role.PROVIDER_STAFF.value,
        Role.TRAINING_CENTRE_STAFF.value,
    }
)
# Anybody with an account may register (the event's audience narrows it further).
REGISTRANT_ROLES = frozenset(Role.values)


def _change(applied: Applied) -> None:
    RegistrationChange.objects.create(
        registration=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _refusal(registration: Any, transition: Transition, state: str) -> Any:
    return _("This registration is %(status)s: that cannot be done now.") % {
        "status": RegistrationStatus(state).label if state in RegistrationStatus.values else state
    }


def _person(registration: Registration) -> list[Any]:
    return [registration.person]


def _context(registration: Registration) -> dict[str, Any]:
    return {"registration": registration, "event": registration.event}


def _mail(subject: str, template: str = "events/email/status.txt") -> Notification:
    return Notification(subject=subject, template=template, recipients=_person, context=_context)


REGISTRATION = Workflow(
    name="events.registration",
    model=Registration,
    states=dict(RegistrationStatus.choices),
    history=_change,
    refusal=_refusal,
    transitions=[
        Transition(
            "approve",
            {domain.PENDING},
            domain.CONFIRMED,
            roles=ORGANISER_ROLES,
            label=_("approve the registration"),
            audit_action=REGISTRATION_APPROVED,
            notification=_mail(gettext_noop("Your registration was approved")),
        ),
        Transition(
            "reject",
            {domain.PENDING},
            domain.REJECTED,
            roles=ORGANISER_ROLES,
            label=_("decline the registration"),
            audit_action=REGISTRATION_REJECTED,
            notification=_mail(gettext_noop("Your registration was not approved")),
        ),
        Transition(
            "offer",
            {domain.WAITING},
            domain.OFFERED,
            roles={SYSTEM_ROLE},
            label=_("offer a freed seat"),
            audit_action=SEAT_OFFERED,
            notification=_mail(gettext_noop("A seat is free for you"), "events/email/offer.txt"),
        ),
        Transition(
            "accept",
            {domain.OFFERED},
            domain.CONFIRMED,
            roles=REGISTRANT_ROLES,
            label=_("accept the offered seat"),
            audit_action=OFFER_ACCEPTED,
            notification=_mail(gettext_noop("Your registration is confirmed")),
        ),
        Transition(
            "accept_for_approval",
            {domain.OFFERED},
            domain.PENDING,
            roles=REGISTRANT_ROLES,
            label=_("accept the offered seat"),
            audit_action=OFFER_ACCEPTED,
        ),
        Transition(
            "lapse",
            {domain.OFFERED},
            domain.LAPSED,
            roles={SYSTEM_ROLE},
            label=_("end an unanswered offer"),
            audit_action=OFFER_LAPSED,
            notification=_mail(gettext_noop("The seat offered to you went to the next person")),
        ),
        Transition(
            "cancel",
            {domain.PENDING, domain.CONFIRMED, domain.WAITING, domain.OFFERED},
            domain.CANCELLED,
            roles=REGISTRANT_ROLES,
            label=_("cancel the registration"),
            audit_action=REGISTRATION_CANCELLED,
        ),
    ],
)

CHECK_IN = Workflow(
    name="events.check_in",
    model=Registration,
    states=dict(Attendance.choices),
    state_field="attendance",
    transitions=[
        Transition(
            "check_in",
            {domain.NOT_CHECKED_IN},
            domain.CHECKED_IN,
            roles=ORGANISER_ROLES,
            label=_("check the person in"),
            audit_action=ATTENDEE_CHECKED_IN,
        ),
        Transition(
            "undo_check_in",
            {domain.CHECKED_IN},
            domain.NOT_CHECKED_IN,
            roles=ORGANISER_ROLES,
            label=_("undo the check-in"),
            audit_action=CHECK_IN_UNDONE,
        ),
    ],
)
