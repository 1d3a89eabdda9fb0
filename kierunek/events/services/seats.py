"""The seats of an event and its sessions, counted under the event's row lock.

Every service that may take or free a seat locks the event's row first (``SELECT ... FOR UPDATE``
on PostgreSQL; on SQLite the transaction began IMMEDIATE and holds the write lock), then the
registrations it moves, then sessions in primary-key order: one lock order everywhere. The counter
``seats_taken`` equals the registrations holding a seat (:data:`~kierunek.events.domain.HOLDING`);
the CHECK ``seats_taken <= capacity`` refuses whatever would overbook, whatever code runs."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from kierunek.core.actor import SYSTEM

from .. import domain
from ..models import Event, EventSession, Registration, SessionPlace
from ..workflows import REGISTRATION


def event_locked(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def seat_take(event: Event) -> None:
    """One more seat held (the caller saw one free under the lock)."""
    Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + 1)
    event.seats_taken += 1


def places_take(registration: Registration, *, strict: bool) -> None:
    """Hold a seat of each session the registration chose. ``strict``: a full session refuses
    the registration (the person picks another); otherwise the place stays unheld."""
    places = list(registration.places.filter(held=False).order_by("session_id"))
    sessions = {
        s.pk: s
        for s in EventSession.objects.select_for_update()
        .filter(pk__in=[p.session_id for p in places])
        .order_by("pk")
    }
    for place in places:
        session = sessions[place.session_id]
        if session.capacity is not None and session.seats_taken >= session.capacity:
            if strict:
                raise ValidationError(
                    {
                        "sessions": _("The session “%(title)s” is full. Choose another one.")
                        % {"title": session.title}
                    }
                )
            continue
        EventSession.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
        session.seats_taken += 1
        SessionPlace.objects.filter(pk=place.pk).update(held=True)


def places_release(registration: Registration) -> None:
    held = list(registration.places.filter(held=True).order_by("session_id"))
    for place in held:
        EventSession.objects.filter(pk=place.session_id, seats_taken__gt=0).update(
            seats_taken=F("seats_taken") - 1
        )
    SessionPlace.objects.filter(pk__in=[p.pk for p in held]).update(held=False)


def seats_fill(event: Event, *, now: datetime) -> int:
    """Offer free seats to the people waiting, first come first served, each for the event's
    offer time; nobody is offered a seat once the event has started. Returns the offers made."""
    offered = 0
    if event.starts_at <= now:
        return 0
    while event.seats_taken < event.capacity:
        waiting = (
            Registration.objects.filter(event=event, status=domain.WAITING)
            .order_by("waiting_since", "pk")
            .select_related("person", "event")
            .first()
        )
        if waiting is None:
            break
        waiting.offer_expires_at = domain.offer_ends(
            now=now, hours=event.offer_hours, event_starts=event.starts_at
        )
        seat_take(event)
        REGISTRATION.apply(waiting, "offer", actor=SYSTEM, fields=["offer_expires_at"])
        offered += 1
    return offered


def seat_release(event: Event, registration: Registration, *, now: datetime) -> None:
    """The registration left a seat-holding state: free its session places and its seat, and offer
    the seat to the next person waiting."""
    places_release(registration)
    Event.objects.filter(pk=event.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)
    event.refresh_from_db(fields=["seats_taken"])
    seats_fill(event, now=now)
