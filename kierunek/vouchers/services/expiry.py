"""Expiry: unused vouchers past their use-by date return to the programme budget."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import ledger
from ..ledger import Leg
from ..models import AccountKind, TransactionKind, VoucherAccount
from .base import _lock_voucher_account, today


def vouchers_expire(*, on: date | None = None) -> dict[str, int]:
    """Return unused vouchers past their use-by date to the programme budget. Idempotent: an
    account whose balance is zero is left alone, and a second run finds every expired balance
    zero. Reserved vouchers stay with their bookings (a reservation released later is returned by
    the next run)."""
    day = on or today()
    counts = {"accounts": 0, "grosze": 0}
    candidates = VoucherAccount.objects.filter(expires_on__lt=day, account__balance__gt=0).values_list(
        "pk", flat=True
    )
    for voucher_account_id in candidates:
        with transaction.atomic():
            voucher_account = _lock_voucher_account(voucher_account_id)
            amount = voucher_account.account.balance
            if amount <= 0 or voucher_account.expires_on >= day:
                continue
            budget = ledger.programme_account(
                programme_id=voucher_account.programme_id, kind=AccountKind.BUDGET
            )
            runs = voucher_account.transactions.filter(kind=TransactionKind.EXPIRE).count()
            ledger.post(
                kind=TransactionKind.EXPIRE,
                programme_id=voucher_account.programme_id,
                idempotency_key=f"expire:{voucher_account.pk}:{runs + 1}",
                legs=[Leg(voucher_account.account, -amount), Leg(budget, amount)],
                voucher_account=voucher_account,
                memo=f"Use-by {voucher_account.expires_on:%Y-%m-%d}",
            )
            if voucher_account.expired_at is None:
                VoucherAccount.objects.filter(pk=voucher_account.pk).update(expired_at=timezone.now())
            counts["accounts"] += 1
            counts["grosze"] += amount
    return counts
