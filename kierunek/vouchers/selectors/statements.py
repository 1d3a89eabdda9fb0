"""Reads of the bank statements for the financial operator: the statements with their counts, an
entry's statement, the queue of entries waiting for a person, how far the bank confirmed a batch,
and the reconciliation of the ledger with the bank (not with itself): per payment batch, what the
ledger moved against what the bank's entries confirm."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from kierunek.programmes.models import Programme

from ..models import (
    AccountKind,
    BankStatement,
    BatchStatus,
    EntryState,
    PaymentBatch,
    PaymentLine,
    Posting,
    StatementEntry,
    TransactionKind,
)

CONFIRMING = (EntryState.MATCHED, EntryState.RESOLVED)


def statements() -> QuerySet[BankStatement]:
    return BankStatement.objects.select_related("uploaded_by").annotate(
        entry_count=Count("entries"),
        waiting_count=Count("entries", filter=Q(entries__state=EntryState.UNMATCHED)),
    )


def statement_for_office(*, statement_id: int) -> BankStatement:
    return statements().get(pk=statement_id)


def statement_entries(*, statement: BankStatement) -> QuerySet[StatementEntry]:
    return statement.entries.select_related("payment_line__batch", "decided_by").order_by("position")


def entries_to_resolve() -> QuerySet[StatementEntry]:
    """The queue: entries no matcher matched and no person decided, oldest statement first."""
    return (
        StatementEntry.objects.filter(state=EntryState.UNMATCHED)
        .select_related("statement")
        .order_by("statement__uploaded_at", "statement_id", "position")
    )


def entries_to_resolve_count() -> int:
    return StatementEntry.objects.filter(state=EntryState.UNMATCHED).count()


def entry_for_office(*, entry_id: int) -> StatementEntry:
    return StatementEntry.objects.select_related("statement", "payment_line__batch").get(pk=entry_id)


@dataclass(frozen=True)
class BatchConfirmation:
    transfers: int
    confirmed_lines: frozenset[int]

    @property
    def confirmed(self) -> int:
        return len(self.confirmed_lines)

    @property
    def waiting(self) -> bool:
        return self.confirmed < self.transfers


def batch_confirmation(*, batch: PaymentBatch) -> BatchConfirmation | None:
    """How many of the batch's transfers the bank confirmed; None for a batch the bank cannot
    have paid (not approved, or cancelled)."""
    if batch.status not in (BatchStatus.APPROVED, BatchStatus.SENT, BatchStatus.PAID):
        return None
    confirmed = StatementEntry.objects.filter(payment_line__batch=batch, state__in=CONFIRMING).values_list(
        "payment_line_id", flat=True
    )
    return BatchConfirmation(
        transfers=PaymentLine.objects.filter(batch=batch).count(),
        confirmed_lines=frozenset(line_id for line_id in confirmed if line_id is not None),
    )


@dataclass(frozen=True)
class BatchAgainstBank:
    batch: PaymentBatch
    transfers: int
    confirmed: int  # transfers confirmed by an entry of the bank
    ledger_amount: int  # what the ledger moved into payment for the batch
    ledger_paid: int  # what the ledger moved to paid out
    bank_amount: int  # what the bank's confirming entries booked

    @property
    def difference(self) -> int:
        """What the bank booked for the batch less what the ledger paid out for it (0 when they
        agree; for a batch not yet paid, what the bank booked so far)."""
        return self.bank_amount - self.ledger_paid


@dataclass(frozen=True)
class BankReconciliation:
    batches: list[BatchAgainstBank]
    unmatched_count: int
    unmatched_debits: int
    unmatched_credits: int
    ignored_count: int
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return self.unmatched_count == 0 and all(
            b.difference == 0 for b in self.batches if b.batch.status == BatchStatus.PAID
        )


def bank_reconciliation(*, programme: Programme) -> BankReconciliation:
    batches = list(
        PaymentBatch.objects.filter(
            programme=programme, status__in=[BatchStatus.APPROVED, BatchStatus.SENT, BatchStatus.PAID]
        )
        .annotate(transfers=Count("lines", distinct=True))
        .order_by("-built_at", "-pk")
    )
    ids = [b.pk for b in batches]
    bank: dict[int, dict[str, int]] = {
        row["payment_line__batch_id"]: {"amount": row["amount"] or 0, "count": row["count"]}
        for row in StatementEntry.objects.filter(payment_line__batch_id__in=ids, state__in=CONFIRMING)
        .values("payment_line__batch_id")
        .annotate(amount=Sum("amount"), count=Count("id"))
        .order_by()
    }
    moved: dict[tuple[int, str], int] = {}
    for row in (
        Posting.objects.filter(transaction__batch_id__in=ids)
        .filter(
            Q(transaction__kind=TransactionKind.BATCH, account__kind=AccountKind.IN_PAYMENT)
            | Q(transaction__kind=TransactionKind.PAY, account__kind=AccountKind.PAID_OUT)
        )
        .values("transaction__batch_id", "transaction__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        moved[(row["transaction__batch_id"], row["transaction__kind"])] = row["total"] or 0
    rows = [
        BatchAgainstBank(
            batch=b,
            transfers=b.transfers,
            confirmed=bank.get(b.pk, {}).get("count", 0),
            ledger_amount=moved.get((b.pk, TransactionKind.BATCH), 0),
            ledger_paid=moved.get((b.pk, TransactionKind.PAY), 0),
            bank_amount=bank.get(b.pk, {}).get("amount", 0),
        )
        for b in batches
    ]
    waiting = StatementEntry.objects.filter(state=EntryState.UNMATCHED).aggregate(
        count=Count("id"),
        debits=Sum("amount", filter=Q(direction="debit")),
        credits=Sum("amount", filter=Q(direction="credit")),
    )
    return BankReconciliation(
        batches=rows,
        unmatched_count=waiting["count"] or 0,
        unmatched_debits=waiting["debits"] or 0,
        unmatched_credits=waiting["credits"] or 0,
        ignored_count=StatementEntry.objects.filter(state=EntryState.IGNORED).count(),
        totals={
            "ledger_paid": sum(r.ledger_paid for r in rows),
            "bank_confirmed": sum(r.bank_amount for r in rows),
        },
    )
