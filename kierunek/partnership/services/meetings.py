"""A body's meetings, minutes and decisions. A meeting is an event of the events context (a
council or group meeting, by invitation: the members sitting in the body that day are invited),
scheduled by the body's secretary or leader or by the office through the events' own services;
the minutes are attached here after it started; decisions are numbered per body and year under
the body's row lock, so two recorded at once never take one number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.uploads import validate_upload
from kierunek.events import services as events
from kierunek.events.models import Audience, EventKind

from .. import domain_bodies as rules
from ..audit_actions_bodies import DECISION_RECORDED, MEETING_SCHEDULED, MINUTES_ATTACHED
from ..models_bodies import BodyMeeting, Decision
from ..workflows_bodies import DECISION
from .bodies_common import locked_body, require_keeper
from .common import text

GUEST_SEATS = 5  # beside the members: the office and guests the body invites


@dataclass(frozen=True)
class MeetingData:
    title: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    gmina_teryt: str = ""
    address: str = ""
    online_url: str = ""


def meeting_schedule(*, actor: Actor, body_id: int, data: MeetingData) -> BodyMeeting:
    """Schedule a meeting: an event of the kind "council or group meeting" for invited people
    only, organised by the actor, with every member now sitting in the body (and having an
    e-mail) invited."""
    require_keeper(actor, body_id)
    with transaction.atomic():
        body = locked_body(body_id)
        if body.dissolved_on is not None:
            raise ValidationError(_("The body was dissolved."))
        emails = sorted(
            set(body.members.filter(left_on__isnull=True).exclude(email="").values_list("email", flat=True))
        )
        event = events.event_create(
            actor=actor,
            data=events.EventData(
                title=text(data.title, "title", 200),
                kind=EventKind.MEETING,
                starts_at=data.starts_at,
                ends_at=data.ends_at,
                capacity=len(emails) + GUEST_SEATS,
                audience=Audience.INVITATION,
                description=data.description,
                gmina_teryt=data.gmina_teryt,
                address=data.address,
                online_url=data.online_url,
                organiser_label=f"{body.name} — {body.partnership.short_name}"[:200],
            ),
        )
        if emails:
            events.invitations_add(actor=actor, event_id=event.pk, emails=emails)
        meeting = BodyMeeting.objects.create(body=body, event=event)
        audit_record(
            action=MEETING_SCHEDULED,
            actor=actor,
            obj=body,
            details={"event": event.pk, "invited": len(emails)},
        )
    return meeting


def minutes_attach(
    *, actor: Actor, meeting_id: int, upload: UploadedFile, now: datetime | None = None
) -> BodyMeeting:
    """Attach (or replace) the minutes of a meeting that has started: a PDF."""
    kind = validate_upload(upload, kinds=("pdf",), max_bytes=settings.KIERUNEK_UPLOAD_MAX_BYTES)
    now = now or timezone.now()
    body_id = BodyMeeting.objects.values_list("body_id", flat=True).get(pk=meeting_id)
    require_keeper(actor, body_id)
    with transaction.atomic():
        locked_body(body_id)
        meeting = (
            BodyMeeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting_id)
        )
        if meeting.event.starts_at > now:
            raise ValidationError(_("The minutes are attached after the meeting."))
        replaced = bool(meeting.minutes)
        meeting.minutes = upload
        meeting.minutes_kind = kind
        meeting.minutes_attached_at = now
        meeting.minutes_attached_by = actor.user
        meeting.save(update_fields=["minutes", "minutes_kind", "minutes_attached_at", "minutes_attached_by"])
        audit_record(
            action=MINUTES_ATTACHED,
            actor=actor,
            obj=meeting.body,
            details={"meeting": meeting.pk, "replaced": replaced},
        )
    return meeting


def decision_record(
    *,
    actor: Actor,
    body_id: int,
    title: str,
    text_: str,
    adopted_on: date,
    meeting_id: int | None = None,
) -> Decision:
    """Record a decision the body adopted; it takes the next number of the body in that year."""
    require_keeper(actor, body_id)
    title = text(title, "title", 300)
    body_text = text(text_, "text", 20000)
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("The day cannot be in the future.")})
    with transaction.atomic():
        body = locked_body(body_id)  # the number is taken under the body's lock
        meeting = None
        if meeting_id is not None:
            meeting = body.meetings.filter(pk=meeting_id).first()
            if meeting is None:
                raise ValidationError({"meeting": _("Choose a meeting of this body.")})
        year = adopted_on.year
        number = rules.next_number(body.decisions.filter(year=year).values_list("number", flat=True))
        decision = Decision.objects.create(
            body=body,
            meeting=meeting,
            year=year,
            number=number,
            title=title,
            text=body_text,
            adopted_on=adopted_on,
            recorded_by=actor.user,
        )
        audit_record(
            action=DECISION_RECORDED, actor=actor, obj=body, details={"decision": decision.reference}
        )
    return decision


def decision_move(*, actor: Actor, decision_id: int, transition: str, note: str = "") -> Decision:
    """Mark a decision implemented, or record that it was repealed (with a note: by what)."""
    if transition not in DECISION.transitions:
        raise ValidationError(_("No such step."))
    note = text(note, "note", 2000, required=transition == "repeal")
    body_id = Decision.objects.values_list("body_id", flat=True).get(pk=decision_id)
    require_keeper(actor, body_id)
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision_id)
        decision.status_note = note
        DECISION.apply(decision, transition, actor=actor, note=note, fields=["status_note"])
    return decision
