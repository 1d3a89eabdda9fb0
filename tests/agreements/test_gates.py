"""The gates other contexts call: a voucher order is not issued without the participant's accepted
agreement covering its package; a service is not booked with vouchers of a provider without an
agreement in force, nor after the day its termination names; the card page shows it as not
bookable."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kierunek.agreements import services
from kierunek.core.actor import Actor
from kierunek.guidance.models import DevelopmentPlan
from kierunek.vouchers import services as voucher_services
from kierunek.vouchers.models import Booking, OrderStatus, VoucherAccount
from tests.guidance.builders import signed_balance
from tests.pages import shows
from tests.vouchers import builders as vb

from . import builders as b

NOT_BOOKABLE = (
    "This provider has no agreement with the programme in force, so its services cannot be booked with "
    "vouchers now."
)

pytestmark = pytest.mark.django_db


def test_an_order_is_not_issued_before_the_participant_accepts_the_agreement():
    participant = signed_balance().participant
    b.templates()
    order = voucher_services.order_create(actor=Actor.of(participant), package_id=vb.package().pk)
    agreement = participant.agreements.get()  # generated with the order, waiting for the participant

    with pytest.raises(ValidationError, match="umowy uczestnictwa"):
        voucher_services.order_issue(
            order_id=order.pk, actor=Actor.of(vb.operator()), idempotency_key=vb.key()
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.ORDERED
    assert not VoucherAccount.objects.filter(order=order).exists()

    b.accept_with_email(agreement, participant)
    account = voucher_services.order_issue(
        order_id=order.pk, actor=Actor.of(vb.operator()), idempotency_key=vb.key()
    )
    assert account.order_id == order.pk


def test_an_order_of_a_package_the_agreement_does_not_cover_waits_for_the_annex():
    participant = signed_balance().participant  # a plan with a general-package area
    b.participation_accepted(participant)
    DevelopmentPlan.objects.get(balance__participant=participant).areas.update(package_kind="vocational")
    order = voucher_services.order_create(actor=Actor.of(participant), package_id=vb.package("vocational").pk)
    vb.contribution_paid(order)  # the vocational package's own contribution: the other gate
    with pytest.raises(ValidationError, match="nie obejmuje tego pakietu"):
        voucher_services.order_issue(
            order_id=order.pk, actor=Actor.of(vb.operator()), idempotency_key=vb.key()
        )

    annex = services.participation_annex_prepare(
        agreement_id=participant.agreements.get(kind="participation").pk
    )
    assert annex is not None
    assert annex.packages == ["vocational"]
    b.accept_with_email(annex, participant)
    voucher_services.order_issue(order_id=order.pk, actor=Actor.of(vb.operator()), idempotency_key=vb.key())


def test_a_booking_is_refused_without_a_provider_agreement_in_force(client):
    account = vb.issued_account()
    provider = vb.quality_provider(agreement=False)
    card = vb.card(provider=provider)

    with pytest.raises(ValidationError, match="nie ma obowiązującej umowy"):
        vb.book(account, card)
    assert not Booking.objects.exists()

    client.force_login(account.participant)
    page = client.get(reverse("catalogue:card", args=[card.pk]))
    assert shows(page, NOT_BOOKABLE)
    assert reverse("vouchers:book", args=[card.pk]) not in page.content.decode()

    b.provider_in_force(provider, on=timezone.localdate())
    page = client.get(reverse("catalogue:card", args=[card.pk]))
    assert reverse("vouchers:book", args=[card.pk]) in page.content.decode()
    assert vb.book(account, card).status == "requested"


def test_after_the_termination_day_no_new_booking_is_made():
    account = vb.issued_account()
    card = vb.card()
    agreement = card.provider.agreements.get()
    today = timezone.localdate()
    services.provider_agreement_terminate(
        agreement_id=agreement.pk,
        actor=Actor.of(vb.officer()),
        reason="Naruszenie umowy.",
        no_bookings_after=today,
    )
    first = vb.book(account, card, on=today)  # the last day still takes bookings
    assert first.status == "requested"

    other = vb.card(provider=card.provider)
    with pytest.raises(ValidationError, match="nie ma obowiązującej umowy"):
        vb.book(account, other, on=today + timedelta(days=1))
