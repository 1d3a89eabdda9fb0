"""Booking rules through the real services: deadlines (too late, the provider's answer, the
report, cancellation), the balance, expired vouchers, the consumption rule in force on the booking
day, seats, and one live booking per service. A refusal leaves nothing changed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from kierunek.catalogue.models import ServiceCard
from kierunek.core.actor import Actor
from kierunek.programmes.models import RuleVersion
from kierunek.vouchers import domain, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import Booking, LedgerAccount
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

UNIT = 1500
FULL = 180 * UNIT


def wallet(account) -> int:
    return LedgerAccount.objects.get(pk=account.account_id).balance


def reserved(account) -> int:
    return LedgerAccount.objects.get(pk=account.reserved_id).balance


def seats(card) -> int:
    return ServiceCard.objects.get(pk=card.pk).seats_taken


def refused_booking(account, card, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        b.book(account, card, **kwargs)
    return caught.value


# What a run of the deadlines counts, when nothing is due (the confirmation's counts: see
# test_confirmation.py).
NOTHING = dict.fromkeys(
    ["lapsed", "not_delivered", "deemed_confirmed", "referred", "not_rated", "reminded"], 0
)


def test_a_booking_less_than_three_days_before_the_start_is_refused():
    account = b.issued_account()
    card = b.card(starts_on=b.later(2), ends_on=b.later(3))

    error = refused_booking(account, card)

    assert "3" in error.messages[0]
    assert not Booking.objects.exists()
    assert wallet(account) == FULL
    assert seats(card) == 0
    # Three days before is in time.
    assert b.book(account, b.card(starts_on=b.later(3), ends_on=b.later(4))).status == domain.REQUESTED


def test_the_provider_answers_by_its_deadline_then_the_booking_lapses_and_the_vouchers_return():
    account = b.issued_account()
    booking = b.book(account)
    late = booking.answer_by + timedelta(days=1)

    with pytest.raises(ValidationError):
        services.booking_accept(booking_id=booking.pk, actor=Actor.of(b.staff_of(booking)), on=late)
    booking.refresh_from_db()
    assert booking.status == domain.REQUESTED

    assert services.deadlines_process(on=booking.answer_by) == {**NOTHING, "lapsed": 0}
    assert services.deadlines_process(on=late) == {**NOTHING, "lapsed": 1}
    assert services.deadlines_process(on=late) == NOTHING  # once
    booking.refresh_from_db()
    assert booking.status == domain.LAPSED
    assert (wallet(account), reserved(account)) == (FULL, 0)
    assert seats(booking.card) == 0
    assert ledger_violations() == []


def test_an_answer_on_the_last_day_is_in_time():
    booking = b.book(b.issued_account())

    services.booking_accept(booking_id=booking.pk, actor=Actor.of(b.staff_of(booking)), on=booking.answer_by)

    booking.refresh_from_db()
    assert booking.status == domain.ACCEPTED


def test_a_report_after_its_deadline_is_refused_and_the_booking_is_marked_not_delivered():
    account = b.issued_account()
    booking = b.accepted(b.book(account))
    staff = b.staff_of(booking)
    late = booking.report_by + timedelta(days=1)

    with pytest.raises(ValidationError):
        services.booking_report(
            booking_id=booking.pk, actor=Actor.of(staff), result=domain.NOT_COMPLETED, on=late
        )
    booking.refresh_from_db()
    assert booking.status == domain.ACCEPTED

    assert services.deadlines_process(on=late) == {**NOTHING, "not_delivered": 1}
    booking.refresh_from_db()
    assert booking.status == domain.NOT_DELIVERED
    assert (wallet(account), reserved(account)) == (FULL, 0)
    # The seat stays taken: the service took place.
    assert seats(booking.card) == 1
    assert ledger_violations() == []


def test_a_booking_is_cancelled_until_its_deadline_and_not_after():
    account = b.issued_account()
    first, second = b.book(account), b.book(account)

    with pytest.raises(ValidationError):
        services.booking_cancel(
            booking_id=first.pk,
            actor=Actor.of(account.participant),
            on=first.cancel_until + timedelta(days=1),
        )
    first.refresh_from_db()
    assert first.status == domain.REQUESTED
    assert wallet(account) == FULL - first.amount - second.amount

    services.booking_cancel(booking_id=second.pk, actor=Actor.of(account.participant), on=second.cancel_until)

    second.refresh_from_db()
    assert second.status == domain.CANCELLED
    assert wallet(account) == FULL - first.amount
    assert seats(second.card) == 0
    assert ledger_violations() == []


def test_a_booking_beyond_the_balance_is_refused():
    account = b.issued_account()
    course = {"hours": 40}  # 80 vouchers of the 180
    b.book(account, b.card(**course))
    b.book(account, b.card(**course))
    third = b.card(**course)

    error = refused_booking(account, third)

    assert "80" in error.messages[0]
    assert "20" in error.messages[0]  # what is left
    assert Booking.objects.filter(card=third).count() == 0
    assert wallet(account) == 20 * UNIT
    assert reserved(account) == 160 * UNIT
    assert seats(third) == 0


def test_vouchers_past_their_use_by_date_cannot_be_booked():
    account = b.issued_account()
    day_after = account.expires_on + timedelta(days=1)
    card = b.card(starts_on=day_after + timedelta(days=30), ends_on=day_after + timedelta(days=31))

    error = refused_booking(account, card, on=day_after)

    assert account.expires_on.strftime("%d.%m.%Y") in error.messages[0]
    assert wallet(account) == FULL
    # On the use-by day itself they can.
    assert b.book(account, card, on=account.expires_on).status == domain.REQUESTED


def test_the_quote_follows_the_consumption_rule_in_force_on_the_booking_day():
    """Languages took 1 voucher an hour until 30.06.2026 and 2 from 1.07.2026."""
    participant = b.participant_with_plan()
    order = services.order_create(actor=Actor.of(participant), package_id=b.package().pk, on=date(2026, 6, 1))
    account = services.order_issue(
        order_id=order.pk, actor=Actor.of(b.operator()), idempotency_key=b.key("issue"), on=date(2026, 6, 1)
    )
    provider = b.quality_provider()
    august = {"starts_on": date(2026, 8, 3), "ends_on": date(2026, 8, 10)}
    card_june, card_july = b.card(provider, **august), b.card(provider, **august)

    in_june = b.book(account, card_june, on=date(2026, 6, 30))
    in_july = b.book(account, card_july, on=date(2026, 7, 1))

    assert (in_june.vouchers, in_june.amount, in_june.top_up) == (16, 16 * UNIT, 123_000 - 16 * UNIT)
    assert (in_july.vouchers, in_july.amount, in_july.top_up) == (32, 32 * UNIT, 123_000 - 32 * UNIT)
    assert RuleVersion.objects.get(pk=in_june.rule_version_id).valid_from == date(2025, 1, 1)
    assert RuleVersion.objects.get(pk=in_july.rule_version_id).valid_from == date(2026, 7, 1)
    assert wallet(account) == FULL - 48 * UNIT


def test_seats_are_taken_by_bookings_and_freed_by_a_cancellation():
    card = b.card(max_participants=1)
    first, second = b.issued_account(), b.issued_account()
    booking = b.book(first, card)
    assert seats(card) == 1

    error = refused_booking(second, card)

    assert error.messages
    assert Booking.objects.filter(card=card).count() == 1
    assert wallet(second) == FULL
    services.booking_cancel(booking_id=booking.pk, actor=Actor.of(first.participant))
    assert seats(card) == 0
    assert b.book(second, card).status == domain.REQUESTED
    assert seats(card) == 1


def test_the_same_service_cannot_be_booked_twice_while_a_booking_is_live():
    account = b.issued_account()
    card = b.card()
    booking = b.book(account, card)

    refused_booking(account, card)

    assert Booking.objects.filter(card=card).count() == 1
    assert wallet(account) == FULL - booking.amount
    # Once the first booking is cancelled, the service can be booked again.
    services.booking_cancel(booking_id=booking.pk, actor=Actor.of(account.participant))
    assert b.book(account, card).status == domain.REQUESTED


def test_a_booking_is_disputed_only_once_the_provider_reported_it_completed():
    booking = b.accepted(b.book(b.issued_account()))

    with pytest.raises(ValidationError):
        services.booking_dispute(
            booking_id=booking.pk, actor=Actor.of(booking.participant), note="Nie byłam."
        )
    booking.refresh_from_db()
    assert booking.status == domain.ACCEPTED

    b.completed(booking)
    disputed = services.booking_dispute(
        booking_id=booking.pk, actor=Actor.of(booking.participant), note="Nie byłam."
    )
    assert (disputed.status, disputed.frozen_from) == (domain.FROZEN, domain.COMPLETED)
