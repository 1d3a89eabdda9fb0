"""The one way money moves: :func:`post` writes a balanced transaction.

Callers run inside ``transaction.atomic()`` and have already locked what their decision depends on
(``lock_accounts``). On SQLite the whole transaction holds the write lock from its start (``BEGIN
IMMEDIATE``, settings); on PostgreSQL accounts are locked with ``SELECT ... FOR UPDATE`` in primary
key order, so two operations touching the same accounts queue instead of deadlocking.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from .domain import balanced
from .models import MAY_GO_NEGATIVE, AccountKind, LedgerAccount, LedgerTransaction, Posting

# Postings per INSERT statement (4 parameters each: well under SQLite's 32 766).
POSTINGS_PER_STATEMENT = 1000


class InsufficientFunds(Exception):
    """An account that must not go below zero would."""

    def __init__(self, account: LedgerAccount, needed: int) -> None:
        self.account = account
        self.needed = needed
        super().__init__(_("Not enough money on the account for this operation."))


@dataclass(frozen=True)
class Leg:
    """One posting to be written: an account (or its id, where a caller moves many accounts and
    need not load them), a signed amount in grosze, the booking it concerns."""

    account: LedgerAccount | int
    amount: int
    booking_id: int | None = None

    @property
    def account_id(self) -> int:
        return self.account if isinstance(self.account, int) else self.account.pk


def account_open(*, kind: str, programme_id: int, provider_id: int | None = None) -> LedgerAccount:
    """A new ledger account (balance 0)."""
    return LedgerAccount.objects.create(
        kind=kind,
        programme_id=programme_id,
        provider_id=provider_id,
        may_go_negative=kind in MAY_GO_NEGATIVE,
    )


def programme_account(*, programme_id: int, kind: str) -> LedgerAccount:
    """The programme's own account of ``kind`` (funding, budget, in payment, paid out), opened on
    first use. The programme's budget is funded from its funding account when the budget account
    is opened, so the budget on the books equals the programme's budget."""
    account = LedgerAccount.objects.filter(programme_id=programme_id, kind=kind).first()
    if account is not None:
        return account
    with transaction.atomic():
        try:
            with transaction.atomic():
                account = account_open(kind=kind, programme_id=programme_id)
        except IntegrityError:
            return LedgerAccount.objects.get(programme_id=programme_id, kind=kind)
        if kind == AccountKind.BUDGET:
            from kierunek.programmes.models import Programme

            programme = Programme.objects.get(pk=programme_id)
            funding = programme_account(programme_id=programme_id, kind=AccountKind.FUNDING)
            if programme.budget:
                post(
                    kind="fund",
                    programme_id=programme_id,
                    idempotency_key=f"fund:{programme_id}",
                    legs=[Leg(funding, -programme.budget), Leg(account, programme.budget)],
                    memo="Programme budget",
                )
    return account


def receivable_account(*, programme_id: int, provider_id: int) -> LedgerAccount:
    """A provider's receivable in a programme, opened on first use."""
    account = LedgerAccount.objects.filter(
        programme_id=programme_id, provider_id=provider_id, kind=AccountKind.RECEIVABLE
    ).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return account_open(
                kind=AccountKind.RECEIVABLE, programme_id=programme_id, provider_id=provider_id
            )
    except IntegrityError:
        return LedgerAccount.objects.get(
            programme_id=programme_id, provider_id=provider_id, kind=AccountKind.RECEIVABLE
        )


def lock_accounts(account_ids: Iterable[int]) -> dict[int, LedgerAccount]:
    """Lock the accounts (primary-key order: no deadlocks) and return them fresh from the
    database. Inside ``transaction.atomic()`` only."""
    ids = sorted(set(account_ids))
    accounts = LedgerAccount.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {account.pk: account for account in accounts}


def existing(idempotency_key: str) -> LedgerTransaction | None:
    """The transaction already written under ``idempotency_key``, if any."""
    return LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()


def post(
    *,
    kind: str,
    programme_id: int,
    idempotency_key: str,
    legs: Sequence[Leg],
    check_balances: bool = True,
    **fields: Any,
) -> LedgerTransaction:
    """Write one balanced transaction and return it; if ``idempotency_key`` was used before,
    return that transaction and write nothing.

    Raises ``ValueError`` for unbalanced legs and ``InsufficientFunds`` if an account that must
    not go below zero would (checked here on the locked rows, and by the database's CHECK)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.post runs inside transaction.atomic()")
    done = existing(idempotency_key)
    if done is not None:
        if not _same_operation(done, kind=kind, programme_id=programme_id, fields=fields):
            raise ValidationError(_("This request key was already used for another operation."))
        return done
    amounts = [leg.amount for leg in legs]
    if not balanced(amounts):
        raise ValueError(f"Unbalanced transaction {idempotency_key}: {amounts}")
    if check_balances:
        totals: dict[int, int] = {}
        for leg in legs:
            totals[leg.account_id] = totals.get(leg.account_id, 0) + leg.amount
        locked = lock_accounts(totals)
        for account_id, change in totals.items():
            account = locked[account_id]
            if change < 0 and not account.may_go_negative and account.balance + change < 0:
                raise InsufficientFunds(account, -change)
    transaction_id = uuid.uuid4()
    # Postings first, then the transaction row: inserting it makes the database check the sum.
    # Multi-row INSERTs rather than model instances: a settlement writes a posting per booking,
    # and PostgreSQL's ledger trigger runs once per statement (migration 0003).
    connection = transaction.get_connection()
    key = LedgerTransaction._meta.pk.get_db_prep_value(transaction_id, connection)
    rows = [(key, leg.account_id, leg.amount, leg.booking_id) for leg in legs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), POSTINGS_PER_STATEMENT):
            chunk = rows[start : start + POSTINGS_PER_STATEMENT]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                "INSERT INTO vouchers_posting (transaction_id, account_id, amount, booking_id) VALUES "  # noqa: S608 - placeholders only
                + values,
                [value for row in chunk for value in row],
            )
    return LedgerTransaction.objects.create(
        id=transaction_id, kind=kind, programme_id=programme_id, idempotency_key=idempotency_key, **fields
    )


def _same_operation(done: LedgerTransaction, *, kind: str, programme_id: int, fields: dict[str, Any]) -> bool:
    """Whether an earlier transaction under the same key is this operation (a retry), not another
    one that happened to reuse the key: same kind, programme, and the same booking, voucher
    account and batch where given."""
    if done.kind != kind or done.programme_id != programme_id:
        return False
    for name in ("booking", "voucher_account", "batch"):
        if name in fields:
            value = fields[name]
            if getattr(done, f"{name}_id") != getattr(value, "pk", value):
                return False
    return True


def balance_of(account_id: int) -> int:
    """An account's balance as the sum of its postings (the slow, authoritative way)."""
    return Posting.objects.filter(account_id=account_id).aggregate(total=Sum("amount"))["total"] or 0
