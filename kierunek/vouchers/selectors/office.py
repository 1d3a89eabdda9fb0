"""Reads for the financial operator's and the officer's pages of the vouchers context: orders
waiting to be issued, what a settlement run would do, providers' receivables, payment batches,
the reconciliation of the ledger with the batches, frozen and settled bookings, payout freezes.

Nothing here writes. Totals are read from the ledger (balances kept by the database, postings of
each kind of transaction), so the reconciliation compares independent sources: account balances,
posted movements and batch rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext_noop

from kierunek.core.collation import polish_sorted
from kierunek.geo.domain import search_key
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Programme
from kierunek.providers.models import BankAccount, BankAccountStatus, Provider, ProviderStatus

from .. import domain
from ..checks import ledger_violations
from ..models import (
    AccountKind,
    BatchStatus,
    Booking,
    LedgerAccount,
    OrderStatus,
    PaymentBatch,
    PaymentLine,
    PayoutFreeze,
    Posting,
    TransactionKind,
    VoucherOrder,
)
from ..services.base import frozen_provider_ids, held_provider_ids

# --- programme ---------------------------------------------------------------------------------


def programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("-starts_on", "pk")


def programme_for_office(*, programme_id: int | None) -> Programme | None:
    """The programme the office pages show: the one asked for, else the one taking applications
    now, else the latest."""
    if programme_id is not None:
        return Programme.objects.filter(pk=programme_id).first()
    return programme_selectors.programme_current() or programmes().first()


def budget_left(*, programme: Programme) -> int:
    """What the budget account holds (the programme's budget before the first voucher is issued:
    the account is funded when it is opened)."""
    account = LedgerAccount.objects.filter(programme=programme, kind=AccountKind.BUDGET).first()
    return account.balance if account is not None else programme.budget


# --- orders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderRow:
    order: VoucherOrder
    value: int | None  # grosze at today's voucher unit; None when no unit is in force


def orders_waiting(*, programme: Programme, day: date) -> list[OrderRow]:
    orders = (
        VoucherOrder.objects.filter(programme=programme, status=OrderStatus.ORDERED)
        .select_related("participant", "package", "contribution")
        .order_by("ordered_at", "pk")
    )
    try:
        unit: int | None = programme_selectors.voucher_unit_on(programme=programme, day=day)
    except programme_selectors.RuleNotInForce:
        unit = None
    return [OrderRow(order=o, value=o.package.vouchers * unit if unit else None) for o in orders]


def orders_waiting_count() -> int:
    return VoucherOrder.objects.filter(status=OrderStatus.ORDERED).count()


# --- settlement --------------------------------------------------------------------------------

SKIP_REASONS = ("not_confirmed", "not_evaluated", "provider_frozen", "provider_on_hold")


@dataclass(frozen=True)
class SettlementPreview:
    """What ``services.settlement_run`` would do today: the completed bookings it would settle
    (``without_rating`` of them because their confirmation deadline closed, not rated) and, for the
    others, why not (a booking may have several reasons); ``awaiting_officer``: bookings not
    confirmed in time that wait for an officer's decision."""

    settleable: int
    settleable_amount: int
    completed: int
    skipped: dict[str, int]
    without_rating: int = 0
    awaiting_officer: int = 0


def settlement_preview(*, programme: Programme, day: date) -> SettlementPreview:
    """Grouped in the database (by provider and what is missing), then judged by the same rule
    as the settlement run (``domain.settleable``): one row per group, not per booking."""
    frozen = frozen_provider_ids()
    held = held_provider_ids(day=day)
    both = Q(confirmed_at__isnull=False, evaluated_at__isnull=False)
    # Closed by the confirmation deadline with a settleable outcome, not both confirmed and rated.
    closed = ~both & Q(confirmation_outcome__in=domain.SETTLEABLE_OUTCOMES)
    open_ = ~both & ~Q(confirmation_outcome__in=domain.SETTLEABLE_OUTCOMES)
    bookings = Booking.objects.filter(voucher_account__programme=programme)
    groups = (
        bookings.filter(status=domain.COMPLETED)
        .values("provider_id")
        .annotate(
            confirmed=Count("pk", filter=both),
            closed=Count("pk", filter=closed),
            only_confirmed=Count("pk", filter=open_ & Q(confirmed_at__isnull=False)),
            only_evaluated=Count("pk", filter=open_ & Q(evaluated_at__isnull=False)),
            neither=Count("pk", filter=open_ & Q(confirmed_at__isnull=True, evaluated_at__isnull=True)),
            ready_amount=Sum("amount", filter=both | closed),
        )
        .order_by()
    )
    skipped: dict[str, int] = defaultdict(int)
    settleable = amount = completed = without_rating = 0
    for row in groups:
        kinds = (
            (row["confirmed"], True, True, False),
            (row["closed"], False, False, True),
            (row["only_confirmed"], True, False, False),
            (row["only_evaluated"], False, True, False),
            (row["neither"], False, False, False),
        )
        for count, confirmed, evaluated, was_closed in kinds:
            if not count:
                continue
            completed += count
            reasons = domain.settleable(
                status=domain.COMPLETED,
                confirmed=confirmed,
                evaluated=evaluated,
                provider_frozen=row["provider_id"] in frozen,
                provider_on_hold=row["provider_id"] in held,
                closed=was_closed,
            )
            if reasons:
                for reason in reasons:
                    skipped[reason] += count
            else:
                settleable += count
                without_rating += count if was_closed else 0
        if row["provider_id"] not in frozen and row["provider_id"] not in held:
            amount += row["ready_amount"] or 0  # the confirmed and the closed: settled together
    return SettlementPreview(
        settleable=settleable,
        settleable_amount=amount,
        completed=completed,
        skipped={reason: skipped[reason] for reason in SKIP_REASONS if skipped.get(reason)},
        without_rating=without_rating,
        awaiting_officer=bookings.filter(status=domain.UNCONFIRMED).count(),
    )


@dataclass(frozen=True)
class ReceivableRow:
    provider: Provider
    balance: int
    frozen: bool
    held_until: date | None
    has_bank_account: bool

    @property
    def payable(self) -> bool:
        """Whether ``batch_build`` would put it in a batch today."""
        return self.balance > 0 and not self.frozen and self.held_until is None and self.has_bank_account


def receivables(*, programme: Programme, day: date) -> list[ReceivableRow]:
    """Every provider's receivable in the programme that is not zero (negative: owed back after a
    clawback of paid money), with what keeps it out of a batch, in Polish alphabetical order of the
    providers' names."""
    frozen = frozen_provider_ids()
    accounts = (
        LedgerAccount.objects.filter(programme=programme, kind=AccountKind.RECEIVABLE)
        .exclude(balance=0)
        .select_related("provider")
        .annotate(
            has_bank=Exists(
                BankAccount.objects.filter(
                    provider_id=OuterRef("provider_id"), status=BankAccountStatus.ACTIVE
                )
            )
        )
        .order_by("pk")
    )
    rows = []
    for account in accounts:
        provider = account.provider
        assert provider is not None
        hold = provider.payout_hold_until
        rows.append(
            ReceivableRow(
                provider=provider,
                balance=account.balance,
                frozen=provider.pk in frozen,
                held_until=hold if hold is not None and hold >= day else None,
                has_bank_account=bool(account.has_bank),
            )
        )
    return polish_sorted(rows, key=lambda row: row.provider.legal_name)


# --- batches -----------------------------------------------------------------------------------


def batches(*, programme: Programme) -> QuerySet[PaymentBatch]:
    return (
        PaymentBatch.objects.filter(programme=programme)
        .select_related("built_by", "approved_by")
        .annotate(line_count=Count("lines"))
        .order_by("-built_at", "-pk")
    )


def batches_waiting_count() -> int:
    """Batches that need a person: approval, sending, or the bank's confirmation."""
    return PaymentBatch.objects.filter(
        status__in=[BatchStatus.DRAFT, BatchStatus.APPROVED, BatchStatus.SENT]
    ).count()


def batch_for_office(*, batch_id: int) -> PaymentBatch:
    return PaymentBatch.objects.select_related("programme", "built_by", "approved_by").get(pk=batch_id)


def batch_lines(*, batch: PaymentBatch) -> QuerySet[PaymentLine]:
    return batch.lines.select_related("provider").order_by("pk")


def approval_conflict(*, batch: PaymentBatch, user_id: int) -> str | None:
    """Why ``user_id`` may not approve the batch (the service refuses the same), or None."""
    if batch.built_by_id == user_id:
        return "builder"
    if Provider.objects.filter(pk__in=batch.lines.values("provider_id"), decided_by_id=user_id).exists():
        return "approved_provider"
    return None


# --- reconciliation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    label: str
    left: int
    right: int

    @property
    def difference(self) -> int:
        return self.left - self.right


@dataclass(frozen=True)
class BatchReconciliation:
    batch: PaymentBatch
    lines_total: int
    ledger_batched: int  # the BATCH transaction's move into "in payment"
    ledger_paid: int  # the PAY transaction's move into "paid out"
    ledger_cancelled: int  # the BATCH_CANCEL transaction's move back to the receivables

    @property
    def difference(self) -> int:
        """Lines against the batch, the batch against the ledger, and the ledger's outcome against
        the batch's status: 0 when everything agrees."""
        expected_paid = self.batch.total if self.batch.status == BatchStatus.PAID else 0
        expected_cancelled = self.batch.total if self.batch.status == BatchStatus.CANCELLED else 0
        return (
            abs(self.lines_total - self.batch.total)
            + abs(self.ledger_batched - self.batch.total)
            + abs(self.ledger_paid - expected_paid)
            + abs(self.ledger_cancelled - expected_cancelled)
        )


@dataclass(frozen=True)
class Reconciliation:
    totals: dict[str, int]
    checks: list[Check]
    batches: list[BatchReconciliation]
    violations: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return (
            not self.violations
            and all(c.difference == 0 for c in self.checks)
            and all(b.difference == 0 for b in self.batches)
        )


def _balances(programme: Programme) -> dict[str, int]:
    rows = (
        LedgerAccount.objects.filter(programme=programme)
        .values("kind")
        .annotate(total=Sum("balance"))
        .values_list("kind", "total")
    )
    return {kind: total or 0 for kind, total in rows}


def _moved(programme: Programme, kind: str, into: str) -> int:
    """The total that transactions of ``kind`` moved into accounts of kind ``into``."""
    total = Posting.objects.filter(
        transaction__programme=programme, transaction__kind=kind, account__kind=into
    ).aggregate(total=Sum("amount"))["total"]
    return total or 0


def reconciliation(*, programme: Programme) -> Reconciliation:
    balances = _balances(programme)
    totals = {
        "funded": -balances.get(AccountKind.FUNDING, 0),
        "issued": _moved(programme, TransactionKind.ISSUE, AccountKind.VOUCHERS),
        "available": balances.get(AccountKind.VOUCHERS, 0),
        "reserved": balances.get(AccountKind.RESERVED, 0),
        "settled": _moved(programme, TransactionKind.SETTLE, AccountKind.RECEIVABLE),
        "receivable": balances.get(AccountKind.RECEIVABLE, 0),
        "in_payment": balances.get(AccountKind.IN_PAYMENT, 0),
        "paid_out": balances.get(AccountKind.PAID_OUT, 0),
        "expired": _moved(programme, TransactionKind.EXPIRE, AccountKind.BUDGET),
        "clawed_back": _moved(programme, TransactionKind.CLAWBACK, AccountKind.BUDGET),
        "budget_left": balances.get(AccountKind.BUDGET, 0),
    }
    batch_rows = _batch_reconciliations(programme)
    unpaid = sum(
        b.batch.total
        for b in batch_rows
        if b.batch.status in (BatchStatus.DRAFT, BatchStatus.APPROVED, BatchStatus.SENT)
    )
    paid = sum(b.batch.total for b in batch_rows if b.batch.status == BatchStatus.PAID)
    t = totals
    checks = [
        Check(
            gettext_noop("funded = budget left + vouchers + reserved + receivables + in payment + paid out"),
            t["funded"],
            t["budget_left"]
            + t["available"]
            + t["reserved"]
            + t["receivable"]
            + t["in_payment"]
            + t["paid_out"],
        ),
        Check(
            gettext_noop("budget left = funded - issued + returned by expiry + clawed back"),
            t["budget_left"],
            t["funded"] - t["issued"] + t["expired"] + t["clawed_back"],
        ),
        Check(
            gettext_noop("vouchers + reserved = issued - settled - returned by expiry"),
            t["available"] + t["reserved"],
            t["issued"] - t["settled"] - t["expired"],
        ),
        Check(
            gettext_noop("settled - clawed back = receivables + in payment + paid out"),
            t["settled"] - t["clawed_back"],
            t["receivable"] + t["in_payment"] + t["paid_out"],
        ),
        Check(gettext_noop("in payment = batches not yet paid"), t["in_payment"], unpaid),
        Check(gettext_noop("paid out = paid batches"), t["paid_out"], paid),
    ]
    return Reconciliation(totals=totals, checks=checks, batches=batch_rows, violations=ledger_violations())


def _batch_reconciliations(programme: Programme) -> list[BatchReconciliation]:
    batches_ = list(
        PaymentBatch.objects.filter(programme=programme)
        .annotate(lines_total=Sum("lines__amount"))
        .order_by("-built_at", "-pk")
    )
    moved: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        Posting.objects.filter(transaction__batch__programme=programme)
        .filter(
            Q(transaction__kind=TransactionKind.BATCH, account__kind=AccountKind.IN_PAYMENT)
            | Q(transaction__kind=TransactionKind.PAY, account__kind=AccountKind.PAID_OUT)
            | Q(transaction__kind=TransactionKind.BATCH_CANCEL, account__kind=AccountKind.RECEIVABLE)
        )
        .values("transaction__batch_id", "transaction__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        moved[(row["transaction__batch_id"], row["transaction__kind"])] += row["total"] or 0
    return [
        BatchReconciliation(
            batch=batch,
            lines_total=batch.lines_total or 0,
            ledger_batched=moved[(batch.pk, TransactionKind.BATCH)],
            ledger_paid=moved[(batch.pk, TransactionKind.PAY)],
            ledger_cancelled=moved[(batch.pk, TransactionKind.BATCH_CANCEL)],
        )
        for batch in batches_
    ]


# --- officer: bookings and freezes -------------------------------------------------------------


def frozen_bookings() -> QuerySet[Booking]:
    return (
        Booking.objects.filter(status=domain.FROZEN)
        .select_related("participant", "provider", "card")
        .prefetch_related("events")
        .order_by("updated_at", "pk")
    )


def frozen_bookings_count() -> int:
    return Booking.objects.filter(status=domain.FROZEN).count()


def unconfirmed_bookings() -> QuerySet[Booking]:
    """Completed bookings the participant did not confirm in time, waiting for an officer's
    decision (the confirmation rule sends them here): the oldest deadline first."""
    return (
        Booking.objects.filter(status=domain.UNCONFIRMED)
        .select_related("participant", "provider", "card", "confirmation_rule")
        .order_by("confirm_by", "pk")
    )


def unconfirmed_bookings_count() -> int:
    return Booking.objects.filter(status=domain.UNCONFIRMED).count()


def settled_bookings(*, query: str, limit: int = 50) -> QuerySet[Booking]:
    """Settled bookings matching a booking number, a provider's name or NIP, or a service title;
    never searched by a participant's personal data."""
    bookings = Booking.objects.filter(status=domain.SETTLED).select_related("participant", "provider", "card")
    query = query.strip()
    if query:
        number = query.lstrip("#")
        if number.isdigit():  # a booking number, or a NIP
            condition = Q(pk=int(number)) | Q(provider__nip=number)
        else:
            condition = (
                Q(provider__legal_name__icontains=query)
                | Q(provider__short_name__icontains=query)
                | Q(card__title__icontains=query)
            )
        bookings = bookings.filter(condition)
    return bookings.order_by("-settled_at", "-pk")[:limit]


@dataclass(frozen=True)
class FreezeRow:
    provider: Provider
    freeze: PayoutFreeze | None


def providers_for_freezes(*, query: str, limit: int = 50) -> list[FreezeRow]:
    """Providers with their active payout freeze: the frozen ones first, then approved providers
    matching ``query`` (a part of the name, case and diacritics ignored, or the NIP)."""
    active = {
        f.provider_id: f
        for f in PayoutFreeze.objects.filter(lifted_at__isnull=True).select_related("frozen_by")
    }
    providers = Provider.objects.filter(Q(pk__in=list(active)) | Q(status=ProviderStatus.APPROVED))
    query = query.strip()
    key = search_key(query)
    if key:
        # Names are matched in Python, ignoring case and Polish diacritics ("lodz" finds "Łódź").
        matching = [
            pk
            for pk, legal_name, short_name in providers.values_list("pk", "legal_name", "short_name")
            if key in search_key(legal_name) or key in search_key(short_name)
        ]
        providers = providers.filter(Q(pk__in=matching) | Q(nip=query) | Q(pk__in=list(active)))
    # The frozen ones and the first ``limit`` others by name, in Polish alphabetical order.
    frozen = polish_sorted(providers.filter(pk__in=list(active)), key=lambda p: p.legal_name)
    others = polish_sorted(providers.exclude(pk__in=list(active)), key=lambda p: p.legal_name)
    return [FreezeRow(provider=p, freeze=active.get(p.pk)) for p in [*frozen, *others][:limit]]


def active_freezes_count() -> int:
    return PayoutFreeze.objects.filter(lifted_at__isnull=True).count()
