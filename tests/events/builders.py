"""Builders for the events tests, through the real services: an organiser, an event a number of
days away, people registered, checked in."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.events import services
from kierunek.events.models import Event, Registration
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

KRAKOW = "1261011"  # gmina miejska Kraków


def organiser(role: str = Role.OFFICER):
    return StaffUserFactory(role=role)


def person(**kwargs):
    return ParticipantFactory(**kwargs)


def partner():
    return StaffUserFactory(role=Role.PARTNER_STAFF)


def event(
    *,
    by=None,
    capacity: int = 10,
    days: float = 7,
    hours: float = 3,
    now: datetime | None = None,
    **fields,
) -> Event:
    starts = (now or timezone.now()) + timedelta(days=days)
    data = services.EventData(
        title=fields.pop("title", "Warsztat lokalny: kompetencje cyfrowe"),
        kind=fields.pop("kind", "local_workshop"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=capacity,
        gmina_teryt=fields.pop("gmina_teryt", KRAKOW),
        address=fields.pop("address", "ul. Kościuszki 2"),
        **fields,
    )
    return services.event_create(actor=Actor.of(by or organiser()), data=data)


def register(event: Event, who=None, *, now: datetime | None = None, **answers) -> Registration:
    return services.registration_create(
        actor=Actor.of(who or person()), event_id=event.pk, answers=services.Answers(**answers), now=now
    )


def checked_in(registration: Registration, *, now: datetime | None = None) -> Registration:
    event = registration.event
    return services.attendee_check_in(
        actor=Actor.of(event.organiser),
        event_id=event.pk,
        code=registration.ticket_code,
        now=now or event.starts_at,
    )


def holding(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=("pending", "offered", "confirmed")).count()
