"""Fraud controls, one test each: no settlement without the participant's confirmation or
evaluation, frozen providers and providers whose bank account just changed are neither settled nor
paid, "this was not me" freezes a booking, and a batch is approved by a second person who did not
approve its providers. Each refusal also shows that nothing moved."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.evaluations import services as evaluation_services
from kierunek.providers import services as provider_services
from kierunek.providers.models import ProviderStatus
from kierunek.vouchers import domain, ledger, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import AccountKind, BatchStatus, LedgerAccount
from tests.vouchers import builders as b
from tests.vouchers.builders import settled_booking

pytestmark = pytest.mark.django_db

NEW_IBAN = "PL34109010140000071219812875"


def receivable(provider) -> int:
    account = LedgerAccount.objects.filter(kind=AccountKind.RECEIVABLE, provider=provider).first()
    return account.balance if account else 0


def reserved(booking) -> int:
    return LedgerAccount.objects.get(pk=booking.voucher_account.reserved_id).balance


def assert_not_settled(booking) -> None:
    booking.refresh_from_db()
    assert booking.status != domain.SETTLED
    assert reserved(booking) == booking.amount
    assert receivable(booking.provider) == 0


def build(booking, *, actor=None, on=None):
    return services.batch_build(
        programme_id=booking.voucher_account.programme_id,
        actor=Actor.of(actor or b.operator()),
        idempotency_key=b.key("batch"),
        on=on,
    )


def test_a_booking_the_participant_did_not_confirm_is_not_settled():
    booking = b.completed(b.book(b.issued_account()))
    evaluation_services.evaluation_submit(
        booking_id=booking.pk, actor=Actor.of(booking.participant), scores=b.SCORES
    )

    result = b.settle(booking)

    assert (result.settled, result.skipped) == (0, {"not_confirmed": 1})
    assert_not_settled(booking)


def test_a_booking_the_participant_did_not_evaluate_is_not_settled():
    booking = b.completed(b.book(b.issued_account()))
    services.attendance_confirm(booking_id=booking.pk, actor=Actor.of(booking.participant))

    result = b.settle(booking)

    assert (result.settled, result.skipped) == (0, {"not_evaluated": 1})
    assert_not_settled(booking)


def test_a_frozen_provider_is_neither_settled_nor_paid():
    paid_before = settled_booking()
    provider = paid_before.provider
    waiting = b.confirmed_and_evaluated(b.book(b.issued_account(), b.card(provider)))
    officer = b.officer()

    services.payout_freeze(provider_id=provider.pk, actor=Actor.of(officer), reason="Skarga uczestnika.")

    result = b.settle(waiting)
    assert (result.settled, result.skipped) == (0, {"provider_frozen": 1})
    assert build(waiting) is None
    assert receivable(provider) == paid_before.amount  # still owed, not in a batch
    # Lifted, both are settled and paid.
    services.payout_unfreeze(provider_id=provider.pk, actor=Actor.of(officer))
    assert b.settle(waiting).settled == 1
    batch = build(waiting)
    assert batch is not None
    assert batch.total == paid_before.amount + waiting.amount
    assert ledger_violations() == []


def test_a_bank_account_change_holds_the_providers_payouts_for_fourteen_days():
    booking = b.confirmed_and_evaluated(b.book(b.issued_account()))
    provider = booking.provider
    today = timezone.localdate()
    request = provider_services.bank_account_request(
        provider=provider, iban=NEW_IBAN, holder_name=provider.legal_name, actor=Actor.of(b.staff_of(booking))
    )
    provider_services.bank_account_decide(
        account_id=request.pk, approve=True, reason="", actor=Actor.of(b.officer()), today=today
    )
    provider.refresh_from_db()
    assert provider.payout_hold_until == today + timedelta(days=14)

    result = b.settle(booking, on=today + timedelta(days=14))
    assert (result.settled, result.skipped) == (0, {"provider_on_hold": 1})
    assert_not_settled(booking)

    assert b.settle(booking, on=today + timedelta(days=15)).settled == 1
    assert build(booking, on=today + timedelta(days=14)) is None
    batch = build(booking, on=today + timedelta(days=15))
    assert batch is not None
    assert batch.lines.get().iban == NEW_IBAN


def test_this_was_not_me_freezes_the_booking_and_a_frozen_booking_is_not_settled():
    account = b.issued_account()
    created = services.booking_create(
        actor=Actor.of(account.participant),
        card_id=b.card().pk,
        voucher_account_id=account.pk,
        idempotency_key=b.key("book"),
    )
    booking = b.confirmed_and_evaluated(created.booking)

    services.booking_not_me(token=created.not_me_token)

    booking.refresh_from_db()
    assert (booking.status, booking.frozen_from) == (domain.FROZEN, domain.COMPLETED)
    assert b.settle(booking).settled == 0
    assert_not_settled(booking)
    assert ledger_violations() == []


def test_a_batch_is_not_approved_by_its_builder_nor_by_the_officer_who_approved_a_provider():
    deciding_officer = b.officer()
    provider = b.quality_provider(status=ProviderStatus.PENDING)
    provider_services.provider_decide(
        provider_id=provider.pk, approve=True, reason="", actor=Actor.of(deciding_officer)
    )
    b.agreement_in_force(provider)  # approved, it signs the programme's agreement before bookings
    booking = b.confirmed_and_evaluated(b.book(b.issued_account(), b.card(provider)))
    b.settle(booking)
    builder = b.operator()
    batch = build(booking, actor=builder)

    with pytest.raises(PermissionDenied):
        services.batch_approve(batch_id=batch.pk, actor=Actor.of(builder))
    with pytest.raises(PermissionDenied):
        services.batch_approve(batch_id=batch.pk, actor=Actor.of(deciding_officer))

    batch.refresh_from_db()
    assert (batch.status, batch.approved_by) == (BatchStatus.DRAFT, None)
    other = b.officer()
    assert other.role == Role.OFFICER
    assert services.batch_approve(batch_id=batch.pk, actor=Actor.of(other)).status == BatchStatus.APPROVED
    in_payment = ledger.programme_account(programme_id=batch.programme_id, kind=AccountKind.IN_PAYMENT)
    assert in_payment.balance == booking.amount


def test_a_provider_frozen_after_its_batch_was_built_is_not_paid_from_that_batch():
    booking = settled_booking()
    provider = booking.provider
    batch = build(booking)
    approver = b.officer()
    officer = b.officer()
    approved = services.batch_approve(batch_id=batch.pk, actor=Actor.of(approver))
    assert approved.status == BatchStatus.APPROVED

    services.payout_freeze(provider_id=provider.pk, actor=Actor.of(officer), reason="Rachunek przejęty.")

    with pytest.raises(ValidationError, match=r"frozen|zamrożon"):
        services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(b.operator()))
    with pytest.raises(ValidationError):
        services.batch_file_check(batch=approved)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPROVED
    # Cancelled, the money is owed again, and a new batch leaves the frozen provider out.
    services.batch_cancel(batch_id=batch.pk, actor=Actor.of(b.operator()))
    assert receivable(provider) == booking.amount
    assert build(booking) is None
    assert ledger_violations() == []


def test_a_batch_with_a_frozen_provider_is_not_approved():
    booking = settled_booking()
    batch = build(booking)
    services.payout_freeze(provider_id=booking.provider_id, actor=Actor.of(b.officer()), reason="Kontrola.")

    with pytest.raises(ValidationError):
        services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.officer()))

    batch.refresh_from_db()
    assert (batch.status, batch.approved_by) == (BatchStatus.DRAFT, None)


def test_the_not_me_link_of_the_booking_email_freezes_the_booking_on_confirmation(
    client, django_capture_on_commit_callbacks
):
    account = b.issued_account()
    with django_capture_on_commit_callbacks(execute=True):
        created = services.booking_create(
            actor=Actor.of(account.participant),
            card_id=b.card().pk,
            voucher_account_id=account.pk,
            idempotency_key=b.key("book"),
        )
    (email,) = [m for m in mail.outbox if account.participant.email in m.to]
    path = re.search(r"/rezerwacje/to-nie-ja/[^/\s]+/", email.body).group(0)
    booking = created.booking

    page = client.get(path)  # opening the link (a mail scanner does) changes nothing
    booking.refresh_from_db()
    assert page.status_code == 200
    assert booking.status == domain.REQUESTED

    client.post(path)
    booking.refresh_from_db()
    assert (booking.status, booking.frozen_from) == (domain.FROZEN, domain.REQUESTED)
    assert reserved(booking) == booking.amount  # the vouchers stay blocked
    assert client.get("/rezerwacje/to-nie-ja/not-a-token/").status_code == 404
    assert client.post("/rezerwacje/to-nie-ja/not-a-token/").status_code == 404
