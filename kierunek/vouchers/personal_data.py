"""Vouchers' part of a person's data export: voucher orders, voucher accounts with every ledger
posting on them (amounts in grosze, as the ledger keeps them), bookings with their history, the
attendance recorded for each session and the person's confirmations. Left out: idempotency keys
and the "not me" token's hash (they authenticate or de-duplicate; they say nothing about the
person), and staff who acted, beyond their role."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import actor_of, field_values, json_value, roles_of

from .models import (
    Booking,
    BookingStatus,
    Contribution,
    ContributionStatus,
    ExemptReason,
    Posting,
    VoucherAccount,
    VoucherOrder,
)


def voucher_orders_of(*, user: User) -> list[dict[str, Any]]:
    orders = list(
        VoucherOrder.objects.filter(participant=user)
        .select_related("programme", "package")
        .order_by("ordered_at", "pk")
    )
    roles = roles_of(o.decided_by_id for o in orders)
    return [
        {
            **field_values(o, "programme", "package", "status", "ordered_at", "decided_at", "refusal_reason"),
            "decided_by": None
            if o.decided_by_id is None
            else actor_of(o.decided_by_id, user=user, roles=roles),
        }
        for o in orders
    ]


def contributions_of(*, user: User) -> list[dict[str, Any]]:
    """The own contribution of each order: what was due, by when and where, and what the bank
    booked (amounts in grosze)."""
    contributions = list(
        Contribution.objects.filter(participant=user)
        .select_related("programme", "order__package", "rule_version")
        .order_by("created_at", "pk")
    )
    roles = roles_of(c.recorded_by_id for c in contributions)
    return [
        {
            **field_values(
                c,
                "programme",
                "status",
                "amount",
                "package_value",
                "share_bp",
                "exempt_reason",
                "due_on",
                "transfer_title",
                "account_iban",
                "account_holder",
                "created_at",
                "paid_amount",
                "paid_on",
                "bank_reference",
                "refunded_at",
            ),
            "package": c.order.package.name,
            "rule": c.rule_version.decision_ref if c.rule_version else None,
            "recorded_by": None
            if c.recorded_by_id is None
            else actor_of(c.recorded_by_id, user=user, roles=roles),
        }
        for c in contributions
    ]


def voucher_accounts_of(*, user: User) -> list[dict[str, Any]]:
    accounts = list(
        VoucherAccount.objects.filter(participant=user)
        .select_related("programme", "package")
        .order_by("issued_at", "pk")
    )
    ledger_ids = {a.account_id: "vouchers" for a in accounts} | {a.reserved_id: "reserved" for a in accounts}
    postings = list(
        Posting.objects.filter(account_id__in=ledger_ids)
        .select_related("transaction", "booking__card")
        .order_by("transaction__created_at", "pk")
    )
    roles = roles_of(p.transaction.actor_id for p in postings)
    rows = []
    for account in accounts:
        mine = {account.account_id, account.reserved_id}
        rows.append(
            {
                **field_values(
                    account,
                    "programme",
                    "package",
                    "vouchers_issued",
                    "voucher_unit",
                    "issued_at",
                    "expires_on",
                    "expired_at",
                ),
                "postings": [
                    {
                        "at": json_value(p.transaction.created_at),
                        "kind": p.transaction.kind,
                        "ledger": ledger_ids[p.account_id],
                        "amount": p.amount,
                        "service": p.booking.card.title if p.booking is not None else None,
                        "memo": p.transaction.memo,
                        "by": actor_of(p.transaction.actor_id, user=user, roles=roles),
                    }
                    for p in postings
                    if p.account_id in mine
                ],
            }
        )
    return rows


def bookings_of(*, user: User) -> list[dict[str, Any]]:
    bookings = list(
        Booking.objects.filter(Q(participant=user) | Q(voucher_account__participant=user))
        .select_related("card", "provider")
        .prefetch_related("events", "attendance__session")
        .order_by("created_at", "pk")
    )
    roles = roles_of(
        [e.actor_id for b in bookings for e in b.events.all()]
        + [a.recorded_by_id for b in bookings for a in b.attendance.all()]
    )
    return [
        {
            "service": b.card.title,
            "provider": b.provider.legal_name,
            **field_values(
                b,
                "status",
                "vouchers",
                "voucher_unit",
                "amount",
                "top_up",
                "booked_on",
                "answer_by",
                "cancel_until",
                "report_by",
                "result_note",
                "certificate_number",
                "reported_at",
                "confirmed_at",
                "evaluated_at",
                "confirm_by",
                "rate_by",
                "confirmation_outcome",
                "confirmation_closed_at",
                "settled_at",
                "created_at",
            ),
            "history": [
                {
                    "at": json_value(e.occurred_at),
                    "from": e.status_from,
                    "to": e.status_to,
                    "by": actor_of(e.actor_id, user=user, roles=roles),
                    "reason": e.note,
                }
                for e in sorted(b.events.all(), key=lambda e: (e.occurred_at, e.pk))
            ],
            "attendance": [
                {
                    "session": json_value(a.session.date),
                    "start_time": json_value(a.session.start_time),
                    "present": a.present,
                    "recorded_at": json_value(a.recorded_at),
                    "recorded_by": actor_of(a.recorded_by_id, user=user, roles=roles),
                }
                for a in sorted(
                    b.attendance.all(), key=lambda a: (a.session.date, a.session.start_time, a.pk)
                )
            ],
        }
        for b in bookings
    ]


def voucher_rows(*, user: User) -> list[Model]:
    rows: list[Model] = list(VoucherOrder.objects.filter(participant=user))
    rows += Contribution.objects.filter(participant=user)
    rows += VoucherAccount.objects.filter(participant=user)
    rows += Booking.objects.filter(participant=user)
    return rows


def personal_data_register() -> None:
    """Called from ``VouchersConfig.ready()``."""
    statuses = dict(BookingStatus.choices)
    personal_data.register(
        "voucher_orders",
        title=_("Voucher orders"),
        collect=voucher_orders_of,
        models=["vouchers.VoucherOrder"],
        labels={"programme": _("Programme"), "package": _("Package"), "decided_by": _("Decided by")},
        order=50,
    )
    personal_data.register(
        "own_contributions",
        title=_("Own contributions"),
        collect=contributions_of,
        models=["vouchers.Contribution"],
        labels={
            "programme": _("Programme"),
            "package": _("Package"),
            "rule": _("Rule applied"),
            "recorded_by": _("Recorded by"),
        },
        choices={"status": dict(ContributionStatus.choices), "exempt_reason": dict(ExemptReason.choices)},
        order=52,
    )
    personal_data.register(
        "voucher_accounts",
        title=_("Voucher accounts"),
        collect=voucher_accounts_of,
        models=["vouchers.VoucherAccount", "vouchers.LedgerTransaction", "vouchers.Posting"],
        labels={
            "programme": _("Programme"),
            "package": _("Package"),
            "postings": _("Movements on the account"),
            "ledger": _("Part of the account"),
            "service": _("Service"),
        },
        choices={"ledger": {"vouchers": _("vouchers available"), "reserved": _("vouchers reserved")}},
        order=55,
    )
    personal_data.register(
        "bookings",
        title=_("Bookings and attendance"),
        collect=bookings_of,
        models=["vouchers.Booking", "vouchers.BookingEvent", "vouchers.Attendance"],
        labels={
            "service": _("Service"),
            "provider": _("Training provider"),
            "created_at": _("Booked"),
            "attendance": _("Attendance"),
            "session": _("Session"),
            "start_time": _("Starts at"),
            "recorded_at": _("Recorded"),
            "recorded_by": _("Recorded by"),
        },
        choices={"from": statuses, "to": statuses},
        order=60,
    )
    personal_data.register_owned_rows(voucher_rows)
    for model, reason in {
        "vouchers.PayoutFreeze": "An officer's stop on a provider's payouts: it names the officers who "
        "froze and lifted it, never a participant.",
        "vouchers.PaymentBatch": "A payment file to providers, built and approved by financial staff; "
        "a participant's money appears in the export as the postings on their voucher account.",
        "vouchers.BankStatement": "The bank's statement of the operator's account, uploaded by financial "
        "staff; a participant's payment on it is exported with what it paid (the own contribution).",
        "vouchers.StatementEntry": "An entry of the operator's bank statement, matched or decided by "
        "financial staff; a participant's payment on it is exported with what it paid.",
        "vouchers.SettlementRun": "A financial operator's run settling providers' bookings; each booking "
        "settled is exported with the booking (settled at) and its postings.",
        "vouchers.PaidBooking": "A view of the database over the person's bookings, which are exported, "
        "and the payment batches that paid their providers.",
        "vouchers.PaymentDays": "Counts of the person's paid bookings by the days their payment took, "
        "kept for the time to payment; the bookings themselves are exported.",
    }.items():
        personal_data.exclude(model, reason=reason)
