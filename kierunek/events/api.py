"""The events API, mounted by config/api.py at /api/v1/events. The list and an event's details
are public (what the person may see: partners' and invitations' events need their login);
registering, a person's registrations and cancelling take the session or a bearer token.

A registration sent twice is registered once: the second answers 409 ("already registered"), and
``GET /events/registrations`` shows the first."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from kierunek.accounts.api_auth import session_or_token
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.notify import site_link

from . import domain, selectors, services
from .models import Event, EventKind, Registration

router = Router(auth=None)


class EventFilters(Schema):
    from_: date | None = Field(
        None, alias="from", description="Events ending on or after this day (YYYY-MM-DD); today by default"
    )
    type: EventKind | None = Field(None, description="Type of event")
    powiat: str = Field("", pattern=r"^(\d{4})?$", description="TERYT code of a powiat (4 digits)")


class EventSessionOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str
    speakers: str
    seats_left: int | None


class EventOut(Schema):
    id: int
    title: str
    type: str
    type_label: str
    starts_at: datetime
    ends_at: datetime
    gmina_teryt: str | None
    gmina: str | None
    powiat: str | None
    address: str
    online: bool
    audience: str
    capacity: int
    seats_left: int
    requires_approval: bool
    organised_by: str
    url: str


class EventDetailOut(EventOut):
    description: str
    sessions: list[EventSessionOut]


class EventRegistrationIn(Schema):
    accessibility_needs: str = ""
    sessions: list[int] = []
    age_group: str = ""
    age_group_consent: bool = False
    gender: str = ""
    gender_consent: bool = False
    labour_status: str = ""
    labour_status_consent: bool = False


class EventRegistrationOut(Schema):
    id: int
    event_id: int
    event_title: str
    status: str
    status_label: str
    ticket_code: str | None = Field(None, description="Only for a confirmed registration")
    offer_expires_at: datetime | None
    calendar_url: str


def _event(event: Event) -> dict[str, Any]:
    gmina = event.gmina
    return {
        "id": event.pk,
        "title": event.title,
        "type": event.kind,
        "type_label": str(event.get_kind_display()),
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "gmina_teryt": gmina.teryt if gmina else None,
        "gmina": gmina.name if gmina else None,
        "powiat": gmina.powiat.name if gmina else None,
        "address": event.address,
        "online": bool(event.online_url),
        "audience": event.audience,
        "capacity": event.capacity,
        "seats_left": event.seats_left,
        "requires_approval": event.requires_approval,
        "organised_by": event.organiser_label,
        "url": site_link(reverse("events:detail", args=[event.pk])),
    }


def _registration(registration: Registration) -> dict[str, Any]:
    return {
        "id": registration.pk,
        "event_id": registration.event_id,
        "event_title": registration.event.title,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "ticket_code": registration.ticket_display if registration.status == "confirmed" else None,
        "offer_expires_at": registration.offer_expires_at,
        "calendar_url": site_link(reverse("events:ics", args=[registration.pk])),
    }


@router.get(
    "", response=list[EventOut], url_name="events", summary="Events from a day on, by type and powiat"
)
def event_list(request: HttpRequest, filters: Query[EventFilters]) -> Any:
    events = selectors.events_listed(
        user=request_user(request),
        since=filters.from_,
        kind=filters.type.value if filters.type else None,
        powiat_teryt=filters.powiat or None,
    )
    return [_event(e) for e in events[:500]]


@router.get(
    "/registrations",
    response=list[EventRegistrationOut],
    auth=session_or_token,
    url_name="event_registrations_mine",
    summary="My registrations",
)
def my_registrations(request: HttpRequest) -> Any:
    return [_registration(r) for r in selectors.registrations_of(user=request_user(request))[:200]]


@router.get(
    "/{event_id}",
    response={200: EventDetailOut, 404: ErrorOut},
    url_name="event",
    summary="One event, with its sessions",
)
def event_detail(request: HttpRequest, event_id: int) -> Any:
    event = selectors.event_visible(event_id=event_id, user=request_user(request))
    sessions = [
        {
            "id": s.pk,
            "title": s.title,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "room": s.room,
            "speakers": s.speakers,
            "seats_left": s.seats_left,
        }
        for s in event.sessions.all()
    ]
    return {**_event(event), "description": event.description, "sessions": sessions}


@router.get(
    "/{event_id}/registrations",
    response={200: list[EventRegistrationOut], 404: ErrorOut},
    auth=session_or_token,
    url_name="event_registrations",
    summary="My registrations for this event (the live one first)",
)
def event_registrations(request: HttpRequest, event_id: int) -> Any:
    event = selectors.event_visible(event_id=event_id, user=request_user(request))
    mine = selectors.registrations_of(user=request_user(request)).filter(event=event)
    return [_registration(r) for r in sorted(mine, key=lambda r: r.status not in domain.ACTIVE)]


@router.post(
    "/{event_id}/registrations",
    response={201: EventRegistrationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=session_or_token,
    summary="Register for an event (confirmed, pending approval or on the waiting list)",
)
def register(request: HttpRequest, event_id: int, payload: EventRegistrationIn) -> Any:
    selectors.event_visible(event_id=event_id, user=request_user(request))
    registration = services.registration_create(
        actor=actor_from_request(request),
        event_id=event_id,
        answers=services.Answers(
            accessibility_needs=payload.accessibility_needs,
            age_group=payload.age_group,
            age_group_consent=payload.age_group_consent,
            gender=payload.gender,
            gender_consent=payload.gender_consent,
            labour_status=payload.labour_status,
            labour_status_consent=payload.labour_status_consent,
            sessions=tuple(payload.sessions),
        ),
    )
    return Status(201, _registration(registration))


@router.get(
    "/registrations/{registration_id}",
    response={200: EventRegistrationOut, 404: ErrorOut},
    auth=session_or_token,
    url_name="event_registration",
    summary="One of my registrations",
)
def registration(request: HttpRequest, registration_id: int) -> Any:
    return _registration(
        selectors.registration_of(user=request_user(request), registration_id=registration_id)
    )


@router.delete(
    "/registrations/{registration_id}",
    response={200: EventRegistrationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=session_or_token,
    summary="Cancel my registration (the seat goes to the next person waiting)",
)
def cancel(request: HttpRequest, registration_id: int) -> Any:
    registration = services.registration_cancel(
        actor=actor_from_request(request), registration_id=registration_id
    )
    return _registration(registration)
