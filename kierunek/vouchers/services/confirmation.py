"""The participant's confirmation and rating of a completed booking, with deadlines: set from the
programme's ``confirmation`` rule when completion is reported, reminded by e-mail before them, and
closed after them as the rule says (counted as confirmed without a rating, or sent to an officer
who confirms it for settlement or finds it not delivered). Run daily by ``deadlines_process``."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.domain_confirmation import ConfirmationRules, confirmation_rules_from

from .. import domain
from ..audit_actions import VOUCHERS_BOOKING_REMINDED
from ..models import Booking, EventNote
from ..workflows import BOOKING
from .base import _locked_booking, _release

REMINDER_SUBJECT = gettext_noop("Reminder: confirm your attendance and rate the service")
# The transition each closing outcome takes (``domain.confirmation_closing``).
CLOSING_TRANSITIONS = {
    domain.DEEMED_CONFIRMED: "deem_confirmed",
    domain.REFERRED: "refer",
    domain.NOT_RATED: "close_rating",
}


def confirmation_deadlines_set(booking: Booking, *, reported_on: date) -> None:
    """Record on a booking just reported completed the participant's deadlines under the
    confirmation rule in force that day (and which version it was); without such a rule the booking
    waits for the participant as before. The caller saves the fields."""
    programme = booking.voucher_account.programme
    try:
        version, rules = programme_selectors.confirmation_rules_on(programme=programme, day=reported_on)
    except programme_selectors.RuleNotInForce:
        return
    deadlines = domain.confirmation_deadlines(
        reported_on=reported_on,
        confirm_days=rules.confirm_days_after_report,
        rate_days=rules.rate_days_after_report,
    )
    booking.confirmation_rule = version
    booking.confirm_by = deadlines.confirm_by
    booking.rate_by = deadlines.rate_by


CONFIRMATION_FIELDS = ["confirmation_rule", "confirm_by", "rate_by"]


def _rules_of(booking: Booking) -> ConfirmationRules:
    assert booking.confirmation_rule is not None
    return confirmation_rules_from(booking.confirmation_rule.value)


def _open() -> list[int]:
    """Completed bookings with deadlines whose confirmation is not closed yet."""
    return list(
        Booking.objects.filter(status=domain.COMPLETED, confirm_by__isnull=False, confirmation_outcome="")
        .exclude(confirmed_at__isnull=False, evaluated_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def confirmations_process(*, day: date) -> dict[str, int]:
    """Close what the deadlines decide on ``day``, then remind those still in time. Safe to run
    again: each booking closes once, and each reminder is sent once."""
    counts = {"deemed_confirmed": 0, "referred": 0, "not_rated": 0, "reminded": 0}
    for booking_id in _open():
        with transaction.atomic():
            booking = _locked_booking(booking_id)
            if booking.status != domain.COMPLETED or booking.confirmation_outcome:
                continue
            assert booking.confirm_by is not None
            assert booking.rate_by is not None
            rules = _rules_of(booking)
            confirmed, evaluated = booking.confirmed_at is not None, booking.evaluated_at is not None
            closing = domain.confirmation_closing(
                day=day,
                confirm_by=booking.confirm_by,
                rate_by=booking.rate_by,
                confirmed=confirmed,
                evaluated=evaluated,
                after_deadline=rules.after_deadline,
            )
            if closing is not None:
                _close(booking, closing)
                counts[closing] += 1
                continue
            key = domain.confirmation_reminder(
                day=day,
                confirm_by=booking.confirm_by,
                rate_by=booking.rate_by,
                confirmed=confirmed,
                evaluated=evaluated,
                days_before=rules.reminder_days_before,
                sent=booking.reminders_sent,
            )
            if key is not None:
                _remind(booking, key, rules)
                counts["reminded"] += 1
    return counts


def _close(booking: Booking, closing: str) -> None:
    fields = ["confirmation_closed_at"]
    booking.confirmation_closed_at = timezone.now()
    if closing in domain.SETTLEABLE_OUTCOMES:
        booking.confirmation_outcome = closing
        fields.append("confirmation_outcome")
    BOOKING.apply(
        booking,
        CLOSING_TRANSITIONS[closing],
        actor=SYSTEM,
        # a code shown by its label in the reader's language (an outcome or an EventNote)
        note=EventNote.REFERRED if closing == domain.REFERRED else closing,
        fields=fields,
        details={"outcome": closing, "confirm_by": f"{booking.confirm_by}", "rate_by": f"{booking.rate_by}"},
    )


def _remind(booking: Booking, key: str, rules: ConfirmationRules) -> None:
    booking.reminders_sent = [*booking.reminders_sent, key]
    booking.save(update_fields=["reminders_sent", "updated_at"])
    audit_record(action=VOUCHERS_BOOKING_REMINDED, actor=SYSTEM, obj=booking, details={"reminder": key})
    notify(
        recipients=[booking.participant],
        subject=REMINDER_SUBJECT,
        template="vouchers/email/confirmation_reminder.txt",
        context={"booking": booking, "after_deadline": rules.after_deadline},
    )


def booking_officer_confirm(*, booking_id: int, actor: Actor, note: str) -> Booking:
    """An officer finds a service that was not confirmed in time delivered: it is settled without
    a rating."""
    require_role(actor.user, Role.OFFICER)
    if not note.strip():
        raise ValidationError(_("Say what the decision rests on."))
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        booking.confirmation_outcome = domain.OFFICER_CONFIRMED
        BOOKING.apply(
            booking,
            "officer_confirm",
            actor=actor,
            note=note.strip(),
            fields=["confirmation_outcome"],
            details={"outcome": domain.OFFICER_CONFIRMED},
        )
    return booking


def booking_officer_not_delivered(*, booking_id: int, actor: Actor, note: str) -> Booking:
    """An officer finds a service that was not confirmed in time not delivered: the vouchers return
    to the participant."""
    require_role(actor.user, Role.OFFICER)
    if not note.strip():
        raise ValidationError(_("Say what the decision rests on."))
    with transaction.atomic():
        booking = _locked_booking(booking_id)
        booking.confirmation_outcome = domain.OFFICER_NOT_DELIVERED
        BOOKING.apply(
            booking,
            "officer_not_delivered",
            actor=actor,
            note=note.strip(),
            fields=["confirmation_outcome"],
            details={"outcome": domain.OFFICER_NOT_DELIVERED},
        )
        _release(booking, actor=actor, free_seat=False)
    return booking
