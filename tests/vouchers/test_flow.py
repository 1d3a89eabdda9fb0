"""The whole voucher journey through the services, with the ledger checked at the end."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.vouchers import ledger, services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.ledger import Leg
from kierunek.vouchers.models import (
    AccountKind,
    BatchStatus,
    LedgerAccount,
    LedgerTransaction,
    OrderStatus,
    TransactionKind,
    VoucherAccount,
    VoucherOrder,
)
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db


def test_order_issue_book_deliver_settle_pay():
    account = b.issued_account()
    assert account.account.balance == 180 * 1500
    booking = b.book(account)
    assert booking.vouchers == 32
    assert booking.amount == 32 * 1500
    assert booking.top_up == 123_000 - 32 * 1500
    booking = b.confirmed_and_evaluated(booking)
    result = b.settle(booking)
    assert result.settled == 1
    assert result.amount == booking.amount
    op = b.operator()
    batch = services.batch_build(
        programme_id=account.programme_id,
        actor=Actor.of(op),
        idempotency_key=b.key("batch"),
        execution_date=timezone.localdate(),
    )
    assert batch is not None
    assert batch.total == booking.amount
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(b.operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(op))
    b.bank_confirms(batch, op)
    assert batch.status == BatchStatus.PAID
    paid = LedgerAccount.objects.get(programme_id=account.programme_id, kind=AccountKind.PAID_OUT)
    assert paid.balance == booking.amount
    assert ledger_violations() == []
    call_command("ledger_check")


def test_a_key_reused_for_another_operation_is_refused_and_changes_nothing():
    """Given a key used to issue one order, when it is reused to issue another order or to claw
    back a settled booking, then the operation is refused and no state changes (a retry of the
    same operation, by contrast, returns its first result)."""
    from django.core.exceptions import ValidationError

    from kierunek.vouchers.models import VoucherOrder

    op = b.operator()
    issue_key = b.key("issue")
    first = services.order_create(actor=Actor.of(b.participant_with_plan()), package_id=b.package().pk)
    account = services.order_issue(order_id=first.pk, actor=Actor.of(op), idempotency_key=issue_key)
    assert services.order_issue(order_id=first.pk, actor=Actor.of(op), idempotency_key=issue_key) == account
    second = services.order_create(actor=Actor.of(b.participant_with_plan()), package_id=b.package().pk)
    with pytest.raises(ValidationError):
        services.order_issue(order_id=second.pk, actor=Actor.of(op), idempotency_key=issue_key)
    assert VoucherOrder.objects.get(pk=second.pk).status == "ordered"

    booking = b.confirmed_and_evaluated(b.book(account))
    b.settle(booking)
    with pytest.raises(ValidationError):
        services.booking_clawback(
            booking_id=booking.pk, actor=Actor.of(b.officer()), reason="Test", idempotency_key=issue_key
        )
    booking.refresh_from_db()
    assert booking.status == "settled"
    assert ledger_violations() == []


def test_a_package_is_ordered_only_inside_the_programme_order_window():
    participant = b.participant_with_plan()
    programme = b.package().programme

    for day in (programme.orders_open_on - timedelta(days=1), programme.orders_close_on + timedelta(days=1)):
        with pytest.raises(ValidationError, match=f"{programme.orders_open_on:%d.%m.%Y}"):
            services.order_create(actor=Actor.of(participant), package_id=b.package().pk, on=day)

    assert not VoucherOrder.objects.filter(participant=participant).exists()
    order = services.order_create(
        actor=Actor.of(participant), package_id=b.package().pk, on=programme.orders_close_on
    )
    assert order.status == OrderStatus.ORDERED


def test_issuing_beyond_the_programme_budget_is_refused_and_changes_nothing():
    first = services.order_create(actor=Actor.of(b.participant_with_plan()), package_id=b.package().pk)
    second = services.order_create(actor=Actor.of(b.participant_with_plan()), package_id=b.package().pk)
    account = services.order_issue(
        order_id=first.pk, actor=Actor.of(b.operator()), idempotency_key=b.key("issue")
    )
    budget = ledger.programme_account(programme_id=account.programme_id, kind=AccountKind.BUDGET)
    # The budget is cut to a grosz less than a package (returned to the funding source).
    leftover = account.issued_value - 1
    funding = ledger.programme_account(programme_id=account.programme_id, kind=AccountKind.FUNDING)
    ledger.post(
        kind=TransactionKind.FUND,
        programme_id=account.programme_id,
        idempotency_key=b.key("cut"),
        legs=[Leg(budget, -(budget.balance - leftover)), Leg(funding, budget.balance - leftover)],
    )
    transactions = LedgerTransaction.objects.count()

    with pytest.raises(ValidationError, match="budżecie"):
        services.order_issue(order_id=second.pk, actor=Actor.of(b.operator()), idempotency_key=b.key("issue"))

    second.refresh_from_db()
    assert second.status == OrderStatus.ORDERED
    assert not VoucherAccount.objects.filter(order=second).exists()
    assert LedgerTransaction.objects.count() == transactions
    budget.refresh_from_db()
    assert budget.balance == leftover
    assert ledger_violations() == []
