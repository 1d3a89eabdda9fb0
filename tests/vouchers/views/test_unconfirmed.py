"""The officer's queue of services not confirmed in time: only officers open it, the decision is
chosen and then confirmed on a second step (nothing happens before), a bad form is an error on
the page, and the deadline and its outcome are shown on the participant's and the provider's
booking pages and in the settlement summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import domain, services
from kierunek.vouchers.models import Booking
from tests.accounts.factories import StaffUserFactory
from tests.pages import shows, text
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def _unconfirmed() -> Booking:
    booking = b.completed(b.book(b.issued_account()))
    booking.refresh_from_db()
    services.deadlines_process(on=booking.confirm_by + timedelta(days=1))
    booking.refresh_from_db()
    assert booking.status == domain.UNCONFIRMED
    return booking


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.OFFICER])
def test_the_queue_is_the_officers_only(client_as, role):
    booking = _unconfirmed()
    client = client_as(role)
    for url in (
        reverse("vouchers:officer_unconfirmed"),
        reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    response = client.post(
        reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk]),
        {"decision": "confirm", "note": "Tak.", "confirmed": "1"},
    )
    assert response.status_code in (302, 403)
    booking.refresh_from_db()
    assert booking.status == domain.UNCONFIRMED


def test_the_officer_sees_the_queue_and_the_list_read_is_audited(client_for):
    booking = _unconfirmed()
    officer = StaffUserFactory(role=Role.OFFICER)
    response = client_for(officer).get(reverse("vouchers:officer_unconfirmed"))
    assert response.status_code == 200
    assert booking.card.title in text(response)
    assert reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk]) in text(response)
    assert AuditEvent.objects.filter(action="participant.list_read", actor=officer).exists()


def test_confirming_for_settlement_asks_first_then_decides(client_for):
    booking = _unconfirmed()
    client = client_for(StaffUserFactory(role=Role.OFFICER))
    url = reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert shows(page, "History of the booking")

    step = client.post(url, {"decision": "confirm", "note": "Lista obecności podpisana."})
    assert step.status_code == 200
    assert shows(step, "Check your decision")
    assert shows(step, "Yes, confirm it for settlement")
    booking.refresh_from_db()
    assert booking.status == domain.UNCONFIRMED  # nothing happened yet

    done = client.post(url, {"decision": "confirm", "note": "Lista obecności podpisana.", "confirmed": "1"})
    assert done.status_code == 302
    assert done.url == reverse("vouchers:officer_unconfirmed")
    booking.refresh_from_db()
    assert (booking.status, booking.confirmation_outcome) == (domain.COMPLETED, domain.OFFICER_CONFIRMED)
    assert b.settle(booking).settled == 1
    again = client.get(url, follow=True)  # no longer waiting: back to the queue, with a word why
    assert again.redirect_chain == [(reverse("vouchers:officer_unconfirmed"), 302)]
    assert shows(again, "This booking was already decided.")


def test_a_booking_that_never_waited_is_not_found(client_for):
    booking = b.completed(b.book(b.issued_account()))
    client = client_for(StaffUserFactory(role=Role.OFFICER))
    assert client.get(reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk])).status_code == 404


def test_closing_as_not_delivered_returns_the_vouchers(client_for):
    booking = _unconfirmed()
    client = client_for(StaffUserFactory(role=Role.OFFICER))
    url = reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk])
    step = client.post(url, {"decision": "not_delivered", "note": "Uczestnik nie przyszedł."})
    assert shows(step, "Yes, close it as not delivered")
    client.post(url, {"decision": "not_delivered", "note": "Uczestnik nie przyszedł.", "confirmed": "1"})
    booking.refresh_from_db()
    assert booking.status == domain.NOT_DELIVERED
    booking.voucher_account.reserved.refresh_from_db()
    assert booking.voucher_account.reserved.balance == 0


@pytest.mark.parametrize(
    "data",
    [
        {"note": "Bez wyboru."},
        {"decision": "confirm", "note": "  "},
        {"decision": "pay", "note": "Coś."},
        {"decision": "confirm", "note": "A\x00B", "confirmed": "1"},
    ],
)
def test_a_bad_decision_is_an_error_on_the_page_and_changes_nothing(client_for, data):
    booking = _unconfirmed()
    client = client_for(StaffUserFactory(role=Role.OFFICER))
    response = client.post(reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk]), data)
    assert response.status_code == 400
    assert 'class="errorlist"' in text(response)
    booking.refresh_from_db()
    assert booking.status == domain.UNCONFIRMED


def test_the_participant_and_the_provider_see_the_deadline(client_for):
    booking = b.completed(b.book(b.issued_account()))
    booking.refresh_from_db()
    day = f"{booking.confirm_by:%d.%m.%Y}"
    participant_page = client_for(booking.participant).get(reverse("vouchers:booking", args=[booking.pk]))
    assert shows(participant_page, "Confirm your attendance by %(day)s.", day=day)
    provider_page = client_for(b.staff_of(booking)).get(
        reverse("vouchers:provider_booking", args=[booking.pk])
    )
    assert shows(provider_page, "The participant confirms the attendance by %(day)s.", day=day)


def test_after_the_deadline_the_pages_say_what_follows(client_for):
    booking = _unconfirmed()
    page = client_for(booking.participant).get(reverse("vouchers:booking", args=[booking.pk]))
    assert shows(
        page,
        "The attendance was not confirmed by %(day)s: a programme officer decides whether the service "
        "was delivered.",
        day=f"{booking.confirm_by:%d.%m.%Y}",
    )


def test_the_settlement_summary_counts_the_new_categories(client_for):
    waiting = _unconfirmed()
    closed = b.completed(b.book(b.issued_account()))
    services.attendance_confirm(booking_id=closed.pk, actor=Actor.of(closed.participant))
    closed.refresh_from_db()
    services.deadlines_process(on=closed.rate_by + timedelta(days=1))
    client = client_for(b.operator())
    page = client.get(reverse("vouchers:operator_settlement"))
    assert shows(
        page,
        "Of them, %(count)s is settled without a rating: its confirmation deadline passed.",
        count=1,
    )
    assert 'id="awaiting-officer"' in text(page)
    assert waiting.status == domain.UNCONFIRMED
    officer_page = client_for(b.officer()).get(reverse("portal:dashboard"), follow=True)
    assert 'id="work-unconfirmed">1<' in text(officer_page)
    assert reverse("vouchers:officer_unconfirmed") in text(officer_page)


def test_the_participants_api_carries_the_deadlines(client_for):
    booking = _unconfirmed()
    client = client_for(booking.participant)
    (listed,) = client.get("/api/v1/vouchers/bookings").json()
    assert (listed["status"], listed["confirm_by"], listed["confirmation_outcome"]) == (
        domain.UNCONFIRMED,
        f"{booking.confirm_by:%Y-%m-%d}",
        "",
    )


def test_the_history_says_why_the_booking_waits_in_the_readers_language(client_for):
    booking = _unconfirmed()
    officer = StaffUserFactory(role=Role.OFFICER)
    response = client_for(officer).get(reverse("vouchers:officer_unconfirmed_decide", args=[booking.pk]))
    assert "(referred)" not in text(response)
    assert "uczestnik nie potwierdził usługi w terminie" in text(response)
