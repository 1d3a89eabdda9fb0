"""At the door and after: check-in by the ticket's code, attendance certificates, the survey.

Check-in looks the ticket up by its code within the event: a code of another event, a mistyped
code and a code that does not exist get the same answer, so the door screen reveals nothing about
other tickets. A code is 80 random bits, so it cannot be guessed or counted through."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.surveys.models import Response
from kierunek.surveys.services import has_answered, response_submit

from .. import domain, selectors, survey
from ..audit_actions import CERTIFICATE_ISSUED, SURVEY_ANSWERED
from ..models import Certificate, Event, Registration, RegistrationStatus
from ..workflows import CHECK_IN

# The door opens a day before the start and closes a day after the end.
DOOR_MARGIN = timedelta(days=1)


def _door(actor: Actor, event_id: int) -> Event:
    event = Event.objects.get(pk=event_id)
    if not selectors.is_door_staff(event=event, user=actor.user):
        raise Event.DoesNotExist
    return event


def attendee_check_in(*, actor: Actor, event_id: int, code: str, now: datetime | None = None) -> Registration:
    """Check in the holder of the ticket ``code`` (as typed or scanned) at the event's door."""
    now = now or timezone.now()
    event = _door(actor, event_id)
    if not event.starts_at - DOOR_MARGIN <= now <= event.ends_at + DOOR_MARGIN:
        raise ValidationError(_("Check-in opens a day before the event and closes a day after it."))
    normalised = domain.code_normalised(code)
    unknown = ValidationError(_("No ticket of this event has this code. Check the code and try again."))
    if not domain.code_well_formed(normalised, domain.TICKET_LENGTH):
        raise unknown
    registration = (
        Registration.objects.select_related("person").filter(event=event, ticket_code=normalised).first()
    )
    if registration is None:
        raise unknown
    if registration.status != domain.CONFIRMED:
        raise ValidationError(
            _("This ticket is not valid: the registration is %(status)s.")
            % {"status": RegistrationStatus(registration.status).label}
        )
    if registration.attendance == domain.CHECKED_IN and registration.checked_in_at is not None:
        raise ValidationError(
            _("Already checked in at %(time)s.")
            % {"time": time_format(timezone.localtime(registration.checked_in_at), "H:i")}
        )
    registration.checked_in_at = now
    registration.checked_in_by = actor.user
    CHECK_IN.apply(
        registration,
        "check_in",
        actor=actor,
        fields=["checked_in_at", "checked_in_by"],
        details={"participant": registration.person_id},
    )
    return registration


def check_in_undo(*, actor: Actor, registration_id: int) -> Registration:
    registration = Registration.objects.select_related("person").get(pk=registration_id)
    _door(actor, registration.event_id)
    registration.checked_in_at = None
    registration.checked_in_by = None
    CHECK_IN.apply(
        registration,
        "undo_check_in",
        actor=actor,
        fields=["checked_in_at", "checked_in_by"],
        details={"participant": registration.person_id},
    )
    return registration


def _new_certificate_code() -> str:
    while True:
        code = domain.random_code(domain.CERTIFICATE_LENGTH)
        if not Certificate.objects.filter(code=code).exists():
            return code


def certificates_issue(*, actor: Actor, event_id: int, now: datetime | None = None) -> int:
    """After the event, an attendance certificate for each person checked in who has none yet
    (mailed to them). Returns how many were issued."""
    now = now or timezone.now()
    event = Event.objects.get(pk=event_id)
    if not selectors.is_organiser(event=event, user=actor.user):
        raise Event.DoesNotExist
    if event.ends_at > now:
        raise ValidationError(_("Certificates are issued after the event has ended."))
    issued = 0
    with transaction.atomic():
        present = (
            Registration.objects.select_for_update(of=("self",))
            .filter(
                event=event, status=domain.CONFIRMED, attendance=domain.CHECKED_IN, certificate__isnull=True
            )
            .select_related("person")
            .order_by("pk")
        )
        for registration in present:
            certificate = Certificate.objects.create(
                registration=registration, code=_new_certificate_code(), issued_at=now, issued_by=actor.user
            )
            audit_record(
                action=CERTIFICATE_ISSUED,
                actor=actor,
                obj=registration,
                details={"participant": registration.person_id, "certificate": certificate.pk},
            )
            notify(
                recipients=[registration.person],
                subject=gettext_noop("Your attendance certificate"),
                template="events/email/certificate.txt",
                context={"registration": registration, "event": event, "certificate": certificate},
            )
            issued += 1
    return issued


def survey_answer(
    *,
    actor: Actor,
    registration_id: int,
    rating: int,
    useful: bool,
    comment: str = "",
    now: datetime | None = None,
) -> Response:
    """The short survey, once, by a person who was checked in, after the event: the answers go to
    the event's survey on the engine under the person's name (they answer once per event)."""
    now = now or timezone.now()
    if actor.user is None:
        raise PermissionDenied
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("event__survey")
            .get(pk=registration_id, person=actor.user)
        )
        if registration.attendance != domain.CHECKED_IN:
            raise ValidationError(_("The survey is for people who attended the event."))
        if registration.event.ends_at > now:
            raise ValidationError(_("The survey opens when the event ends."))
        if has_answered(survey=registration.event.survey, user=actor.user):
            raise ValidationError(_("You have already answered this survey. Thank you."))
        if not 1 <= rating <= 5:
            raise ValidationError({"rating": _("Choose from 1 to 5.")})
        comment = comment.strip()
        if len(comment) > survey.COMMENT_MAX:
            raise ValidationError(
                {"comment": _("At most %(limit)d characters.") % {"limit": survey.COMMENT_MAX}}
            )
        response = response_submit(
            actor=actor,
            survey=registration.event.survey,
            answers=survey.answers(rating=rating, useful=useful, comment=comment),
        )
        audit_record(action=SURVEY_ANSWERED, actor=actor, obj=registration, details={})
    return response
