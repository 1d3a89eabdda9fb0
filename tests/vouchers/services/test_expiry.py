"""Expiry and the daily jobs: unused vouchers return to the programme budget after their use-by
date (once; reserved vouchers stay with their bookings), the django-tasks task and the daily
command run it, and ``ledger_check`` fails when the books do not add up."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus

from kierunek.core.actor import Actor
from kierunek.vouchers import services
from kierunek.vouchers.checks import ledger_violations
from kierunek.vouchers.models import AccountKind, LedgerAccount, VoucherAccount
from kierunek.vouchers.tasks import expire_vouchers
from tests.vouchers import builders as b

pytestmark = pytest.mark.django_db

FULL = 180 * 1500


def balance(pk) -> int:
    return LedgerAccount.objects.get(pk=pk).balance


def budget() -> int:
    return LedgerAccount.objects.get(kind=AccountKind.BUDGET).balance


def issued_long_ago():
    """An account issued 400 days ago: past its use-by date (365 days) today."""
    participant = b.participant_with_plan()
    day = timezone.localdate() - timedelta(days=400)
    order = services.order_create(actor=Actor.of(participant), package_id=b.package().pk, on=day)
    return services.order_issue(
        order_id=order.pk, actor=Actor.of(b.operator()), idempotency_key=b.key("old"), on=day
    )


def test_unused_vouchers_return_to_the_budget_after_the_use_by_date_once_and_reservations_stay():
    account = b.issued_account()
    booking = b.book(account)
    before = budget()
    unused = FULL - booking.amount

    assert services.vouchers_expire(on=account.expires_on) == {"accounts": 0, "grosze": 0}
    first = services.vouchers_expire(on=account.expires_on + timedelta(days=1))
    second = services.vouchers_expire(on=account.expires_on + timedelta(days=2))

    assert first == {"accounts": 1, "grosze": unused}
    assert second == {"accounts": 0, "grosze": 0}
    assert budget() == before + unused
    assert balance(account.account_id) == 0
    assert balance(account.reserved_id) == booking.amount
    assert VoucherAccount.objects.get(pk=account.pk).expired_at is not None
    assert ledger_violations() == []
    # A reservation released later is returned by the next run.
    services.booking_reject(booking_id=booking.pk, actor=Actor.of(b.staff_of(booking)), reason="Odwołane.")
    third = services.vouchers_expire(on=account.expires_on + timedelta(days=3))
    assert third == {"accounts": 1, "grosze": booking.amount}
    assert budget() == before + FULL
    assert ledger_violations() == []


def test_the_expire_vouchers_task_runs():
    account = issued_long_ago()
    before = budget()

    result = expire_vouchers.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"accounts": 1, "grosze": FULL}
    assert balance(account.account_id) == 0
    assert budget() == before + FULL


def test_the_daily_command_enqueues_deadlines_and_expiry(capsys):
    account = issued_long_ago()

    call_command("vouchers_daily")

    out = capsys.readouterr().out
    assert "expire_vouchers: SUCCESSFUL" in out
    assert "process_booking_deadlines: SUCCESSFUL" in out
    assert "lapse_unpaid_orders: SUCCESSFUL" in out
    assert balance(account.account_id) == 0


def test_ledger_check_passes_on_consistent_books_and_fails_on_a_planted_balance(capsys):
    account = b.issued_account()
    b.book(account)

    call_command("ledger_check")
    assert "Ledger consistent" in capsys.readouterr().out

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE vouchers_ledgeraccount SET balance = balance + 100 WHERE id = %s", [account.account_id]
        )
    with pytest.raises(CommandError, match="violation"):
        call_command("ledger_check")
    assert f"account {account.account_id}" in capsys.readouterr().err
