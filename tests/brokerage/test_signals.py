"""Fraud signals on constructed cases: each fires on a planted pattern, names the bookings behind
it, and stays quiet on a clean group. The bookings are made through the real services; what the
anonymous survey and the audit log hold is planted where the case needs more people than the test
builds (the real path that records the confirmation's address is tested too)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import User
from kierunek.brokerage import domain, services, signals
from kierunek.core.actor import Actor
from kierunek.core.audit import audit_record
from kierunek.core.models import AuditEvent
from kierunek.evaluations.models import SurveyResponse
from kierunek.vouchers import services as voucher_services
from kierunek.vouchers.audit_actions import VOUCHERS_ATTENDANCE_CONFIRMED
from kierunek.vouchers.models import Booking
from tests.brokerage import builders as b
from tests.vouchers import builders as vb

pytestmark = pytest.mark.django_db


def kinds(found):
    return [signal.kind for signal in found]


def test_many_bookings_with_one_provider():
    account = vb.issued_account()
    provider = vb.quality_provider()
    planted = [vb.book(account, vb.card(provider)) for _ in range(5)]
    group = {account.participant_id}

    found = signals.one_provider(group, domain.DEFAULT_THRESHOLDS[domain.ONE_PROVIDER])

    assert kinds(found) == [domain.ONE_PROVIDER]
    assert found[0].booking_ids == sorted(booking.pk for booking in planted)
    assert found[0].count == 5


def test_bookings_spread_over_providers_raise_nothing():
    account = vb.issued_account()
    first, second = vb.quality_provider(), vb.quality_provider()
    for provider in (first, first, second, second, second):
        vb.book(account, vb.card(provider))
    # 3 of 5 with one provider: 60 %, but fewer than five bookings with it
    assert (
        signals.one_provider({account.participant_id}, domain.DEFAULT_THRESHOLDS[domain.ONE_PROVIDER]) == []
    )


def test_bookings_made_minutes_after_registration():
    account = vb.issued_account()
    planted = [vb.book(account) for _ in range(3)]
    threshold = domain.DEFAULT_THRESHOLDS[domain.QUICK_BOOKING]
    User.objects.filter(pk=account.participant_id).update(date_joined=timezone.now() - timedelta(minutes=20))

    found = signals.quick_bookings({account.participant_id}, threshold)

    assert kinds(found) == [domain.QUICK_BOOKING]
    assert found[0].booking_ids == sorted(booking.pk for booking in planted)
    # the same bookings, two days after the registration: a person who read the offer first
    User.objects.filter(pk=account.participant_id).update(date_joined=timezone.now() - timedelta(days=2))
    assert signals.quick_bookings({account.participant_id}, threshold) == []


def _evaluated_thrice(account):
    """Three of the group's bookings of one service, evaluated this month (booked, cancelled and
    booked again: one live booking per service)."""
    card = vb.card()
    bookings = []
    for _ in range(3):
        booking = vb.book(account, card)
        bookings.append(booking)
        if len(bookings) < 3:
            voucher_services.booking_cancel(booking_id=booking.pk, actor=Actor.of(account.participant))
    Booking.objects.filter(pk__in=[x.pk for x in bookings]).update(evaluated_at=timezone.now())
    return card, bookings


def _responses(card, comments):
    month = timezone.localdate().replace(day=1)
    for comment in comments:
        SurveyResponse.objects.create(
            card=card,
            provider=card.provider,
            content=5,
            trainer=5,
            organisation=5,
            usefulness=5,
            comment=comment,
            comment_state="pending",
            month=month,
        )


def test_identical_survey_answers():
    account = vb.issued_account()
    card, bookings = _evaluated_thrice(account)
    _responses(card, ["Super kurs, polecam!", "super kurs,  polecam!", "Super kurs, polecam!"])

    found = signals.identical_answers(
        {account.participant_id}, domain.DEFAULT_THRESHOLDS[domain.IDENTICAL_ANSWERS]
    )

    assert kinds(found) == [domain.IDENTICAL_ANSWERS]
    assert found[0].booking_ids == sorted(x.pk for x in bookings)


def test_different_survey_answers_raise_nothing():
    account = vb.issued_account()
    card, _bookings = _evaluated_thrice(account)
    _responses(card, ["Dobre zajęcia.", "Przydatne ćwiczenia.", "Za krótko."])
    assert (
        signals.identical_answers(
            {account.participant_id}, domain.DEFAULT_THRESHOLDS[domain.IDENTICAL_ANSWERS]
        )
        == []
    )


def test_the_confirmation_of_attendance_records_the_address_it_came_from():
    booking = vb.completed(vb.book(vb.issued_account()))
    voucher_services.attendance_confirm(
        booking_id=booking.pk, actor=Actor(user=booking.participant, ip_address="203.0.113.7")
    )
    event = AuditEvent.objects.get(action=VOUCHERS_ATTENDANCE_CONFIRMED)
    assert (event.object_id, event.ip_address) == (str(booking.pk), "203.0.113.7")


def _confirmed_from(addresses):
    bookings = []
    for address in addresses:
        booking = vb.book(vb.issued_account())
        Booking.objects.filter(pk=booking.pk).update(confirmed_at=timezone.now())
        audit_record(
            action=VOUCHERS_ATTENDANCE_CONFIRMED,
            actor=Actor(user=booking.participant, ip_address=address),
            obj=booking,
        )
        bookings.append(booking)
    return bookings


def test_attendance_confirmed_from_one_device_for_many_people():
    bookings = _confirmed_from(["198.51.100.4"] * 3)
    group = {x.participant_id for x in bookings}

    found = signals.one_device(group, domain.DEFAULT_THRESHOLDS[domain.ONE_DEVICE])

    assert kinds(found) == [domain.ONE_DEVICE]
    assert found[0].subject == "198.51.100.4"
    assert found[0].booking_ids == sorted(x.pk for x in bookings)
    # each from their own device: nothing
    clean = _confirmed_from(["198.51.100.5", "198.51.100.6", "198.51.100.7"])
    assert (
        signals.one_device({x.participant_id for x in clean}, domain.DEFAULT_THRESHOLDS[domain.ONE_DEVICE])
        == []
    )


def test_a_brokers_group_and_the_thresholds_set_by_the_office():
    account = vb.issued_account()
    broker = b.broker()
    b.mandate(account.participant, broker, propose=True)
    for _ in range(3):
        vb.book(account)
    assert signals.broker_group(broker=broker) == {account.participant_id}
    assert kinds(signals.group_signals(signals.broker_group(broker=broker))) == [domain.QUICK_BOOKING]

    services.threshold_set(
        actor=Actor.of(vb.officer()),
        signal=domain.QUICK_BOOKING,
        count=4,
        measure=30,
        reason="Więcej niż trzy.",
    )

    assert signals.group_signals(signals.broker_group(broker=broker)) == []
    assert signals.thresholds()[domain.QUICK_BOOKING].reason == "Więcej niż trzy."
    assert AuditEvent.objects.filter(action="brokerage.threshold_changed").count() == 1
