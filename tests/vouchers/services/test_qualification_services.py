"""Vouchers pay for the validation and certification of a qualification of the register under the
programme's ``service_types`` rule (issue 16), through the booking and settlement every service
takes: a certification booked, delivered, confirmed, evaluated and settled, with the ledger
balanced; a kind the rule does not list is refused at booking, and the card's panel says why."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kierunek.catalogue.models import Category
from kierunek.core.actor import Actor
from kierunek.programmes.models import RuleKey, RuleVersion
from kierunek.vouchers import services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import AccountKind, Booking, LedgerAccount
from kierunek.vouchers.selectors.bookings import card_offer
from tests.pages import text
from tests.programmes.helpers import demo_programme
from tests.qualifications.factories import qualification
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def qualifying_card(kind: str, **kwargs):
    qualification(code="DEMO-Q9", name="Prowadzenie rachunkowości")
    return b.card(
        service_type=kind,
        qualification_code="DEMO-Q9",
        category=Category.objects.get(code="technical"),
        title=f"{kind.capitalize()} kwalifikacji rachunkowej",
        hours=Decimal("6.0"),
        **kwargs,
    )


def test_a_certification_is_booked_with_vouchers_and_settled():
    account = b.issued_account()
    card = qualifying_card("certification", price_net=97_561, price_gross=120_000)

    booking = b.book(account, card)

    # the kind's own cap (60 vouchers), not 6 hours x 3 vouchers an hour
    assert (booking.vouchers, booking.amount, booking.top_up) == (60, 60 * 1500, 120_000 - 60 * 1500)
    assert booking.rule_version.key == RuleKey.SERVICE_TYPES
    booking = b.confirmed_and_evaluated(booking)
    result = b.settle(booking)
    assert (result.settled, result.amount) == (1, 60 * 1500)
    booking.refresh_from_db()
    assert booking.status == "settled"
    receivable = LedgerAccount.objects.get(kind=AccountKind.RECEIVABLE, provider=card.provider)
    assert receivable.balance == 60 * 1500
    assert ledger_violations() == []


def test_a_validation_cheaper_than_its_cap_takes_the_vouchers_within_its_price():
    account = b.issued_account()
    card = qualifying_card("validation", price_net=60_000, price_gross=60_000)

    booking = b.book(account, card)

    assert (booking.vouchers, booking.top_up) == (40, 0)


def test_a_kind_the_rule_does_not_list_is_refused_and_nothing_is_reserved(client_for):
    account = b.issued_account()
    version = RuleVersion.objects.get(programme=demo_programme(), key=RuleKey.SERVICE_TYPES)
    RuleVersion.objects.filter(pk=version.pk).update(
        value={"payable": ["training", "advisory", "exam", "postgraduate", "certification"]}
    )
    card = qualifying_card("validation", price_net=60_000, price_gross=60_000)
    before = account.account.balance

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        b.book(account, card)

    assert "do not let vouchers pay for a service of this kind" in str(refused.value)
    assert not Booking.objects.filter(card=card).exists()
    account.account.refresh_from_db()
    assert account.account.balance == before
    offer = card_offer(participant=account.participant, card=card, today=b.later(0))
    assert offer.not_payable
    assert offer.quotes == []
    page = text(client_for(account.participant).get(f"/uslugi/{card.pk}/"))
    assert "Zasady programu nie pozwalają opłacić bonami usługi tego rodzaju" in page


def test_the_booking_service_refuses_it_too():
    account = b.issued_account()
    RuleVersion.objects.filter(programme=demo_programme(), key=RuleKey.SERVICE_TYPES).update(
        value={"payable": ["training"]}
    )
    card = qualifying_card("certification", price_net=97_561, price_gross=120_000)
    with pytest.raises(ValidationError):
        services.booking_create(
            actor=Actor.of(account.participant),
            card_id=card.pk,
            voucher_account_id=account.pk,
            idempotency_key=b.key("book"),
        )
