"""The pages: a participant gives a mandate and revokes it on their page and reads what brokers
did for them ("... booked a service on your behalf"); a broker sees only the mandates they hold;
the office sees the signals of a broker with the bookings behind them (an audited read)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kierunek.brokerage import services
from kierunek.brokerage.models import Mandate
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from tests.brokerage import builders as b
from tests.vouchers import builders as vb

pytestmark = pytest.mark.django_db


def test_a_participant_gives_a_mandate_reads_the_trail_and_revokes_it(client_for):
    participant, account = b.participant_with_vouchers()
    broker = b.broker(first_name="Barbara", last_name="Broker")
    client = client_for(participant)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("brokerage:mine"),
        {
            "broker": broker.pk,
            "book": "on",
            "book_without_confirmation": "on",
            "valid_until": (timezone.localdate() + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get()
    assert (mandate.participant, mandate.broker, mandate.book_without_confirmation) == (
        participant,
        broker,
        True,
    )

    card = vb.card(title="Język niemiecki A1")
    services.booking_for(
        actor=Actor.of(broker),
        participant_id=participant.pk,
        card_id=card.pk,
        voucher_account_id=account.pk,
        idempotency_key=vb.key(),
    )
    page = client.get(reverse("brokerage:mine")).content.decode()
    assert "Barbara Broker booked a service on your behalf" in page
    assert "Język niemiecki A1" in page

    response = client.post(reverse("brokerage:revoke", args=[mandate.pk]), {"confirmed": "yes"})
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.revoked_at is not None
    # the broker's page of that participant is gone at once
    assert client_for(broker).get(reverse("brokerage:mandate", args=[mandate.pk])).status_code == 404


def test_a_broker_sees_only_their_own_mandates(client_for):
    participant, _account = b.participant_with_vouchers()
    broker, other = b.broker(), b.broker()
    mandate = b.mandate(participant, broker, propose=True)
    assert client_for(broker).get(reverse("brokerage:mandate", args=[mandate.pk])).status_code == 200
    assert client_for(other).get(reverse("brokerage:mandate", args=[mandate.pk])).status_code == 404
    assert (
        participant.get_full_name() not in client_for(other).get(reverse("brokerage:broker")).content.decode()
    )


def test_the_office_sees_a_brokers_signals_with_the_bookings_behind_them(client_for):
    account = vb.issued_account()
    broker = b.broker(first_name="Zenon", last_name="Pośrednik")
    b.mandate(account.participant, broker, propose=True)
    planted = [vb.book(account) for _ in range(3)]
    officer = vb.officer()
    client = client_for(officer)

    overview = client.get(reverse("brokerage:signals"))
    assert "Zenon Pośrednik" in overview.content.decode()
    page = client.get(reverse("brokerage:broker_signals", args=[broker.pk])).content.decode()
    for booking in planted:
        assert f'id="booking-{booking.pk}"' in page
    assert AuditEvent.objects.filter(action="brokerage.signals_read", actor_id=officer.pk).exists()
    assert AuditEvent.objects.filter(action="participant.list_read", actor_id=officer.pk).exists()
