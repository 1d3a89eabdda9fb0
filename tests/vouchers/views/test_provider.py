"""The provider's voucher pages as its staff use them: the bookings of its services (filter,
accept, reject with a reason), attendance per session and the completion report, the ratings
(aggregates only) and the settlements. Another provider's booking and other roles are refused,
and a refusal changes nothing."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kierunek.accounts.models import Role
from kierunek.catalogue.models import ServiceCard, ServiceSession
from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.models import Attendance, Booking
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def provider_client(client, login_staff):
    """A client logged in with both factors as the owner of the booking's provider."""

    def _client(booking: Booking):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return login_staff(client, b.staff_of(booking))

    return _client


def text(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def move_into_the_past(booking: Booking, days: int = 10) -> None:
    """The service took place: its dates and sessions move ``days`` back (a booking is made at
    least 3 days before the start, so a finished service is set up by moving it afterwards)."""
    card = booking.card
    shift = card.starts_on - (b.later(-days))
    ServiceCard.objects.filter(pk=card.pk).update(
        starts_on=card.starts_on - shift, ends_on=card.ends_on - shift, enrolment_deadline=b.later(-days - 3)
    )
    for session in ServiceSession.objects.filter(card=card):
        ServiceSession.objects.filter(pk=session.pk).update(date=session.date - shift)
    booking.card.refresh_from_db()


class TestBookings:
    def test_list_filtered_by_status(self, provider_client):
        waiting = b.book(b.issued_account())
        service = b.card(provider=waiting.provider)
        taken = b.accepted(b.book(b.issued_account(), service))
        elsewhere = b.book(b.issued_account())  # another provider's
        client = provider_client(waiting)

        everything = client.get(reverse("vouchers:provider_bookings"))
        requested = client.get(reverse("vouchers:provider_bookings"), {"status": "requested"})

        assert f"No. {waiting.pk}<" in text(everything)
        assert f"No. {taken.pk}<" in text(everything)
        assert f"No. {elsewhere.pk}<" not in text(everything)
        assert f"No. {waiting.pk}<" in text(requested)
        assert f"No. {taken.pk}<" not in text(requested)
        assert f"answer by {waiting.answer_by:%d.%m.%Y}" in text(requested)

    def test_accept(self, provider_client):
        booking = b.book(b.issued_account())
        client = provider_client(booking)

        page = client.get(reverse("vouchers:provider_booking", args=[booking.pk]))
        accepted = client.post(reverse("vouchers:provider_accept", args=[booking.pk]), follow=True)

        assert "Accept the booking" in text(page)
        booking.refresh_from_db()
        assert booking.status == "accepted"
        assert "The booking is accepted" in text(accepted)

    def test_reject_needs_a_reason(self, provider_client):
        booking = b.book(b.issued_account())
        client = provider_client(booking)
        url = reverse("vouchers:provider_reject", args=[booking.pk])

        without = client.post(url, {"reason": " "})
        booking.refresh_from_db()
        status_after_empty = booking.status
        rejected = client.post(url, {"reason": "Grupa jest pełna."}, follow=True)

        assert status_after_empty == "requested"
        assert 'aria-describedby="id_reason_errors id_reason_helptext"' in text(without)
        booking.refresh_from_db()
        assert booking.status == "rejected"
        assert "the vouchers return to the participant" in text(rejected)

    def test_attendance_only_for_sessions_that_took_place_then_the_report(self, provider_client):
        booking = b.accepted(b.book(b.issued_account()))
        client = provider_client(booking)
        attendance_url = reverse("vouchers:provider_attendance", args=[booking.pk])

        before = client.get(attendance_url)
        move_into_the_past(booking)
        sessions = list(booking.card.sessions.all())
        form = client.get(attendance_url)
        too_early = client.post(
            reverse("vouchers:provider_report", args=[booking.pk]), {"result": "completed"}
        )
        saved = client.post(attendance_url, {f"session_{sessions[0].pk}": "on"}, follow=True)
        first_record = set(Attendance.objects.filter(booking=booking).values_list("session_id", "present"))
        client.post(attendance_url, {f"session_{s.pk}": "on" for s in sessions})  # a correction
        reported = client.post(
            reverse("vouchers:provider_report", args=[booking.pk]),
            {"result": "completed", "certificate_number": "CERT/2026/7", "note": "Egzamin zdany."},
            follow=True,
        )

        assert "No session has taken place yet." in text(before)
        assert text(form).count('type="checkbox"') == 2
        assert "The attendance is saved." in text(saved)
        assert first_record == {(sessions[0].pk, True), (sessions[1].pk, False)}
        assert "Record the attendance of every session" in text(too_early)
        assert Attendance.objects.filter(booking=booking, present=True).count() == 2
        booking.refresh_from_db()
        assert booking.status == "completed"
        assert booking.certificate_number == "CERT/2026/7"
        assert "The report is saved." in text(reported)

    def test_settlements_list_settled_bookings_and_payment_lines(self, provider_client):
        booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
        b.settle(booking)
        batch = services.batch_build(
            programme_id=booking.voucher_account.programme_id,
            actor=Actor.of(b.operator()),
            idempotency_key=b.key(),
        )
        client = provider_client(booking)

        page = text(client.get(reverse("vouchers:provider_settlements")))

        assert f"No. {booking.pk}<" in page
        assert "480,00\xa0zł" in page
        assert batch is not None
        assert batch.reference in page


class TestRefusals:
    @pytest.mark.parametrize(
        "name",
        ["vouchers:provider_booking", "vouchers:provider_attendance", "vouchers:provider_report"],
    )
    def test_another_providers_booking_pages_are_404(self, provider_client, name):
        mine = b.book(b.issued_account())
        theirs = b.accepted(b.book(b.issued_account()))
        client = provider_client(mine)
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("vouchers:provider_accept", {}),
            ("vouchers:provider_reject", {"reason": "Nie."}),
            ("vouchers:provider_attendance", {}),
            ("vouchers:provider_report", {"result": "no_show"}),
        ],
    )
    def test_another_providers_booking_actions_are_404_and_change_nothing(self, provider_client, name, data):
        mine = b.book(b.issued_account())
        theirs = b.book(b.issued_account())
        if name in ("vouchers:provider_attendance", "vouchers:provider_report"):
            b.accepted(theirs)
            move_into_the_past(theirs)
            data = data or {f"session_{s.pk}": "on" for s in theirs.card.sessions.all()}
        theirs.refresh_from_db()
        before = (theirs.status, theirs.events.count(), theirs.reported_at)
        client = provider_client(mine)

        response = client.post(reverse(name, args=[theirs.pk]), data)

        theirs.refresh_from_db()
        assert response.status_code == 404
        assert (theirs.status, theirs.events.count(), theirs.reported_at) == before
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize(
        "name",
        ["vouchers:provider_bookings", "evaluations:provider_ratings", "vouchers:provider_settlements"],
    )
    def test_participants_and_other_staff_are_refused(self, client, staff_client, name):
        booking = b.book(b.issued_account())
        client.force_login(booking.participant)
        assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse("vouchers:provider_accept", args=[booking.pk])).status_code == 403
        client.logout()
        officer_client, _user = staff_client(Role.FINANCIAL_OPERATOR)
        assert officer_client.get(reverse(name)).status_code == 403
        booking.refresh_from_db()
        assert booking.status == "requested"

    def test_staff_without_an_institution_get_404(self, staff_client):
        client, _user = staff_client(Role.PROVIDER_STAFF)
        assert client.get(reverse("vouchers:provider_bookings")).status_code == 404
