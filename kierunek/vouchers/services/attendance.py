"""Delivery of a booked service: the provider records attendance and reports the result; the
participant confirms it with their own login, or disputes it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.catalogue.models import ServiceSession
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record

from .. import domain
from ..audit_actions import VOUCHERS_ATTENDANCE_CONFIRMED, VOUCHERS_ATTENDANCE_RECORDED
from ..models import Attendance, Booking, BookingEvent, EventNote
from ..workflows import BOOKING
from .base import _release, today
from .bookings import _own_booking, _provider_booking
from .confirmation import CONFIRMATION_FIELDS, confirmation_deadlines_set


def attendance_record(
    *,
    booking_id: int,
    actor: Actor,
    present: Mapping[int, bool],
    on: date | None = None,
) -> list[Attendance]:
    """The provider records who was present at which session (sessions that have taken place, of
    the booked service). Recording a session again corrects it."""
    day = on or today()
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        if booking.status != domain.ACCEPTED:
            raise ValidationError(
                _("Attendance is recorded for accepted bookings before completion is reported.")
            )
        sessions = {
            s.pk: s for s in ServiceSession.objects.filter(card_id=booking.card_id, pk__in=list(present))
        }
        if set(present) - set(sessions):
            raise ValidationError(_("A session does not belong to this service."))
        if any(sessions[pk].date > day for pk in present):
            raise ValidationError(_("Attendance can only be recorded for sessions that have taken place."))
        rows = []
        for session_id, was_present in present.items():
            row, _created = Attendance.objects.update_or_create(
                booking=booking,
                session_id=session_id,
                defaults={
                    "present": bool(was_present),
                    "recorded_by": actor.user,
                    "recorded_at": timezone.now(),
                },
            )
            rows.append(row)
        audit_record(
            action=VOUCHERS_ATTENDANCE_RECORDED,
            actor=actor,
            obj=booking,
            details={"sessions": sorted(present)},
        )
    return rows


def booking_report(
    *,
    booking_id: int,
    actor: Actor,
    result: str,
    note: str = "",
    certificate_number: str = "",
    on: date | None = None,
) -> Booking:
    """The provider reports the result after the service ends, by the report deadline: completed
    (attendance recorded for every session first; the participant's deadlines to confirm and rate
    it are recorded), not completed or did not attend (the vouchers return to the participant)."""
    day = on or today()
    if result not in domain.RESULT_TRANSITIONS:
        raise ValidationError(_("Choose the result."))
    with transaction.atomic():
        booking = _provider_booking(booking_id, actor)
        if day < booking.card.starts_on:
            raise ValidationError(_("The result can be reported once the service has started."))
        if day > booking.report_by:
            raise ValidationError(_("The deadline to report this booking has passed."))
        if result == domain.COMPLETED:
            sessions = ServiceSession.objects.filter(card_id=booking.card_id).count()
            recorded = Attendance.objects.filter(booking=booking).count()
            if recorded < sessions:
                raise ValidationError(
                    _("Record the attendance of every session before reporting completion.")
                )
        booking.result_note = note.strip()[:300]
        booking.certificate_number = certificate_number.strip()[:120]
        booking.reported_at = timezone.now()
        fields = ["result_note", "certificate_number", "reported_at"]
        if result == domain.COMPLETED:
            confirmation_deadlines_set(booking, reported_on=day)
            fields += CONFIRMATION_FIELDS
        BOOKING.apply(
            booking,
            domain.RESULT_TRANSITIONS[result],
            actor=actor,
            note=note.strip(),
            fields=fields,
            details={"result": result},
        )
        if result != domain.COMPLETED:
            _release(booking, actor=actor, free_seat=False)
    return booking


def attendance_confirm(*, booking_id: int, actor: Actor) -> Booking:
    """The participant (``actor``) confirms, with their own login, the attendance the provider
    reported."""
    with transaction.atomic():
        booking = _own_booking(booking_id, actor.user)
        if booking.status != domain.COMPLETED:
            raise ValidationError(_("Attendance is confirmed once the provider has reported completion."))
        if booking.confirmed_at is None:
            booking.confirmed_at = timezone.now()
            booking.save(update_fields=["confirmed_at", "updated_at"])
            # Not a transition (the state stays): a history row of its own.
            BookingEvent.objects.create(
                booking=booking,
                status_from=booking.status,
                status_to=booking.status,
                actor=actor.user,
                note=EventNote.ATTENDANCE_CONFIRMED,
            )
            audit_record(action=VOUCHERS_ATTENDANCE_CONFIRMED, actor=actor, obj=booking)
    return booking


def booking_dispute(*, booking_id: int, actor: Actor, note: str) -> Booking:
    """The participant (``actor``) says the provider's report is not true (e.g. they did not
    attend): the booking is frozen for an officer."""
    with transaction.atomic():
        booking = _own_booking(booking_id, actor.user)
        if booking.status != domain.COMPLETED:
            raise ValidationError(
                _("A booking is disputed after the provider reports it completed; before, you can cancel it.")
            )
        booking.frozen_from = booking.status
        BOOKING.apply(
            booking,
            "dispute",
            actor=actor,
            note=note.strip() or EventNote.DISPUTE,
            fields=["frozen_from"],
            details={},
        )
    return booking
