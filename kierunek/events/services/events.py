"""Organising an event: officers and partner staff create events (the creator is the organiser),
change them, add sessions, helpers who check people in, invitations, and materials afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.uploads import validate_upload
from kierunek.geo.models import Gmina
from kierunek.surveys.services import survey_create

from .. import survey
from ..audit_actions import (
    EVENT_CHANGED,
    EVENT_CREATED,
    HELPER_ADDED,
    INVITATION_ADDED,
    MATERIAL_ATTACHED,
    SESSION_SAVED,
)
from ..models import Audience, Event, EventKind, EventSession, Invitation, Material, MaterialKind
from ..workflows import ORGANISER_ROLES
from .seats import event_locked, seats_fill


@dataclass(frozen=True)
class EventData:
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    audience: str = Audience.PUBLIC
    description: str = ""
    gmina_teryt: str = ""
    address: str = ""
    online_url: str = ""
    requires_approval: bool = False
    offer_hours: int = 48
    organiser_label: str = ""
    published: bool = True


@dataclass(frozen=True)
class SessionData:
    title: str
    starts_at: datetime
    ends_at: datetime
    room: str = ""
    speakers: str = ""
    capacity: int | None = None


def _require_organiser_role(actor: Actor) -> None:
    if actor.user is None or actor.role not in ORGANISER_ROLES:
        raise PermissionDenied(
            _(
                "Only the staff of the office, partners, gminas, providers and the teacher-training centre "
                "organise events."
            )
        )


def _organised(actor: Actor, event_id: int) -> Event:
    """The event locked, if the actor organises it (else it does not exist for them)."""
    _require_organiser_role(actor)
    event = event_locked(event_id)
    if event.organiser_id != actor.user.pk:
        raise Event.DoesNotExist
    return event


def _fields(data: EventData) -> dict[str, object]:
    title = data.title.strip()
    if not title:
        raise ValidationError({"title": _("This field is required.")})
    if data.kind not in EventKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    if data.audience not in Audience.values:
        raise ValidationError({"audience": _("Choose one of the options.")})
    if data.ends_at < data.starts_at:
        raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
    if data.capacity < 1:
        raise ValidationError({"capacity": _("An event has at least one seat.")})
    if not 1 <= data.offer_hours <= 720:
        raise ValidationError({"offer_hours": _("Between 1 and 720 hours.")})
    gmina = None
    if data.gmina_teryt:
        gmina = Gmina.objects.filter(teryt=data.gmina_teryt).first()
        if gmina is None:
            raise ValidationError({"gmina": _("Choose a gmina of Małopolska.")})
    if gmina is None and not data.online_url:
        raise ValidationError(_("Give the place (gmina and address) or the online link."))
    return {
        "title": title,
        "kind": data.kind,
        "description": data.description.strip(),
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "gmina": gmina,
        "address": data.address.strip() if gmina else "",
        "online_url": data.online_url.strip(),
        "audience": data.audience,
        "capacity": data.capacity,
        "requires_approval": data.requires_approval,
        "offer_hours": data.offer_hours,
        "organiser_label": data.organiser_label.strip(),
        "published": data.published,
    }


def event_create(*, actor: Actor, data: EventData) -> Event:
    """The event, with its short survey on the survey engine (every event has one)."""
    _require_organiser_role(actor)
    values = _fields(data)
    with transaction.atomic():
        event_survey = survey_create(
            actor=actor,
            data=survey.survey_data(
                title=str(values["title"]),
                first_day=timezone.localdate(data.starts_at),
                today=timezone.localdate(),
            ),
        )
        event = Event.objects.create(organiser=actor.user, survey=event_survey, **values)
        audit_record(action=EVENT_CREATED, actor=actor, obj=event, details={"title": event.title})
    return event


def event_update(*, actor: Actor, event_id: int, data: EventData, now: datetime | None = None) -> Event:
    """Change the event. Seats cannot go below those taken; added seats are offered to the
    waiting list at once."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _organised(actor, event_id)
        values = _fields(data)
        if data.capacity < event.seats_taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(taken)d seats are taken: the event cannot have fewer. "
                        "Cancel or decline registrations first."
                    )
                    % {"taken": event.seats_taken}
                }
            )
        for name, value in values.items():
            setattr(event, name, value)
        event.save()
        seats_fill(event, now=now)
        audit_record(action=EVENT_CHANGED, actor=actor, obj=event, details={"capacity": event.capacity})
    return event


def session_save(
    *, actor: Actor, event_id: int, data: SessionData, session_id: int | None = None
) -> EventSession:
    with transaction.atomic():
        event = _organised(actor, event_id)
        title = data.title.strip()
        if not title:
            raise ValidationError({"title": _("This field is required.")})
        if data.ends_at < data.starts_at:
            raise ValidationError({"ends_at": _("The session cannot end before it starts.")})
        if session_id is None:
            session = EventSession(event=event)
        else:
            session = EventSession.objects.select_for_update().get(pk=session_id, event=event)
        if data.capacity is not None and data.capacity < session.seats_taken:
            raise ValidationError(
                {
                    "capacity": _("%(taken)d seats are taken: the session cannot have fewer.")
                    % {"taken": session.seats_taken}
                }
            )
        session.title = title
        session.starts_at = data.starts_at
        session.ends_at = data.ends_at
        session.room = data.room.strip()
        session.speakers = data.speakers.strip()
        session.capacity = data.capacity
        session.save()
        audit_record(action=SESSION_SAVED, actor=actor, obj=event, details={"session": session.pk})
    return session


def helper_add(*, actor: Actor, event_id: int, email: str) -> User:
    """Add a member of staff (an officer or partner staff) who checks people in at the door."""
    with transaction.atomic():
        event = _organised(actor, event_id)
        helper = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if helper is None or helper.role not in ORGANISER_ROLES:
            raise ValidationError({"email": _("No officer or partner staff account has this e-mail.")})
        event.helpers.add(helper)
        audit_record(action=HELPER_ADDED, actor=actor, obj=event, details={"helper": helper.pk})
    return helper


def invitations_add(*, actor: Actor, event_id: int, emails: list[str]) -> int:
    """Invite addresses to an event "by invitation"; an address already invited is kept once."""
    with transaction.atomic():
        event = _organised(actor, event_id)
        cleaned = sorted({e.strip().lower() for e in emails if e.strip()})
        existing = set(event.invitations.values_list("email", flat=True))
        new = [Invitation(event=event, email=e) for e in cleaned if e not in existing]
        Invitation.objects.bulk_create(new)
        audit_record(action=INVITATION_ADDED, actor=actor, obj=event, details={"added": len(new)})
    return len(new)


def material_attach(*, actor: Actor, event_id: int, title: str, kind: str, upload: UploadedFile) -> Material:
    """A presentation or the minutes, attached after the event (PDF or an image)."""
    file_kind = validate_upload(upload, max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    if kind not in MaterialKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    if not title.strip():
        raise ValidationError({"title": _("This field is required.")})
    with transaction.atomic():
        event = _organised(actor, event_id)
        material = Material.objects.create(
            event=event,
            title=title.strip()[:200],
            kind=kind,
            file=upload,
            file_kind=file_kind,
            uploaded_by=actor.user,
        )
        audit_record(action=MATERIAL_ATTACHED, actor=actor, obj=event, details={"material": material.pk})
    return material
