"""Every invariant of the ledger, checked from the rows: ``manage.py ledger_check`` and the tests
run :func:`ledger_violations`, which returns one line per violation (empty when all hold)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Sum

from . import domain
from .models import (
    RECEIVED,
    AccountKind,
    BatchStatus,
    Booking,
    Contribution,
    ContributionStatus,
    LedgerAccount,
    LedgerTransaction,
    OrderStatus,
    PaymentBatch,
    Posting,
    TransactionKind,
    VoucherAccount,
)
from .payment_days import payment_days_violations


def ledger_violations() -> list[str]:
    problems: list[str] = []
    # 1. Every transaction is balanced and has at least two postings; no posting is orphaned.
    sums = Posting.objects.values("transaction_id").annotate(total=Sum("amount"), legs=Count("id"))
    transaction_ids = set(LedgerTransaction.objects.values_list("id", flat=True))
    seen = set()
    for row in sums:
        seen.add(row["transaction_id"])
        if row["transaction_id"] not in transaction_ids:
            problems.append(f"postings without a transaction: {row['transaction_id']}")
        elif row["total"] != 0 or row["legs"] < 2:
            problems.append(
                f"unbalanced transaction {row['transaction_id']}: sum {row['total']}, {row['legs']} postings"
            )
    for missing in transaction_ids - seen:
        problems.append(f"transaction without postings: {missing}")
    # 2. Every balance is the sum of the account's postings and is not negative where it must not be.
    posted = dict(
        Posting.objects.values_list("account_id")
        .annotate(total=Sum("amount"))
        .values_list("account_id", "total")
    )
    for account in LedgerAccount.objects.all():
        expected = posted.get(account.pk, 0) or 0
        if account.balance != expected:
            problems.append(
                f"account {account.pk} ({account.kind}): balance {account.balance}, postings {expected}"
            )
        if account.balance < 0 and not account.may_go_negative:
            problems.append(f"account {account.pk} ({account.kind}) is negative: {account.balance}")
    # 3. Per voucher account: issued = available + reserved + spent + returned.
    by_kind: dict[tuple[int, str], int] = defaultdict(int)
    rows = Posting.objects.filter(transaction__voucher_account__isnull=False).values_list(
        "transaction__voucher_account_id", "transaction__kind", "account_id", "amount"
    )
    accounts = {va.pk: va for va in VoucherAccount.objects.all()}
    for va_id, kind, account_id, amount in rows:
        if account_id == accounts[va_id].account_id and kind in (
            TransactionKind.ISSUE,
            TransactionKind.EXPIRE,
        ):
            by_kind[(va_id, kind)] += amount
    settled: dict[int, int] = defaultdict(int)
    for reserved_id, amount in Posting.objects.filter(transaction__kind=TransactionKind.SETTLE).values_list(
        "account_id", "amount"
    ):
        settled[reserved_id] -= amount
    reserved_by_booking: dict[int, int] = defaultdict(int)
    for booking_id, amount in Posting.objects.filter(
        booking__isnull=False, account__kind=AccountKind.RESERVED
    ).values_list("booking_id", "amount"):
        reserved_by_booking[booking_id] += amount
    balances = dict(LedgerAccount.objects.values_list("pk", "balance"))
    for va in accounts.values():
        issued = by_kind[(va.pk, TransactionKind.ISSUE)]
        returned = -by_kind[(va.pk, TransactionKind.EXPIRE)]
        available = balances[va.account_id]
        reserved = balances[va.reserved_id]
        spent = settled[va.reserved_id]
        if issued != va.issued_value:
            problems.append(f"voucher account {va.pk}: issued {issued}, package value {va.issued_value}")
        if issued != available + reserved + spent + returned:
            problems.append(
                f"voucher account {va.pk}: issued {issued} != available {available} + reserved {reserved}"
                f" + spent {spent} + returned {returned}"
            )
    # 4. A booking holds its amount in reservation exactly while its state reserves.
    for booking_id, status, amount in Booking.objects.values_list("pk", "status", "amount"):
        held = reserved_by_booking.get(booking_id, 0)
        expected = amount if status in domain.RESERVING else 0
        if held != expected:
            problems.append(f"booking {booking_id} ({status}): {held} reserved, expected {expected}")
    # 5. Batches: in payment = batches not yet paid or cancelled; lines add up.
    in_flight = 0
    for batch in PaymentBatch.objects.annotate(lines_total=Sum("lines__amount")):
        if batch.lines_total != batch.total:
            problems.append(f"batch {batch.reference}: lines sum to {batch.lines_total}, total {batch.total}")
        if batch.status in (BatchStatus.DRAFT, BatchStatus.APPROVED, BatchStatus.SENT):
            in_flight += batch.total
    in_payment = (
        LedgerAccount.objects.filter(kind=AccountKind.IN_PAYMENT).aggregate(total=Sum("balance"))["total"]
        or 0
    )
    if in_payment != in_flight:
        problems.append(f"in payment {in_payment} but unpaid batches total {in_flight}")
    # 6. Contributions held = those received and neither paid back nor spent on issued vouchers;
    # the participants' side is what was received less what was paid back.
    contrib_held: dict[int, int] = defaultdict(int)
    payers: dict[int, int] = defaultdict(int)
    for programme_id, status, order_status, amount in Contribution.objects.filter(
        status__in=RECEIVED
    ).values_list("programme_id", "status", "order__status", "amount"):
        if status != ContributionStatus.REFUNDED:
            payers[programme_id] -= amount
            if order_status != OrderStatus.ISSUED:
                contrib_held[programme_id] += amount
    for kind, expected in ((AccountKind.CONTRIB_HELD, contrib_held), (AccountKind.PAYERS, payers)):
        on_books = dict(LedgerAccount.objects.filter(kind=kind).values_list("programme_id", "balance"))
        for programme_id in set(on_books) | set(expected):
            if on_books.get(programme_id, 0) != expected.get(programme_id, 0):
                problems.append(
                    f"programme {programme_id} {kind}: {on_books.get(programme_id, 0)} on the books,"
                    f" contributions say {expected.get(programme_id, 0)}"
                )
    # 7. The time to payment's kept counts are the paid bookings counted again.
    problems += payment_days_violations()
    return problems
