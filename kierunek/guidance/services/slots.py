"""Advisors' slots: publishing a run of consecutive slots and withdrawing one.

Lock order, to avoid deadlocks: the acting user's row, then slots by ascending id, then
appointments."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.calendar import POLISH_HOLIDAYS
from kierunek.core.permissions import require_role

from .. import domain
from ..audit_actions import GUIDANCE_SLOT_WITHDRAWN, GUIDANCE_SLOTS_PUBLISHED
from ..domain import AppointmentStatus, SlotMode
from ..models import AdvisorSlot, Appointment, CareerCentre
from ..workflows import APPOINTMENT
from .appointments import notify_appointment

MAX_SLOTS_AT_ONCE = 12


def slots_publish(
    *,
    actor: Actor,
    starts_at: datetime,
    minutes: int,
    count: int = 1,
    mode: str,
    centre: CareerCentre | None,
    now: datetime | None = None,
) -> list[AdvisorSlot]:
    """The advisor (``actor``) publishes ``count`` consecutive slots of ``minutes`` each from
    ``starts_at``: all of them or, when one cannot be published (in the past, overlapping a slot
    the advisor already has), none."""
    require_role(actor, Role.ADVISOR)
    advisor = actor.user
    now = now or timezone.now()
    if not 1 <= count <= MAX_SLOTS_AT_ONCE:
        raise ValidationError(
            {"count": _("Publish from 1 to %(max)d slots at once.") % {"max": MAX_SLOTS_AT_ONCE}}
        )
    if mode not in {m.value for m in SlotMode}:
        raise ValidationError({"mode": _("Choose where the meeting takes place.")})
    if mode == SlotMode.IN_PERSON and (centre is None or not centre.is_active):
        raise ValidationError({"centre": _("Choose the career centre where you meet in person.")})
    if mode == SlotMode.ONLINE:
        centre = None
    times = [
        (starts_at + timedelta(minutes=minutes * n), starts_at + timedelta(minutes=minutes * (n + 1)))
        for n in range(count)
    ]
    problem = domain.slot_problem(starts_at=times[0][0], ends_at=times[0][1], now=now)
    if problem is None:
        problem = domain.slot_problem(starts_at=times[-1][0], ends_at=times[-1][1], now=now)
    messages = {
        "past": _("A slot must start in the future."),
        "order": _("A slot must end after it starts."),
        "length": _("A slot lasts from %(min)d to %(max)d minutes.")
        % {"min": domain.MIN_SLOT_MINUTES, "max": domain.MAX_SLOT_MINUTES},
        "too_far": _("Slots can be published at most 180 days ahead."),
    }
    if problem:
        raise ValidationError({"starts_at": messages[problem]})
    _check_calendar(times, centre)
    with transaction.atomic():
        # The advisor's row serialises concurrent publications by the same advisor.
        User.objects.select_for_update().get(pk=advisor.pk)
        overlapping = AdvisorSlot.objects.filter(
            advisor=advisor, withdrawn_at__isnull=True, starts_at__lt=times[-1][1], ends_at__gt=times[0][0]
        )
        if overlapping.exists():
            raise ValidationError({"starts_at": _("You already have a slot at this time.")})
        slots = [
            AdvisorSlot.objects.create(
                advisor=advisor, starts_at=start, ends_at=end, mode=mode, centre=centre
            )
            for start, end in times
        ]
        audit_record(
            action=GUIDANCE_SLOTS_PUBLISHED,
            actor=actor,
            obj=slots[0],
            details={"slots": [slot.pk for slot in slots], "mode": mode},
        )
    return slots


def _check_calendar(times: list[tuple[datetime, datetime]], centre: CareerCentre | None) -> None:
    """No meeting on a Polish public holiday; a meeting in person within the centre's opening
    hours."""
    local = [(timezone.localtime(start), timezone.localtime(end)) for start, end in times]
    if any(start.date() in POLISH_HOLIDAYS or end.date() in POLISH_HOLIDAYS for start, end in local):
        raise ValidationError({"day": _("This day is a public holiday: choose a working day.")})
    if centre is not None and not all(centre.is_open(start, end) for start, end in local):
        raise ValidationError(
            {
                "start": _(
                    "%(centre)s is open: %(days)s, %(opens)s to %(closes)s. Every slot must fit "
                    "within these hours."
                )
                % {
                    "centre": centre.name,
                    "days": open_days_text(centre.open_weekdays),
                    "opens": centre.opens_at.strftime("%H:%M"),
                    "closes": centre.closes_at.strftime("%H:%M"),
                }
            }
        )


def open_days_text(open_weekdays: str) -> str:
    """The open days in words: "Monday to Friday" for consecutive days, else a list."""
    names = [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]
    days = sorted({int(d) for d in open_weekdays if d in "1234567"})
    if not days:
        return ""
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return _("%(first)s to %(last)s") % {"first": names[days[0] - 1], "last": names[days[-1] - 1]}
    return ", ".join(names[d - 1] for d in days)


def slot_withdraw(*, slot_id: int, actor: Actor, now: datetime | None = None) -> AdvisorSlot:
    """The advisor takes back a future slot. A participant who booked it is told; their
    appointment is cancelled (the 24-hour limit binds participants, not the advisor)."""
    require_role(actor, Role.ADVISOR)
    now = now or timezone.now()
    with transaction.atomic():
        slot = AdvisorSlot.objects.select_for_update().get(pk=slot_id)
        if slot.advisor_id != actor.user.pk:
            raise PermissionDenied(_("This is not your slot."))
        if slot.withdrawn_at is not None:
            raise ValidationError(_("This slot has already been withdrawn."))
        if slot.starts_at <= now:
            raise ValidationError(_("A slot that has started cannot be withdrawn."))
        appointment = (
            Appointment.objects.select_for_update().filter(slot=slot, status=AppointmentStatus.BOOKED).first()
        )
        if appointment is not None:
            appointment.closed_at = now
            appointment.closed_by = actor.user
            APPOINTMENT.apply(
                appointment,
                "cancel",
                actor=actor,
                fields=["closed_at", "closed_by"],
                details={"slot_withdrawn": slot.pk},
            )
            notify_appointment(appointment, event="cancelled_by_advisor")
        slot.withdrawn_at = now
        slot.save(update_fields=["withdrawn_at"])
        audit_record(
            action=GUIDANCE_SLOT_WITHDRAWN,
            actor=actor,
            obj=slot,
            details={"appointment": appointment.pk if appointment else None},
        )
    return slot
