"""Participants' appointments with advisors: booking, moving, cancelling, and the reminders the
day before. Each change checks who acts, runs in one transaction, locks what it must, writes the
audit record and sends e-mails only after the commit.

Lock order, to avoid deadlocks: the acting user's row, then slots by ascending id, then
appointments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.programmes.selectors import participant_is_eligible

from .. import domain, selectors
from ..audit_actions import GUIDANCE_APPOINTMENT_BOOKED, GUIDANCE_APPOINTMENT_REMINDED
from ..domain import AppointmentStatus
from ..models import AdvisorSlot, Appointment
from ..workflows import APPOINTMENT


def _refuse_unless_bookable(slot: AdvisorSlot, *, now: datetime) -> None:
    if slot.withdrawn_at is not None:
        raise ValidationError(_("This slot is no longer offered. Choose another one."))
    if not domain.change_allowed(starts_at=slot.starts_at, now=now):
        raise ValidationError(_("Meetings can be booked at least 24 hours ahead. Choose a later slot."))
    if Appointment.objects.filter(slot=slot, status=AppointmentStatus.BOOKED).exists():
        raise ValidationError(_("Somebody has just booked this slot. Choose another one."))


def appointment_book(*, slot_id: int, actor: Actor, now: datetime | None = None) -> Appointment:
    """The participant (``actor``) books a slot, if eligible. At most one future appointment per
    participant (their user row is locked while it is checked); at most one booking per slot (the
    slot row is locked, and a partial unique index is the backstop)."""
    require_role(actor, Role.PARTICIPANT)
    participant = actor.user
    now = now or timezone.now()
    if not participant_is_eligible(user=participant):
        raise PermissionDenied(
            _("Meetings with an advisor are for participants whose application was accepted.")
        )
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=participant.pk)
            if selectors.future_appointment(participant=participant, now=now) is not None:
                raise ValidationError(
                    _("You already have a meeting booked. Move it or cancel it if you need another time.")
                )
            slot = (
                AdvisorSlot.objects.select_for_update(of=("self",))
                .select_related("advisor", "centre")
                .get(pk=slot_id)
            )
            _refuse_unless_bookable(slot, now=now)
            appointment = Appointment.objects.create(slot=slot, participant=participant)
            audit_record(
                action=GUIDANCE_APPOINTMENT_BOOKED,
                actor=actor,
                obj=appointment,
                details={"slot": slot.pk, "advisor": slot.advisor_id},
            )
            notify_appointment(appointment, event="booked")
    except IntegrityError as exc:  # the unique index caught a concurrent booking of the slot
        raise ValidationError(_("Somebody has just booked this slot. Choose another one.")) from exc
    return appointment


def appointment_move(
    *, appointment_id: int, new_slot_id: int, actor: Actor, now: datetime | None = None
) -> Appointment:
    """The participant (``actor``) moves a booked appointment to another free slot: the old one
    becomes ``moved`` (pointing to the new one) and the new one ``booked``, together or not at
    all."""
    require_role(actor, Role.PARTICIPANT)
    participant = actor.user
    now = now or timezone.now()
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=participant.pk)
            # Slots before appointments (the lock order): read which slot it is, lock both
            # slots, then the appointment.
            old_slot_id = Appointment.objects.values_list("slot_id", flat=True).get(pk=appointment_id)
            slots = {
                slot.pk: slot
                for slot in AdvisorSlot.objects.select_for_update(of=("self",))
                .select_related("advisor", "centre")
                .filter(pk__in=[old_slot_id, new_slot_id])
                .order_by("pk")
            }
            old = Appointment.objects.select_for_update().get(pk=appointment_id)
            if old.participant_id != participant.pk:
                raise PermissionDenied(_("This is not your appointment."))
            APPOINTMENT.check(state=old.status, name="move", obj=old)
            if old.slot_id != old_slot_id:
                raise ValidationError(_("Only a booked meeting can be moved."))
            if new_slot_id == old.slot_id:
                raise ValidationError(_("Choose a different time."))
            if new_slot_id not in slots:
                raise AdvisorSlot.DoesNotExist
            if not domain.change_allowed(starts_at=slots[old.slot_id].starts_at, now=now):
                raise ValidationError(_("A meeting can be moved up to 24 hours before it starts."))
            new_slot = slots[new_slot_id]
            _refuse_unless_bookable(new_slot, now=now)
            new = Appointment.objects.create(slot=new_slot, participant=participant)
            old.closed_at = now
            old.closed_by = participant
            old.moved_to = new
            APPOINTMENT.apply(
                old,
                "move",
                actor=actor,
                fields=["closed_at", "closed_by", "moved_to"],
                details={
                    "from_appointment": old.pk,
                    "from_slot": old.slot_id,
                    "to_slot": new_slot.pk,
                    "to_appointment": new.pk,
                },
            )
            notify_appointment(new, event="moved", previous=old)
    except IntegrityError as exc:
        raise ValidationError(_("Somebody has just booked this slot. Choose another one.")) from exc
    return new


def appointment_cancel(*, appointment_id: int, actor: Actor, now: datetime | None = None) -> Appointment:
    """The participant cancels up to 24 hours before; the slot's advisor may cancel any time
    before the meeting. The slot becomes free again."""
    now = now or timezone.now()
    user = actor.user
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("slot", "slot__advisor")
            .get(pk=appointment_id)
        )
        if actor.role == Role.PARTICIPANT and appointment.participant_id == user.pk:
            if not domain.change_allowed(starts_at=appointment.slot.starts_at, now=now):
                raise ValidationError(_("A meeting can be cancelled up to 24 hours before it starts."))
            event = "cancelled"
        elif actor.role == Role.ADVISOR and appointment.slot.advisor_id == user.pk:
            if appointment.slot.starts_at <= now:
                raise ValidationError(_("A meeting that has started cannot be cancelled."))
            event = "cancelled_by_advisor"
        else:
            raise PermissionDenied(_("This is not your appointment."))
        appointment.closed_at = now
        appointment.closed_by = user
        APPOINTMENT.apply(appointment, "cancel", actor=actor, fields=["closed_at", "closed_by"], details={})
        notify_appointment(appointment, event=event)
    return appointment


def appointment_reminders_send(*, today: date | None = None) -> int:
    """E-mail a reminder for every booked appointment tomorrow that has not had one. Each
    appointment is claimed by a conditional update, so two runs (or two workers) never remind
    twice. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        reminder_sent_at__isnull=True,
        slot__starts_at__gte=start,
        slot__starts_at__lt=start + timedelta(days=1),
    ).values_list("pk", flat=True)
    sent = 0
    for appointment_id in list(due):
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment_id, status=AppointmentStatus.BOOKED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not claimed:
                continue
            appointment = Appointment.objects.select_related(
                "slot__advisor", "slot__centre", "participant"
            ).get(pk=appointment_id)
            audit_record(action=GUIDANCE_APPOINTMENT_REMINDED, actor=SYSTEM, obj=appointment)
            notify_appointment(appointment, event="reminder", advisor_too=False)
            sent += 1
    return sent


_SUBJECTS = {
    "booked": gettext_noop("Your meeting with a career advisor is booked"),
    "moved": gettext_noop("Your meeting with a career advisor has been moved"),
    "cancelled": gettext_noop("Your meeting with a career advisor is cancelled"),
    "cancelled_by_advisor": gettext_noop("Your advisor has cancelled the meeting"),
    "reminder": gettext_noop("Reminder: your meeting with a career advisor tomorrow"),
}


def notify_appointment(
    appointment: Appointment, *, event: str, previous: Appointment | None = None, advisor_too: bool = True
) -> None:
    """E-mail the participant (and, unless the advisor caused it, the advisor) about a change."""
    context = {"appointment": appointment, "slot": appointment.slot, "event": event, "previous": previous}
    notify(
        recipients=[appointment.participant],
        subject=_SUBJECTS[event],
        template="guidance/email/appointment.txt",
        context=context,
    )
    if advisor_too and event != "cancelled_by_advisor":
        notify(
            recipients=[appointment.slot.advisor],
            subject=gettext_noop("A participant's meeting with you has changed"),
            template="guidance/email/appointment_advisor.txt",
            context=context,
        )
