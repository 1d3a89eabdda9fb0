"""The vouchers' indicators (:mod:`kierunek.core.indicators`): vouchers issued and used, money
issued, settled, paid, expired and clawed back, and how long payment takes.

Counts of vouchers come from the voucher accounts and the bookings; money that moved comes from the
ledger (the postings of one kind of transaction into one kind of account), which is the record the
operator answers for; ``manage.py reports_reconcile`` checks that the two agree where they meet
(the value of the vouchers issued, the money settled)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    indicator_register,
    median_by_group,
    sum_by_group,
)
from kierunek.programmes.indicators import PERSON_BREAKDOWNS, participant_groups

from .models import AccountKind, Booking, BookingStatus, Posting, TransactionKind, VoucherAccount
from .payout_models import BatchStatus, PaymentBatch

# A booking's vouchers are used once it is settled; a later clawback is its own indicator, so the
# bookings settled in a period stay counted there (and the figure matches the ledger's settlements).
USED = (BookingStatus.SETTLED, BookingStatus.CLAWED_BACK)


def _keyed(
    rows: Iterable[tuple[int, datetime | None, str, str, str, int]],
    breakdown: Breakdown | None,
    period: Period,
) -> list[tuple[int, str, int]]:
    """``(person, group, value)`` for rows of ``(person, moment, package, category, provider,
    value)``."""
    rows = list(rows)
    if breakdown is None:
        return [(person, TOTAL, value) for person, _at, _pkg, _cat, _prov, value in rows]
    if breakdown == Breakdown.MONTH:
        return [(person, f"{at:%Y-%m}", value) for person, at, _pkg, _cat, _prov, value in rows]
    if breakdown == Breakdown.PACKAGE:
        return [(person, package, value) for person, _at, package, _cat, _prov, value in rows]
    if breakdown == Breakdown.CATEGORY:
        return [(person, category, value) for person, _at, _pkg, category, _prov, value in rows]
    if breakdown == Breakdown.PROVIDER:
        return [(person, provider, value) for person, _at, _pkg, _cat, provider, value in rows]
    groups = participant_groups({row[0] for row in rows}, breakdown, period)
    return [(person, groups.get(person, ""), value) for person, _at, _pkg, _cat, _prov, value in rows]


def _issued_rows(period: Period) -> QuerySet[VoucherAccount]:
    return VoucherAccount.objects.filter(issued_at__gte=period.since, issued_at__lt=period.before)


def vouchers_issued(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = _issued_rows(period).values_list("participant_id", "issued_at", "package__name", "vouchers_issued")
    return sum_by_group(_keyed(((p, at, pkg, "", "", n) for p, at, pkg, n in rows), breakdown, period))


def value_issued(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = _issued_rows(period).values_list(
        "participant_id", "issued_at", "package__name", "vouchers_issued", "voucher_unit"
    )
    return sum_by_group(
        _keyed(((p, at, pkg, "", "", n * unit) for p, at, pkg, n, unit in rows), breakdown, period)
    )


def _settled(period: Period) -> QuerySet[Booking]:
    return Booking.objects.filter(status__in=USED, settled_at__gte=period.since, settled_at__lt=period.before)


def _top_category(code: str, parent_code: str | None) -> str:
    return parent_code or code


def vouchers_used(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = _settled(period).values_list(
        "participant_id",
        "settled_at",
        "voucher_account__package__name",
        "card__category__code",
        "card__category__parent__code",
        "provider__nip",
        "vouchers",
    )
    return sum_by_group(
        _keyed(
            ((p, at, pkg, _top_category(c, pc), nip, n) for p, at, pkg, c, pc, nip, n in rows),
            breakdown,
            period,
        )
    )


def money_settled(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = _settled(period).values_list(
        "participant_id",
        "settled_at",
        "voucher_account__package__name",
        "card__category__code",
        "card__category__parent__code",
        "provider__nip",
        "amount",
    )
    return sum_by_group(
        _keyed(
            ((p, at, pkg, _top_category(c, pc), nip, amount) for p, at, pkg, c, pc, nip, amount in rows),
            breakdown,
            period,
        )
    )


def _ledger(kind: str, account: str, period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """The money moved by transactions of ``kind`` into accounts of kind ``account`` in the period
    (by month or in total: the ledger knows no person's groups). ``people`` counts the
    transactions' voucher accounts' participants where they have one, else the transactions."""
    postings = Posting.objects.filter(
        transaction__kind=kind,
        account__kind=account,
        amount__gt=0,
        transaction__created_at__gte=period.since,
        transaction__created_at__lt=period.before,
    ).values_list(
        "transaction_id", "transaction__voucher_account__participant_id", "transaction__created_at", "amount"
    )
    rows = [
        (
            f"transaction {transaction}" if person is None else person,
            f"{at:%Y-%m}" if breakdown == Breakdown.MONTH else TOTAL,
            amount,
        )
        for transaction, person, at, amount in postings
    ]
    return sum_by_group(rows)


def money_paid(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _ledger(TransactionKind.PAY, AccountKind.PAID_OUT, period, breakdown)


def money_expired(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _ledger(TransactionKind.EXPIRE, AccountKind.BUDGET, period, breakdown)


def money_clawed_back(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _ledger(TransactionKind.CLAWBACK, AccountKind.BUDGET, period, breakdown)


def days_to_payment(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """The median of the days from the provider's report of completion to the payment, of the
    bookings paid in the period. A settled booking is paid by the first batch paid to its provider
    that was built after the booking was settled (batches pay a provider's receivable in full,
    oldest money first)."""
    batches: dict[int, list[tuple[datetime, datetime]]] = {}
    for provider, built, paid in (
        PaymentBatch.objects.filter(status=BatchStatus.PAID, paid_at__isnull=False)
        .values_list("lines__provider_id", "built_at", "paid_at")
        .order_by("built_at", "pk")
    ):
        if provider is not None and paid is not None:
            batches.setdefault(provider, []).append((built, paid))
    rows = []
    for person, provider, reported, settled in Booking.objects.filter(
        status__in=USED, reported_at__isnull=False, settled_at__isnull=False, provider_id__in=list(batches)
    ).values_list("participant_id", "provider_id", "reported_at", "settled_at"):
        if reported is None or settled is None:
            continue
        paid = next((paid for built, paid in batches[provider] if built >= settled), None)
        if paid is None or not period.since <= paid < period.before:
            continue
        group = f"{paid:%Y-%m}" if breakdown == Breakdown.MONTH else TOTAL
        rows.append((person, group, max(0, (paid - reported).days)))
    return median_by_group(rows)


def indicators_register() -> None:
    """Called from ``VouchersConfig.ready()``."""
    source = _("Vouchers and bookings")
    person_and_package = (*PERSON_BREAKDOWNS, Breakdown.PACKAGE)
    used = (*PERSON_BREAKDOWNS, Breakdown.PACKAGE, Breakdown.CATEGORY, Breakdown.PROVIDER)
    for key, name, definition, unit, breakdowns, compute, order in (
        (
            "vouchers.issued",
            _("Vouchers issued"),
            _("Vouchers issued to participants in the period (one voucher is one unit of a package)."),
            Unit.VOUCHERS,
            person_and_package,
            vouchers_issued,
            30,
        ),
        (
            "vouchers.value_issued",
            _("Value of the vouchers issued"),
            _("The vouchers issued in the period at the value of one voucher on the day they were issued."),
            Unit.GROSZE,
            person_and_package,
            value_issued,
            31,
        ),
        (
            "vouchers.used",
            _("Vouchers used"),
            _("Vouchers of the bookings settled in the period: the services were delivered and confirmed."),
            Unit.VOUCHERS,
            used,
            vouchers_used,
            32,
        ),
        (
            "vouchers.settled",
            _("Money settled"),
            _("What the vouchers of the bookings settled in the period cover: owed to the providers."),
            Unit.GROSZE,
            used,
            money_settled,
            33,
        ),
        (
            "vouchers.paid",
            _("Money paid to providers"),
            _("Money paid out to the providers in the period, by the bank's statement."),
            Unit.GROSZE,
            (Breakdown.MONTH,),
            money_paid,
            34,
        ),
        (
            "vouchers.expired",
            _("Money of expired vouchers"),
            _("The value of vouchers not used by their use-by date, returned to the budget in the period."),
            Unit.GROSZE,
            (Breakdown.MONTH,),
            money_expired,
            35,
        ),
        (
            "vouchers.clawed_back",
            _("Money clawed back"),
            _("Money of settled services taken back from providers in the period."),
            Unit.GROSZE,
            (Breakdown.MONTH,),
            money_clawed_back,
            36,
        ),
        (
            "vouchers.days_to_payment",
            _("How long payment takes"),
            _(
                "The median number of days from the provider's report that a service was completed to "
                "the payment of its money, of the bookings paid in the period."
            ),
            Unit.DAYS,
            (Breakdown.MONTH,),
            days_to_payment,
            39,
        ),
    ):
        indicator_register(
            Indicator(
                key=key,
                name=name,
                definition=definition,
                unit=unit,
                source=source,
                breakdowns=breakdowns,
                compute=compute,
                order=order,
            )
        )
