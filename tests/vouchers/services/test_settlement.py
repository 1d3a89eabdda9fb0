"""Settlement and payouts: a settlement run settles a booking once, a batch takes each provider's
receivable once and gives it back when cancelled, and a clawback after payment leaves the provider
owing the amount, netted against its next payout."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.vouchers import domain, ledger, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import (
    AccountKind,
    BatchStatus,
    LedgerAccount,
    LedgerTransaction,
    PaymentBatch,
    PayoutFreeze,
    SettlementRun,
    TransactionKind,
)
from kierunek.vouchers.services import settlement
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def balance(kind, provider=None) -> int:
    accounts = LedgerAccount.objects.filter(kind=kind)
    if provider is not None:
        accounts = accounts.filter(provider=provider)
    account = accounts.first()
    return account.balance if account else 0


def ready(provider=None):
    return b.confirmed_and_evaluated(b.book(b.issued_account(), b.card(provider) if provider else None))


def run(key, booking_ids=None):
    return services.settlement_run(
        programme_id=b.package().programme_id,
        actor=Actor.of(b.operator()),
        idempotency_key=key,
        booking_ids=booking_ids,
    )


def build(key=None):
    return services.batch_build(
        programme_id=b.package().programme_id,
        actor=Actor.of(b.operator()),
        idempotency_key=key or b.key("batch"),
        execution_date=timezone.localdate(),
    )


def test_a_settlement_run_settles_each_booking_once():
    provider = b.quality_provider()
    first, second = ready(provider), ready(provider)
    key = b.key("settle")

    result = run(key)
    again = run(key)

    assert (result.settled, result.amount, result.providers) == (2, first.amount + second.amount, 1)
    assert again == result  # a retry answers with the first result and settles nothing again
    assert SettlementRun.objects.get(idempotency_key=key).settled == 2
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).count() == 1
    assert run(b.key("settle")).settled == 0
    settle = LedgerTransaction.objects.get(kind=TransactionKind.SETTLE)
    assert settle.postings.filter(booking__isnull=False).count() == 2  # a posting per booking
    assert balance(AccountKind.RECEIVABLE, provider) == first.amount + second.amount
    first.refresh_from_db()
    assert first.status == domain.SETTLED
    assert first.settled_at is not None
    assert ledger_violations() == []


def test_a_batch_takes_a_receivable_once_and_a_cancelled_batch_gives_it_back():
    booking = ready()
    run(b.key("settle"))
    key = b.key("batch")

    batch = build(key)

    assert build(key).pk == batch.pk  # retried with the same key: the same batch
    assert build() is None  # nothing left to pay
    assert balance(AccountKind.IN_PAYMENT) == booking.amount
    assert balance(AccountKind.RECEIVABLE, booking.provider) == 0
    services.batch_cancel(batch_id=batch.pk, actor=Actor.of(b.operator()))
    assert balance(AccountKind.IN_PAYMENT) == 0
    assert balance(AccountKind.RECEIVABLE, booking.provider) == booking.amount
    rebuilt = build()
    assert rebuilt.total == booking.amount
    assert b.paid(rebuilt).status == BatchStatus.PAID
    with pytest.raises(ValidationError):
        services.batch_cancel(batch_id=rebuilt.pk, actor=Actor.of(b.operator()))
    assert balance(AccountKind.PAID_OUT) == booking.amount
    assert ledger_violations() == []


def test_a_clawback_after_payment_is_owed_by_the_provider_and_netted_against_its_next_payout():
    provider = b.quality_provider()
    paid = ready(provider)
    run(b.key("settle"))
    b.paid(build())
    budget = balance(AccountKind.BUDGET)

    services.booking_clawback(
        booking_id=paid.pk,
        actor=Actor.of(b.officer()),
        reason="Szkolenie się nie odbyło.",
        idempotency_key=b.key("cb"),
    )

    paid.refresh_from_db()
    assert paid.status == domain.CLAWED_BACK
    assert balance(AccountKind.RECEIVABLE, provider) == -paid.amount
    assert balance(AccountKind.BUDGET) == budget + paid.amount
    # The next bookings first pay off what the provider owes.
    later = [ready(provider), ready(provider)]
    run(b.key("settle"))
    batch = build()
    assert batch.total == sum(x.amount for x in later) - paid.amount
    assert ledger_violations() == []


def test_a_batch_cannot_be_executed_in_the_past():
    ready()
    run(b.key("settle"))

    with pytest.raises(ValidationError) as refused:
        services.batch_build(
            programme_id=b.package().programme_id,
            actor=Actor.of(b.operator()),
            idempotency_key=b.key("batch"),
            execution_date=services.today() - timedelta(days=1),
        )

    assert "execution_date" in refused.value.message_dict
    assert not PaymentBatch.objects.exists()
    assert balance(AccountKind.IN_PAYMENT) == 0


def run_dying_on(monkeypatch, key: str, provider) -> None:
    """Run the settlement with the provider's posting failing, as a worker that dies there."""
    post = ledger.post

    def dies(**kwargs):
        if kwargs["idempotency_key"] == f"{key}:{provider.pk}":
            raise RuntimeError("the worker stopped")
        return post(**kwargs)

    monkeypatch.setattr(ledger, "post", dies)
    with pytest.raises(RuntimeError):
        run(key)


def test_a_run_settles_each_provider_in_its_own_transaction_and_its_retry_finishes_it(monkeypatch, settings):
    """A run that stops half-way (here the second provider's posting fails, as a worker that dies)
    leaves the first provider settled entirely, the second untouched and the ledger balanced; the
    retry with the same key settles the second and counts each provider once. (One booking per
    transaction here, so the two providers commit apart; by default small providers share one.)"""
    settings.KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION = 1
    first_provider, second_provider = b.quality_provider(), b.quality_provider()
    first, second = ready(first_provider), ready(second_provider)
    key = b.key("settle")
    post = ledger.post
    run_dying_on(monkeypatch, key, second_provider)
    stopped = SettlementRun.objects.get(idempotency_key=key)
    assert (stopped.status, stopped.settled, stopped.amount) == ("running", 1, first.amount)
    assert (stopped.providers_done, stopped.providers_total) == (1, 2)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (domain.SETTLED, domain.COMPLETED)
    assert balance(AccountKind.RECEIVABLE, first_provider) == first.amount
    assert balance(AccountKind.RECEIVABLE, second_provider) == 0
    assert ledger_violations() == []

    monkeypatch.setattr(ledger, "post", post)
    result = run(key)

    assert (result.settled, result.amount, result.providers) == (2, first.amount + second.amount, 2)
    assert LedgerTransaction.objects.filter(kind=TransactionKind.SETTLE).count() == 2
    assert balance(AccountKind.RECEIVABLE, second_provider) == second.amount
    finished = SettlementRun.objects.get(idempotency_key=key)
    # The retry visits only the provider left: each provider is counted once.
    assert (finished.status, finished.providers_done, finished.providers_total) == ("done", 2, 2)
    assert run(key) == result
    assert ledger_violations() == []


def test_providers_are_committed_together_whole_and_within_the_size():
    assert settlement._provider_groups({3: [30], 1: [10, 11], 2: [20, 21, 22]}, 3) == [
        [(1, [10, 11])],
        [(2, [20, 21, 22])],
        [(3, [30])],
    ]
    assert settlement._provider_groups({1: [10], 2: [20], 3: [30, 31, 32, 33]}, 2) == [
        [(1, [10]), (2, [20])],
        [(3, [30, 31, 32, 33])],  # a provider larger than the size goes alone, never split
    ]
    assert settlement._provider_groups({}, 2) == []


def test_a_failure_in_a_shared_transaction_leaves_all_its_providers_untouched(monkeypatch):
    first_provider, second_provider = b.quality_provider(), b.quality_provider()
    first, _second = ready(first_provider), ready(second_provider)
    key = b.key("settle")
    post = ledger.post
    run_dying_on(monkeypatch, key, second_provider)
    first.refresh_from_db()
    assert first.status == domain.COMPLETED
    assert balance(AccountKind.RECEIVABLE, first_provider) == 0
    assert ledger_violations() == []
    monkeypatch.setattr(ledger, "post", post)
    assert run(key).settled == 2


def test_a_provider_frozen_while_the_run_goes_is_not_settled():
    """Each provider's transaction checks the freeze again: a freeze placed after the run chose
    its providers still keeps that provider's money where it is."""
    provider = b.quality_provider()
    booking = ready(provider)
    started = services.settlement_run_start(
        programme_id=b.package().programme_id, actor=Actor.of(b.operator()), idempotency_key=b.key("settle")
    )
    PayoutFreeze.objects.create(provider=provider, reason="Kontrola.", frozen_by=b.officer())
    finished = services.settlement_run_finish(run_id=started.pk)

    assert (finished.settled, finished.skipped) == (0, {"provider_frozen": 1})
    booking.refresh_from_db()
    assert booking.status == domain.COMPLETED
