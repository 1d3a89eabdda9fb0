"""The participant's deadlines to confirm and rate a completed booking (services/confirmation.py,
run by ``deadlines_process``): recorded when completion is reported, reminded once per reminder
day, and closed after them as the programme's rule says, with the officer's decision where it
sends the booking; settlement takes what the rule allows and the database refuses the rest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.programmes.models import RuleVersion
from kierunek.vouchers import domain, services
from kierunek.vouchers.models import Booking, BookingEvent
from kierunek.vouchers.services import confirmation
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def _completed() -> Booking:
    booking = b.completed(b.book(b.issued_account()))
    booking.refresh_from_db()
    return booking


def _reserved(booking: Booking) -> int:
    booking.voucher_account.reserved.refresh_from_db()
    return booking.voucher_account.reserved.balance


def _counts(day) -> dict:
    counts = services.deadlines_process(on=day)
    return {key: value for key, value in counts.items() if value}


def test_reporting_completion_records_the_deadlines_of_the_rule_in_force():
    booking = _completed()
    reported_on = booking.card.ends_on
    assert booking.confirm_by == reported_on + timedelta(days=14)
    assert booking.rate_by == reported_on + timedelta(days=14)
    assert booking.confirmation_rule.key == "confirmation"
    assert booking.confirmation_rule.valid_from <= reported_on


def test_without_a_confirmation_rule_in_force_no_deadline_is_set_and_nothing_closes():
    RuleVersion.objects.filter(key="confirmation").delete()
    booking = _completed()
    assert (booking.confirm_by, booking.rate_by, booking.confirmation_rule) == (None, None, None)
    assert _counts(booking.card.ends_on + timedelta(days=400)) == {}


def test_reminders_are_sent_once_per_reminder_day_in_polish(django_capture_on_commit_callbacks):
    booking = _completed()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _counts(booking.confirm_by - timedelta(days=8)) == {}
        assert _counts(booking.confirm_by - timedelta(days=7)) == {"reminded": 1}
        assert _counts(booking.confirm_by - timedelta(days=7)) == {}  # the same day again
        assert _counts(booking.confirm_by - timedelta(days=5)) == {}
        assert _counts(booking.confirm_by - timedelta(days=2)) == {"reminded": 1}
    assert [m.to for m in mail.outbox] == [[booking.participant.email]] * 2
    assert mail.outbox[0].subject == "Kierunek: Przypomnienie: potwierdź udział i oceń usługę"
    assert f"{booking.confirm_by:%d.%m.%Y}" in mail.outbox[0].body
    reminded = AuditEvent.objects.filter(action="vouchers.booking_reminded", object_id=str(booking.pk))
    assert reminded.count() == 2


def test_a_confirmed_and_rated_booking_gets_no_reminder_and_stays_open_for_settlement():
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    assert _counts(booking.confirm_by - timedelta(days=2)) == {}
    assert _counts(booking.rate_by + timedelta(days=1)) == {}
    booking.refresh_from_db()
    assert (booking.status, booking.confirmation_outcome) == (domain.COMPLETED, "")


def test_not_confirmed_in_time_it_goes_to_an_officer_and_stays_reserved():
    booking = _completed()
    assert _counts(booking.confirm_by) == {"reminded": 1}  # the last day still counts
    assert _counts(booking.confirm_by + timedelta(days=1)) == {"referred": 1}
    assert _counts(booking.confirm_by + timedelta(days=2)) == {}
    booking.refresh_from_db()
    assert booking.status == domain.UNCONFIRMED
    assert booking.confirmation_closed_at is not None
    assert _reserved(booking) == booking.amount
    assert b.settle(booking).settled == 0
    event = BookingEvent.objects.filter(booking=booking).latest("pk")
    assert (event.status_from, event.status_to, event.actor) == (domain.COMPLETED, domain.UNCONFIRMED, None)
    assert AuditEvent.objects.filter(action="vouchers.booking_referred", object_id=str(booking.pk)).exists()


def test_the_officer_confirms_it_and_it_is_settled_without_a_rating():
    booking = _completed()
    services.deadlines_process(on=booking.confirm_by + timedelta(days=1))
    officer = b.officer()
    confirmation.booking_officer_confirm(
        booking_id=booking.pk, actor=Actor.of(officer), note="Lista obecności podpisana."
    )
    booking.refresh_from_db()
    assert (booking.status, booking.confirmation_outcome) == (domain.COMPLETED, domain.OFFICER_CONFIRMED)
    assert b.settle(booking).settled == 1
    booking.refresh_from_db()
    assert (booking.status, booking.evaluated_at, booking.confirmed_at) == (domain.SETTLED, None, None)
    audit = AuditEvent.objects.get(action="vouchers.booking_confirmed_by_officer")
    assert (audit.actor_id, audit.details) == (officer.pk, {"outcome": domain.OFFICER_CONFIRMED})


def test_the_officer_finds_it_not_delivered_and_the_vouchers_return(django_capture_on_commit_callbacks):
    booking = _completed()
    services.deadlines_process(on=booking.confirm_by + timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        confirmation.booking_officer_not_delivered(
            booking_id=booking.pk, actor=Actor.of(b.officer()), note="Uczestnik nie był na zajęciach."
        )
    booking.refresh_from_db()
    assert (booking.status, booking.confirmation_outcome) == (
        domain.NOT_DELIVERED,
        domain.OFFICER_NOT_DELIVERED,
    )
    assert _reserved(booking) == 0
    assert [m.to for m in mail.outbox] == [[booking.participant.email]]
    assert BookingEvent.objects.filter(booking=booking).latest("pk").note == "Uczestnik nie był na zajęciach."


def test_only_an_officer_decides_with_a_reason_and_only_on_a_booking_in_the_queue():
    booking = _completed()
    with pytest.raises(ValidationError):  # not in the queue yet
        confirmation.booking_officer_confirm(booking_id=booking.pk, actor=Actor.of(b.officer()), note="Tak.")
    services.deadlines_process(on=booking.confirm_by + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        confirmation.booking_officer_confirm(booking_id=booking.pk, actor=Actor.of(b.operator()), note="Tak.")
    with pytest.raises(ValidationError):
        confirmation.booking_officer_not_delivered(
            booking_id=booking.pk, actor=Actor.of(b.officer()), note=" "
        )
    booking.refresh_from_db()
    assert booking.status == domain.UNCONFIRMED


def test_a_rule_that_counts_it_confirmed_settles_it_without_a_rating(django_capture_on_commit_callbacks):
    booking = _completed()
    booking.confirmation_rule = RuleVersion.objects.create(
        programme=booking.confirmation_rule.programme,
        key="confirmation",
        valid_from=booking.card.starts_on,
        value={**booking.confirmation_rule.value, "after_deadline": "confirm_without_rating"},
        decision_ref="Uchwała testowa",
    )
    booking.save(update_fields=["confirmation_rule"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _counts(booking.confirm_by + timedelta(days=1)) == {"deemed_confirmed": 1}
    booking.refresh_from_db()
    assert (booking.status, booking.confirmation_outcome) == (domain.COMPLETED, domain.DEEMED_CONFIRMED)
    assert mail.outbox[0].subject == "Kierunek: Minął termin potwierdzenia udziału w usłudze"
    assert AuditEvent.objects.filter(action="vouchers.booking_deemed_confirmed").count() == 1
    assert b.settle(booking).settled == 1


def test_confirmed_but_not_rated_in_time_is_settled_without_a_rating():
    booking = _completed()
    services.attendance_confirm(booking_id=booking.pk, actor=Actor.of(booking.participant))
    assert b.settle(booking).settled == 0  # not rated yet
    assert _counts(booking.rate_by + timedelta(days=1)) == {"not_rated": 1}
    booking.refresh_from_db()
    assert booking.confirmation_outcome == domain.NOT_RATED
    assert AuditEvent.objects.filter(action="vouchers.booking_rating_closed").count() == 1
    assert b.settle(booking).settled == 1


def test_the_database_refuses_settled_money_without_a_confirmation_or_a_settleable_outcome():
    booking = _completed()
    now = timezone.now()
    for outcome in ("", domain.OFFICER_NOT_DELIVERED):
        with pytest.raises(IntegrityError), transaction.atomic():
            Booking.objects.filter(pk=booking.pk).update(
                status=domain.SETTLED,
                settled_at=now,
                confirmation_outcome=outcome,
                confirmation_closed_at=now if outcome else None,
            )
    with pytest.raises(IntegrityError), transaction.atomic():  # an outcome without its date
        Booking.objects.filter(pk=booking.pk).update(confirmation_outcome=domain.DEEMED_CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():  # "not rated" needs the confirmation
        Booking.objects.filter(pk=booking.pk).update(
            confirmation_outcome=domain.NOT_RATED, confirmation_closed_at=now
        )
