"""The vouchers' indicators (:mod:`kierunek.core.indicators`): vouchers issued and used, money
issued, settled, paid, expired and clawed back, and how long payment takes.

Counts of vouchers come from the voucher accounts and the bookings; money that moved comes from the
ledger (the postings of one kind of transaction into one kind of account), which is the record the
operator answers for; ``manage.py reports_reconcile`` checks that the two agree where they meet
(the value of the vouchers issued, the money settled)."""

from __future__ import annotations

from django.db.models import Expression, F, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    figures_of,
    indicator_register,
    medians_of,
    month_of,
    sum_by_group,
    text_of,
)
from kierunek.programmes.indicators import PERSON_BREAKDOWNS, participant_figures

from . import domain
from .models import AccountKind, Booking, Posting, TransactionKind, VoucherAccount
from .payout_models import PaymentDays

# A booking's vouchers are used once it is settled; a later clawback is its own indicator, so the
# bookings settled in a period stay counted there (and the figure matches the ledger's settlements).
USED = domain.SETTLED_STATES


def _issued_rows(period: Period) -> QuerySet[VoucherAccount]:
    return VoucherAccount.objects.filter(issued_at__gte=period.since, issued_at__lt=period.before)


OWN_BREAKDOWNS = (Breakdown.PACKAGE, Breakdown.CATEGORY, Breakdown.PROVIDER)


def _group(breakdown: Breakdown, *, package: str, category: str = "", provider: str = "") -> Expression:
    """The group in one of the vouchers' own breakdowns of a voucher account's or a booking's row
    (the fields of its package, top category and provider: "" for none) for :func:`figures_of`."""
    if breakdown == Breakdown.CATEGORY:
        # The top category: the category's parent, or itself at the top.
        return Coalesce(F(f"{category}__parent__code"), F(f"{category}__code")) if category else Value("")
    field = package if breakdown == Breakdown.PACKAGE else provider
    return text_of(field) if field else Value("")


def _figures(
    key: str,
    rows: QuerySet,
    breakdown: Breakdown | None,
    period: Period,
    *,
    value: Expression | F,
    moment: str,
    **fields: str,
) -> dict[str, Figure]:
    """:func:`figures_of` the rows by ``breakdown``: by :func:`_group` of the rows' ``fields`` in
    the vouchers' own breakdowns, otherwise as every participant's figure is counted
    (:func:`participant_figures`: by place from one count by gmina)."""
    if breakdown in OWN_BREAKDOWNS:
        return figures_of(rows, person="participant_id", group=_group(breakdown, **fields), value=value)
    return participant_figures(key, rows, breakdown, period, moment=moment, value=value)


def vouchers_issued(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _figures(
        "vouchers.issued",
        _issued_rows(period),
        breakdown,
        period,
        value=F("vouchers_issued"),
        moment="issued_at",
        package="package__name",
    )


def value_issued(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _figures(
        "vouchers.value_issued",
        _issued_rows(period),
        breakdown,
        period,
        value=F("vouchers_issued") * F("voucher_unit"),
        moment="issued_at",
        package="package__name",
    )


def _settled(period: Period) -> QuerySet[Booking]:
    return Booking.objects.filter(status__in=USED, settled_at__gte=period.since, settled_at__lt=period.before)


def _settled_figures(period: Period, breakdown: Breakdown | None, value: str) -> dict[str, Figure]:
    return _figures(
        f"vouchers.settled {value}",
        _settled(period),
        breakdown,
        period,
        value=F(value),
        moment="settled_at",
        package="voucher_account__package__name",
        category="card__category",
        provider="provider__nip",
    )


def vouchers_used(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _settled_figures(period, breakdown, "vouchers")


def money_settled(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return _settled_figures(period, breakdown, "amount")


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
    bookings paid in the period (a report after the payment counts as none). When a booking was
    paid is :class:`~kierunek.vouchers.models.PaidBooking`'s: the first batch paid to its provider
    that was built after the booking was settled (batches pay a provider's receivable in full,
    oldest money first); read from the counts of its days kept when a batch is paid
    (:mod:`.payment_days`)."""
    rows = PaymentDays.objects.filter(paid_at__gte=period.since, paid_at__lt=period.before)
    return medians_of(
        rows,
        person="participant_id",
        group=month_of("paid_at") if breakdown == Breakdown.MONTH else None,
        value=F("days"),
        times="bookings",
    )


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
