"""Destructive and money actions ask first: a participant's cancel, marking a batch paid or
cancelling it, voiding and clawing back a booking, freezing payouts. The first POST (the row's
button) only shows what will happen, with the same fields and ``confirmed=yes`` to send again, and
changes nothing; the second does it. A batch is not marked paid before its execution date."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.models import BatchStatus, LedgerTransaction, PayoutFreeze, TransactionKind
from tests.pages import shows, text
from tests.vouchers import builders as b
from tests.vouchers.builders import built_batch, settled_booking
from tests.vouchers.views.test_office import frozen_booking

pytestmark = pytest.mark.django_db


def hidden(response) -> dict[str, str]:
    """The hidden fields of the confirmation page's form."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text(response)))


def assert_asks(response, *, action: str) -> None:
    assert response.status_code == 200
    body = text(response)
    assert f'<form method="post" action="{action}"' in body
    assert hidden(response)["confirmed"] == "yes"
    assert "<script" not in body.split("</header>", 1)[-1]  # nothing inline: the CSP forbids it


def test_a_participant_is_asked_before_a_booking_is_cancelled(client):
    account = b.issued_account()
    booking = b.book(account)
    client.force_login(account.participant)
    url = reverse("vouchers:booking_cancel", args=[booking.pk])

    asked = client.post(url)

    assert_asks(asked, action=url)
    assert shows(asked, "Yes, cancel the booking")
    assert f'href="{reverse("vouchers:booking", args=[booking.pk])}"' in text(asked)
    booking.refresh_from_db()
    assert booking.status == "requested"

    client.post(url, hidden(asked))
    booking.refresh_from_db()
    assert booking.status == "cancelled"


@pytest.mark.parametrize("action", ["cancel"])
def test_an_operator_is_asked_before_a_batch_is_cancelled(client_for, action):
    builder = b.operator()
    batch = built_batch(builder)
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    batch.refresh_from_db()
    before = batch.status
    client = client_for(builder)
    url = reverse("vouchers:operator_batch_action", args=[batch.pk])

    asked = client.post(url, {"action": action})

    assert_asks(asked, action=url)
    assert hidden(asked)["action"] == action
    assert batch.reference in text(asked)
    batch.refresh_from_db()
    assert batch.status == before

    client.post(url, hidden(asked))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED


def sent_batch_executing_tomorrow():
    """A batch approved and sent to the bank, to be executed tomorrow; with its builder."""
    builder = b.operator()
    booking = settled_booking()
    tomorrow = timezone.localdate() + timedelta(days=1)
    batch = services.batch_build(
        programme_id=booking.voucher_account.programme_id,
        actor=Actor.of(builder),
        idempotency_key=b.key("batch"),
        execution_date=tomorrow,
    )
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(builder))
    return batch, builder, tomorrow


def test_a_sent_batch_has_no_button_to_mark_it_paid_only_the_banks_confirmation(client_for):
    batch, builder, _tomorrow = sent_batch_executing_tomorrow()

    page = client_for(builder).post(
        reverse("vouchers:operator_batch_action", args=[batch.pk]),
        {"action": "paid", "confirmed": "yes"},
        follow=True,
    )

    assert shows(page, "Choose what to do with the batch.")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT
    assert not hasattr(services, "batch_mark_paid")


def test_an_officer_is_asked_before_a_clawback_with_the_reason_and_key_kept(client_for):
    booking = settled_booking()
    client = client_for(b.officer())
    url = reverse("vouchers:officer_booking_clawback", args=[booking.pk])
    posted = {"idempotency_key": "clawback-" + "k" * 20, "reason": "Szkolenie się nie odbyło."}

    asked = client.post(url, posted)

    assert_asks(asked, action=url)
    assert {k: hidden(asked)[k] for k in posted} == posted
    assert "Szkolenie się nie odbyło." in text(asked)
    assert shows(asked, "Yes, claw back")
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.CLAWBACK).exists()

    assert client.post(url, hidden(asked)).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "clawed_back"


def test_a_clawback_without_a_reason_shows_the_error_before_asking(client_for):
    booking = settled_booking()
    response = client_for(b.officer()).post(
        reverse("vouchers:officer_booking_clawback", args=[booking.pk]),
        {"idempotency_key": "clawback-" + "k" * 20, "reason": ""},
    )
    assert response.status_code == 400
    assert "confirmed" not in hidden(response)


def test_an_officer_is_asked_before_voiding_a_frozen_booking(client_for):
    booking = frozen_booking()
    client = client_for(b.officer())
    url = reverse("vouchers:officer_booking_void", args=[booking.pk])

    asked = client.post(url, {"reason": "Zgłoszenie potwierdzone."})

    assert_asks(asked, action=url)
    booking.refresh_from_db()
    assert booking.status == "frozen"
    client.post(url, hidden(asked))
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_an_officer_is_asked_before_freezing_payouts(client_for):
    provider = b.quality_provider()
    client = client_for(b.officer())
    url = reverse("vouchers:officer_freeze", args=[provider.pk])

    asked = client.post(url, {"reason": "Kontrola urzędu."})

    assert_asks(asked, action=url)
    assert provider.legal_name in text(asked)
    assert not PayoutFreeze.objects.exists()
    assert client.post(url, hidden(asked)).status_code == 302
    assert PayoutFreeze.objects.get().reason == "Kontrola urzędu."


def test_an_officer_is_asked_before_lifting_a_payout_freeze(client_for):
    provider = b.quality_provider()
    client = client_for(b.officer())
    client.post(
        reverse("vouchers:officer_freeze", args=[provider.pk]), {"reason": "Kontrola.", "confirmed": "yes"}
    )
    url = reverse("vouchers:officer_unfreeze", args=[provider.pk])

    asked = client.post(url)

    assert_asks(asked, action=url)
    assert provider.legal_name in text(asked)
    assert PayoutFreeze.objects.get().lifted_at is None
    assert client.post(url, hidden(asked)).status_code == 302
    assert PayoutFreeze.objects.get().lifted_at is not None


def test_a_confirm_step_url_opened_by_get_goes_back_to_the_page_of_its_button(client, client_for):
    """A reload or a bookmark of the cancel URL is a redirect to the booking, never an empty 405,
    and cancels nothing; the meeting's cancel URLs (participant's and advisor's) do the same."""
    from kierunek.guidance.services import appointments as appointment_services
    from tests.guidance.builders import advisor, eligible_participant, slot

    account = b.issued_account()
    booking = b.book(account)
    client.force_login(account.participant)
    response = client.get(reverse("vouchers:booking_cancel", args=[booking.pk]))
    assert (response.status_code, response.url) == (302, reverse("vouchers:booking", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "requested"
    assert client.put(reverse("vouchers:booking_cancel", args=[booking.pk])).status_code == 405

    owner, barbara = eligible_participant(), advisor()
    appointment = appointment_services.appointment_book(slot_id=slot(barbara).pk, actor=Actor.of(owner))
    for user, name, page in [
        (owner, "guidance:cancel", "guidance:participant_home"),
        (barbara, "guidance:advisor_cancel", "guidance:calendar"),
    ]:
        response = client_for(user).get(reverse(name, args=[appointment.pk]))
        assert (response.status_code, response.url) == (302, reverse(page))
    appointment.refresh_from_db()
    assert appointment.status == "booked"


def test_a_sent_batch_says_how_many_transfers_the_bank_confirmed(client_for):
    batch, builder, _tomorrow = sent_batch_executing_tomorrow()
    url = reverse("vouchers:operator_batch", args=[batch.pk])

    client = client_for(builder)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = text(client.get(url))
    assert "The bank's statements confirm 0 of 1 transfers." in body
    assert 'name="action" value="paid"' not in body

    b.bank_confirms(batch)
    assert "The bank's statements confirm 1 of 1 transfers." in text(client.get(url))


def test_the_office_confirm_step_urls_opened_by_get_go_back_to_their_pages(client_for):
    provider = b.quality_provider()
    booking = frozen_booking()
    builder = b.operator()
    batch = built_batch(builder)
    officer = client_for(b.officer())
    for name, args, page in [
        ("vouchers:officer_freeze", [provider.pk], "vouchers:officer_freezes"),
        ("vouchers:officer_unfreeze", [provider.pk], "vouchers:officer_freezes"),
        ("vouchers:officer_booking_void", [booking.pk], "vouchers:officer_bookings"),
        ("vouchers:officer_booking_restore", [booking.pk], "vouchers:officer_bookings"),
        ("vouchers:officer_booking_clawback", [booking.pk], "vouchers:officer_bookings"),
    ]:
        response = officer.get(reverse(name, args=args))
        assert (response.status_code, response.url) == (302, reverse(page)), name
    response = client_for(builder).get(reverse("vouchers:operator_batch_action", args=[batch.pk]))
    assert (response.status_code, response.url) == (302, reverse("vouchers:operator_batch", args=[batch.pk]))
    assert officer.get(reverse("vouchers:operator_batch_action", args=[batch.pk])).status_code == 403
    assert not PayoutFreeze.objects.exists()
