"""Registering for an event, cancelling, the organiser's approval, and the waiting list's offers.

Never overbooked: each of these locks the event's row before it counts seats
(:mod:`kierunek.events.services.seats`), so 500 people registering at once for 300 seats get 300
seats (confirmed, or pending approval) and 200 places on the waiting list, on either engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify

from .. import domain, selectors
from ..audit_actions import REGISTRATION_CREATED
from ..models import AgeGroup, Gender, LabourStatus, Registration, RegistrationChange, SessionPlace
from ..workflows import REGISTRATION
from .seats import event_locked, places_take, seat_release, seat_take

ACCESSIBILITY_MAX = 1000


@dataclass(frozen=True)
class Answers:
    """What the registration form asks: accessibility needs, and three demographic questions the
    partnership's indicators need, each optional and kept only with its own consent."""

    accessibility_needs: str = ""
    age_group: str = ""
    age_group_consent: bool = False
    gender: str = ""
    gender_consent: bool = False
    labour_status: str = ""
    labour_status_consent: bool = False
    sessions: tuple[int, ...] = field(default_factory=tuple)


def _demographics(answers: Answers, now: datetime) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, choices in (("age_group", AgeGroup), ("gender", Gender), ("labour_status", LabourStatus)):
        value = getattr(answers, name)
        consent = getattr(answers, f"{name}_consent")
        if value and value not in choices.values:
            raise ValidationError({name: _("Choose one of the options.")})
        if value and not consent:
            raise ValidationError(
                {f"{name}_consent": _("Tick the consent to give this answer, or leave it empty.")}
            )
        values[name] = value if consent else ""
        values[f"{name}_consent_at"] = now if value and consent else None
    return values


def _new_ticket_code() -> str:
    while True:
        code = domain.random_code(domain.TICKET_LENGTH)
        if not Registration.objects.filter(ticket_code=code).exists():
            return code


def registration_create(
    *, actor: Actor, event_id: int, answers: Answers | None = None, now: datetime | None = None
) -> Registration:
    """Register the person for the event: confirmed while seats are free (pending when the
    organiser approves registrations), else on the waiting list. Mailed with the ticket."""
    answers = answers or Answers()
    user = actor.user
    if user is None:
        raise PermissionDenied(_("Log in to register."))
    needs = answers.accessibility_needs.strip()
    if len(needs) > ACCESSIBILITY_MAX:
        raise ValidationError(
            {"accessibility_needs": _("At most %(limit)d characters.") % {"limit": ACCESSIBILITY_MAX}}
        )
    with transaction.atomic():
        event = event_locked(event_id)
        now = now or timezone.now()  # under the lock: the waiting list is in the order of the lock
        if not selectors.may_register(event=event, user=user):
            raise PermissionDenied(_("This event is not open to you for registration."))
        if event.starts_at <= now:
            raise ValidationError(_("Registration has closed: the event has started."))
        if Registration.objects.filter(event=event, person=user, status__in=domain.ACTIVE).exists():
            raise ValidationError(_("You are already registered for this event."))
        session_ids = sorted(set(answers.sessions))
        if session_ids and event.sessions.filter(pk__in=session_ids).count() != len(session_ids):
            raise ValidationError({"sessions": _("Choose sessions of this event.")})
        if event.seats_taken < event.capacity:
            status = domain.PENDING if event.requires_approval else domain.CONFIRMED
        else:
            status = domain.WAITING
        registration = Registration.objects.create(
            event=event,
            person=user,
            status=status,
            ticket_code=_new_ticket_code(),
            accessibility_needs=needs,
            waiting_since=now if status == domain.WAITING else None,
            created_at=now,
            **_demographics(answers, now),
        )
        SessionPlace.objects.bulk_create(
            SessionPlace(registration=registration, session_id=s) for s in session_ids
        )
        if status != domain.WAITING:
            seat_take(event)
            places_take(registration, strict=True)
        RegistrationChange.objects.create(
            registration=registration, status_to=status, actor=user, occurred_at=now
        )
        audit_record(action=REGISTRATION_CREATED, actor=actor, obj=registration, details={"status": status})
        notify(
            recipients=[user],
            subject=gettext_noop("Your registration for the event"),
            template="events/email/registered.txt",
            context={"registration": registration, "event": event},
        )
    return registration


def _own(actor: Actor, registration_id: int) -> Registration:
    if actor.user is None:
        raise PermissionDenied
    return Registration.objects.select_related("event", "person").get(pk=registration_id, person=actor.user)


def registration_cancel(*, actor: Actor, registration_id: int, now: datetime | None = None) -> Registration:
    """The attendee cancels; a seat they held goes to the next person waiting."""
    now = now or timezone.now()
    registration = _own(actor, registration_id)
    with transaction.atomic():
        event = event_locked(registration.event_id)
        if event.starts_at <= now:
            raise ValidationError(_("The event has started: the registration can no longer be cancelled."))
        held = registration.status in domain.HOLDING
        REGISTRATION.apply(registration, "cancel", actor=actor)
        if held:
            seat_release(event, registration, now=now)
    return registration


def offer_accept(*, actor: Actor, registration_id: int, now: datetime | None = None) -> Registration:
    """The person takes the seat offered to them, while the offer is open."""
    now = now or timezone.now()
    registration = _own(actor, registration_id)
    with transaction.atomic():
        event = event_locked(registration.event_id)
        registration.refresh_from_db()
        REGISTRATION.check(state=registration.status, name="accept", obj=registration)
        if registration.offer_expires_at is not None and registration.offer_expires_at <= now:
            raise ValidationError(_("The offer has ended; the seat went to the next person waiting."))
        name = "accept_for_approval" if event.requires_approval else "accept"
        registration.offer_expires_at = None
        REGISTRATION.apply(registration, name, actor=actor, fields=["offer_expires_at"])
        places_take(registration, strict=False)
    return registration


def _organised(actor: Actor, registration_id: int) -> Registration:
    registration = Registration.objects.select_related("event", "person").get(pk=registration_id)
    if not selectors.is_organiser(event=registration.event, user=actor.user):
        raise Registration.DoesNotExist
    return registration


def registration_approve(*, actor: Actor, registration_id: int) -> Registration:
    registration = _organised(actor, registration_id)
    with transaction.atomic():
        event_locked(registration.event_id)
        REGISTRATION.apply(registration, "approve", actor=actor)
    return registration


def registration_reject(
    *, actor: Actor, registration_id: int, note: str = "", now: datetime | None = None
) -> Registration:
    """The organiser declines a registration waiting for approval; its seat goes to the next
    person waiting."""
    now = now or timezone.now()
    registration = _organised(actor, registration_id)
    with transaction.atomic():
        event = event_locked(registration.event_id)
        REGISTRATION.apply(registration, "reject", actor=actor, note=note.strip()[:1000])
        seat_release(event, registration, now=now)
    return registration


def offers_lapse(*, now: datetime | None = None) -> int:
    """The periodic task: end every offer past its time and offer the seat to the next person
    (``manage.py events_periodic``). Each offer in its own transaction; running it again does
    nothing twice."""
    now = now or timezone.now()
    lapsed = 0
    due = Registration.objects.filter(status=domain.OFFERED, offer_expires_at__lte=now).order_by(
        "offer_expires_at", "pk"
    )
    for registration_id, event_id in list(due.values_list("pk", "event_id")):
        with transaction.atomic():
            event = event_locked(event_id)
            registration = Registration.objects.select_related("person", "event").get(pk=registration_id)
            if registration.status != domain.OFFERED:
                continue
            REGISTRATION.apply(registration, "lapse", actor=SYSTEM)
            seat_release(event, registration, now=now)
            lapsed += 1
    return lapsed


def reminders_send(*, now: datetime | None = None, ahead: timedelta = timedelta(hours=24)) -> int:
    """E-mail each confirmed attendee once, within ``ahead`` of the event's start, with the ticket
    and the calendar file's link (``manage.py events_periodic``)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=domain.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + ahead,
    ).select_related("event", "person")
    sent = 0
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not updated:
                continue
            notify(
                recipients=[registration.person],
                subject=gettext_noop("Reminder: your event starts soon"),
                template="events/email/reminder.txt",
                context={"registration": registration, "event": registration.event},
            )
            sent += 1
    return sent
