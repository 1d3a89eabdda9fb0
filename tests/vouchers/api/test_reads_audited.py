"""Staff reads of participants through the API are audited as on the pages: a list is one
``participant.list_read`` naming everyone shown, one booking opened is a ``participant.file_read``."""

import pytest
from django.test import Client

from kierunek.accounts.services import api_token_create
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.vouchers import services
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {api_token_create(user=user, name='test').secret}"
    return client


def test_provider_staff_listing_and_opening_bookings_is_audited():
    booking = b.book(b.issued_account())
    staff = b.staff_of(booking)
    api = _api(staff)

    assert api.get("/api/v1/vouchers/provider/bookings").status_code == 200
    (listed,) = AuditEvent.objects.filter(action="participant.list_read")
    assert (listed.actor_id, listed.details["participants"]) == (staff.pk, [booking.participant_id])

    assert api.get(f"/api/v1/vouchers/provider/bookings/{booking.pk}").status_code == 200
    (read,) = AuditEvent.objects.filter(action="participant.file_read")
    assert (read.actor_id, read.object_id, read.details["participant"]) == (
        staff.pk,
        str(booking.pk),
        booking.participant_id,
    )


def test_a_booking_of_another_provider_is_404_and_no_read_is_recorded():
    booking = b.book(b.issued_account())
    stranger = b.staff_of(b.book(b.issued_account()))

    assert _api(stranger).get(f"/api/v1/vouchers/provider/bookings/{booking.pk}").status_code == 404
    assert not AuditEvent.objects.filter(action="participant.file_read").exists()


def test_the_operators_list_of_waiting_orders_is_audited():
    participant = b.participant_with_plan()
    services.order_create(actor=Actor.of(participant), package_id=b.package().pk)
    operator = b.operator()

    response = _api(operator).get("/api/v1/vouchers-office/orders")

    assert response.status_code == 200
    assert [o["participant"] for o in response.json()] == [participant.get_full_name()]
    (listed,) = AuditEvent.objects.filter(action="participant.list_read")
    assert listed.details == {"list": "vouchers.api_office_orders", "participants": [participant.pk]}


def test_the_officers_frozen_bookings_and_one_booking_are_audited():
    account = b.issued_account()
    created = services.booking_create(
        actor=Actor.of(account.participant),
        card_id=b.card().pk,
        voucher_account_id=account.pk,
        idempotency_key=b.key("book"),
    )
    frozen = services.booking_not_me(token=created.not_me_token)
    officer = b.officer()
    api = _api(officer)

    assert api.get("/api/v1/vouchers-office/frozen-bookings").status_code == 200
    assert api.get(f"/api/v1/vouchers-office/bookings/{frozen.pk}/void").status_code == 200

    listed = AuditEvent.objects.get(action="participant.list_read")
    assert listed.details["participants"] == [account.participant_id]
    read = AuditEvent.objects.get(action="participant.file_read")
    assert (read.actor_id, read.details["participant"]) == (officer.pk, account.participant_id)
