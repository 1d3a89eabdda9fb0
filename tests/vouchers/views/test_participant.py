"""The participant's voucher pages as people use them: the wallet (order a package, see accounts
and bookings), the card page's quote and booking form (one booking however often it is sent),
one booking (cancel, confirm, dispute) and the anonymous survey. Each page refuses another
participant's booking and other roles, and a refusal changes nothing."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from kierunek.accounts.models import Role
from kierunek.evaluations.models import SurveyResponse
from kierunek.vouchers.models import Booking, BookingEvent, OrderStatus, VoucherOrder
from tests.accounts.factories import ParticipantFactory
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def booking_key(response) -> str:
    match = re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode())
    assert match, "the booking form has its idempotency key"
    return match.group(1)


class TestWallet:
    def test_order_the_package_the_plan_allows(self, english):
        participant = b.participant_with_plan("general")
        english.force_login(participant)

        page = english.get(reverse("vouchers:wallet"))
        ordered = english.post(reverse("vouchers:order", args=[b.package("general").pk]), follow=True)

        assert page.status_code == 200
        assert "Order the package Pakiet ogólny" in text(page)
        # 180 vouchers x 15 zł today; the vocational package is not in the plan.
        assert "2\xa0700,00\xa0zł" in text(page)
        assert "not in your signed development plan" in text(page)
        assert "You have ordered the package Pakiet ogólny" in text(ordered)
        order = VoucherOrder.objects.get(participant=participant)
        assert order.status == OrderStatus.ORDERED
        assert "waiting to be issued" in text(ordered)

    def test_a_package_outside_the_plan_is_refused_with_the_reason(self, english):
        participant = b.participant_with_plan("general")
        english.force_login(participant)
        response = english.post(reverse("vouchers:order", args=[b.package("vocational").pk]), follow=True)
        assert "does not include this package" in text(response)
        assert not VoucherOrder.objects.exists()

    def test_accounts_and_bookings_with_balances_and_deadlines(self, english):
        account = b.issued_account()
        booking = b.book(account)
        english.force_login(account.participant)

        page = text(english.get(reverse("vouchers:wallet")))

        # 180 issued, 32 reserved by the booking: 148 left (2 220 zł), 32 reserved (480 zł).
        assert "148 vouchers (2\xa0220,00\xa0zł)" in page
        assert "32 vouchers (480,00\xa0zł)" in page
        assert f"{account.expires_on:%d.%m.%Y}" in page
        assert booking.card.title in page
        assert f"provider answers by {booking.answer_by:%d.%m.%Y}" in page
        assert f"you may cancel until {booking.cancel_until:%d.%m.%Y}" in page

    def test_other_roles_are_refused(self, staff_client):
        client, _user = staff_client(Role.PROVIDER_STAFF)
        assert client.get(reverse("vouchers:wallet")).status_code == 403
        assert client.post(reverse("vouchers:order", args=[b.package().pk])).status_code == 403
        assert not VoucherOrder.objects.exists()


class TestBookingFromTheCard:
    def test_the_card_shows_the_quote_and_one_booking_is_made_however_often_it_is_sent(self, english):
        account = b.issued_account()
        service = b.card()
        english.force_login(account.participant)

        card_page = english.get(reverse("catalogue:card", args=[service.pk]))
        key = booking_key(card_page)
        data = {"voucher_account": account.pk, "idempotency_key": key}
        first = english.post(reverse("vouchers:book", args=[service.pk]), data, follow=True)
        second = english.post(reverse("vouchers:book", args=[service.pk]), data, follow=True)

        page = text(card_page)
        assert "this service takes <strong>32 vouchers</strong> (480,00\xa0zł)" in page
        assert "under the rule in force today" in page
        assert "You pay <strong>750,00\xa0zł</strong> on top directly to the provider." in page
        assert first.redirect_chain[-1][0] == reverse("vouchers:wallet")
        assert f"You have booked {service.title}" in text(first)
        assert "already made" in text(second)
        booking = Booking.objects.get()
        assert booking.vouchers == 32
        assert booking.participant == account.participant

    def test_a_refusal_shows_the_card_again_with_the_reason(self, english):
        account = b.issued_account()
        service = b.card(starts_on=b.later(2), enrolment_deadline=b.later(1))
        english.force_login(account.participant)
        key = booking_key(english.get(reverse("catalogue:card", args=[service.pk])))

        response = english.post(
            reverse("vouchers:book", args=[service.pk]),
            {"voucher_account": account.pk, "idempotency_key": key},
        )

        assert response.status_code == 200
        assert "at least 3 days before the service starts" in text(response)
        assert 'role="alert"' in text(response)
        assert not Booking.objects.exists()

    def test_another_participants_voucher_account_is_not_a_choice(self, english):
        account = b.issued_account()
        intruder = b.issued_account()
        service = b.card()
        english.force_login(intruder.participant)

        response = english.post(
            reverse("vouchers:book", args=[service.pk]),
            {"voucher_account": account.pk, "idempotency_key": "key-of-another-account"},
        )

        assert response.status_code == 200
        assert 'aria-describedby="id_voucher_account_errors"' in text(response)
        assert not Booking.objects.exists()

    def test_people_without_vouchers_see_no_booking_form(self, english):
        service = b.card()
        anonymous = text(english.get(reverse("catalogue:card", args=[service.pk])))
        english.force_login(ParticipantFactory())
        without_vouchers = text(english.get(reverse("catalogue:card", args=[service.pk])))
        assert "Book with your vouchers" not in anonymous
        assert "Book with your vouchers" not in without_vouchers


class TestOneBooking:
    def test_cancel_before_the_deadline_returns_the_vouchers(self, english):
        account = b.issued_account()
        booking = b.book(account)
        english.force_login(account.participant)

        response = english.post(
            reverse("vouchers:booking_cancel", args=[booking.pk]), {"confirmed": "yes"}, follow=True
        )

        booking.refresh_from_db()
        account.account.refresh_from_db()
        assert booking.status == "cancelled"
        assert account.account.balance == 180 * 1500
        assert "the vouchers are back in your account" in text(response)

    def test_confirm_after_the_report_showing_the_recorded_attendance(self, english):
        account = b.issued_account()
        booking = b.completed(b.book(account))
        english.force_login(account.participant)

        page = english.get(reverse("vouchers:booking", args=[booking.pk]))
        confirmed = english.post(reverse("vouchers:booking_confirm", args=[booking.pk]), follow=True)

        assert text(page).count(">present<") == 2
        assert "I confirm my attendance" in text(page)
        assert "C-1" in text(page)
        booking.refresh_from_db()
        assert booking.confirmed_at is not None
        assert "you have confirmed your attendance" in text(confirmed)

    def test_dispute_freezes_the_booking_with_the_note(self, english):
        account = b.issued_account()
        booking = b.completed(b.book(account))
        english.force_login(account.participant)
        url = reverse("vouchers:booking_dispute", args=[booking.pk])

        empty = english.post(url, {"note": ""})
        disputed = english.post(url, {"note": "Nie byłam na drugim spotkaniu."}, follow=True)

        assert 'aria-describedby="id_note_errors id_note_helptext"' in text(empty)
        booking.refresh_from_db()
        assert booking.status == "frozen"
        assert booking.frozen_from == "completed"
        assert BookingEvent.objects.filter(booking=booking, note="Nie byłam na drugim spotkaniu.").exists()
        assert "a programme officer will look into it" in text(disputed)


class TestAnotherParticipantsBooking:
    @pytest.mark.parametrize(
        "name", ["vouchers:booking", "vouchers:booking_dispute", "evaluations:booking_rate"]
    )
    def test_pages_are_404(self, english, name):
        booking = b.completed(b.book(b.issued_account()))
        english.force_login(b.issued_account().participant)
        assert english.get(reverse(name, args=[booking.pk])).status_code == 404

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("vouchers:booking_cancel", {}),
            ("vouchers:booking_confirm", {}),
            ("vouchers:booking_dispute", {"note": "x"}),
            ("evaluations:booking_rate", {"content": 1, "trainer": 1, "organisation": 1, "usefulness": 1}),
        ],
    )
    def test_actions_are_404_and_change_nothing(self, english, name, data):
        booking = b.book(b.issued_account())
        if name != "vouchers:booking_cancel":
            b.completed(booking)
        booking.refresh_from_db()
        before = (booking.status, booking.confirmed_at, booking.evaluated_at, booking.events.count())
        english.force_login(b.issued_account().participant)

        response = english.post(reverse(name, args=[booking.pk]), data)

        booking.refresh_from_db()
        assert response.status_code == 404
        assert (booking.status, booking.confirmed_at, booking.evaluated_at, booking.events.count()) == before
        assert not SurveyResponse.objects.exists()

    def test_provider_staff_get_no_participant_booking_page(self, staff_client):
        booking = b.book(b.issued_account())
        client, _user = staff_client(Role.PROVIDER_STAFF)
        assert client.get(reverse("vouchers:booking", args=[booking.pk])).status_code == 403
        assert client.post(reverse("vouchers:booking_cancel", args=[booking.pk])).status_code == 403
        booking.refresh_from_db()
        assert booking.status == "requested"


def test_a_finished_bookings_links_are_separate_items_under_what_you_can_do(english):
    booking = b.completed(b.book(b.issued_account()))
    english.force_login(booking.participant)
    page = text(english.get(reverse("vouchers:wallet")))
    cell = re.search(r'<td data-label="What you can do">(.*?)</td>', page)
    assert cell is not None
    items = re.findall(r"<li>\s*<a [^>]*>[^<]*</a>\s*</li>", cell.group(1))
    assert len(items) >= 2  # confirm the attendance, and the other contexts' links, one each
    assert reverse("complaints:booking_complain", args=[booking.pk]) in cell.group(1)
    assert '<td data-label="Deadlines"></td>' in page  # nothing to say: the phone card hides it
