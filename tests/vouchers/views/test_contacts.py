"""People can reach each other once the provider has accepted a booking: the provider's staff see
the participant's contact (each read in the audit log), the participant sees the provider's
contact and the top-up they owe. Not before the acceptance, not after a cancellation, and never
another provider or another participant."""

import pytest
from django.conf import settings
from django.urls import reverse

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.money import Money
from kierunek.vouchers import services
from kierunek.vouchers.models import Booking
from tests.accounts.factories import ParticipantFactory
from tests.providers.factories import provider_staff_of
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

VIEWED = "vouchers.participant_contact_viewed"


def _provider_page(client_for, booking: Booking, staff=None) -> tuple[int, str]:
    client = client_for(staff or b.staff_of(booking))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("vouchers:provider_booking", args=[booking.pk]))
    return response.status_code, response.content.decode()


def _participant_page(client_for, booking: Booking, participant=None) -> tuple[int, str]:
    client = client_for(participant or booking.participant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("vouchers:booking", args=[booking.pk]))
    return response.status_code, response.content.decode()


def _contact_reads(booking: Booking) -> int:
    return AuditEvent.objects.filter(action=VIEWED, object_id=str(booking.pk)).count()


def test_before_the_acceptance_nobody_sees_the_others_contact(client_for):
    booking = b.book(b.issued_account())
    status, page = _provider_page(client_for, booking)
    assert status == 200
    assert booking.participant.email not in page
    assert "Contact the participant" not in page
    assert _contact_reads(booking) == 0
    status, page = _participant_page(client_for, booking)
    assert status == 200
    assert booking.provider.email not in page
    assert "Contact the provider" not in page


def test_after_the_acceptance_the_provider_sees_the_participants_contact_and_each_read_is_audited(client_for):
    booking = b.accepted(b.book(b.issued_account()))
    staff = b.staff_of(booking)
    for reads in (1, 2):
        status, page = _provider_page(client_for, booking, staff)
        assert status == 200
        assert "Contact the participant" in page
        assert f"mailto:{booking.participant.email}" in page
        assert booking.participant.get_full_name() in page
        assert _contact_reads(booking) == reads
    event = AuditEvent.objects.filter(action=VIEWED, object_id=str(booking.pk)).latest("pk")
    assert event.actor == staff
    assert event.details["participant"] == booking.participant_id


def test_after_the_acceptance_the_participant_sees_the_providers_contact_and_the_top_up(client_for):
    booking = b.accepted(b.book(b.issued_account()))
    assert booking.top_up > 0
    provider = booking.provider
    status, page = _participant_page(client_for, booking)
    assert status == 200
    assert "Contact the provider" in page
    assert f"mailto:{provider.email}" in page
    assert provider.phone in page
    assert provider.street in page
    assert provider.city in page
    top_up = Money(booking.top_up).format(nbsp=True)
    assert f"<strong>{top_up}</strong>" in page
    assert ",00\xa0zł" in top_up  # Polish money: comma and "zł"


def test_another_provider_and_another_participant_see_nothing(client_for):
    booking = b.accepted(b.book(b.issued_account()))
    stranger = provider_staff_of(b.quality_provider())
    status, page = _provider_page(client_for, booking, stranger)
    assert status == 404
    assert booking.participant.email not in page
    assert _contact_reads(booking) == 0
    status, page = _participant_page(client_for, booking, ParticipantFactory())
    assert status == 404
    assert booking.provider.email not in page


def test_a_cancelled_booking_shows_no_contact(client_for):
    booking = b.accepted(b.book(b.issued_account()))
    services.booking_cancel(booking_id=booking.pk, actor=Actor.of(booking.participant))
    status, page = _provider_page(client_for, booking)
    assert status == 200
    assert booking.participant.email not in page
    assert _contact_reads(booking) == 0
    status, page = _participant_page(client_for, booking)
    assert booking.provider.email not in page
