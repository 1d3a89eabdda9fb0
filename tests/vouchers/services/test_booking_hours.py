"""A booking takes vouchers for the hours a service actually schedules (issue 13, repair 2): a card
that declares more hours than its sessions give, written before the rule or around the card form,
is charged for its sessions' hours under the programme's hours rule."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from kierunek.catalogue.models import ServiceCard, ServiceSession
from kierunek.vouchers import services
from kierunek.vouchers.models import LedgerAccount
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

UNIT = 1500


def two_eight_hour_days_declaring(hours: str) -> ServiceCard:
    """A language course (2 vouchers an hour) of two days of 9:00-17:30 (16 hours under Kierunek
    Kariera's rule: 30 minutes of each day are a break), priced at 3 000 zł, declaring ``hours``:
    forced into the database as the card form would refuse it."""
    card = b.card(hours=Decimal(hours), price_net=300_000, price_gross=300_000, sessions=0)
    for day in (card.starts_on, card.starts_on + timedelta(days=1)):
        ServiceSession.objects.create(
            card=card, date=day, start_time=time(9), end_time=time(17, 30), place="sala 1"
        )
    ServiceCard.objects.filter(pk=card.pk).update(ends_on=card.starts_on + timedelta(days=1))
    card.refresh_from_db()
    return card


def test_a_card_declaring_200_hours_over_two_days_takes_the_vouchers_of_16_hours():
    account = b.issued_account()
    card = two_eight_hour_days_declaring("200")

    booking = b.book(account, card)

    assert booking.vouchers == 32  # 16 hours x 2, not min(400, 200) for the declared hours
    assert booking.amount == 32 * UNIT
    assert LedgerAccount.objects.get(pk=account.reserved_id).balance == 32 * UNIT


def test_declared_hours_the_sessions_give_are_charged_as_declared():
    card = two_eight_hour_days_declaring("16")
    quote = services.booking_quote(
        card=card, programme=b.package().programme, voucher_unit=None, day=b.later(0)
    )
    assert quote.vouchers == 32


def test_the_card_page_quotes_the_sessions_hours(client):
    account = b.issued_account()
    card = two_eight_hour_days_declaring("200")
    client.force_login(account.participant)

    html = client.get(reverse("catalogue:card", args=[card.pk])).content.decode()

    assert "<strong>32 bony</strong>" in html or "<strong>32 bonów</strong>" in html, html
