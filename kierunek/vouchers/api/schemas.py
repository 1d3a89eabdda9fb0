"""The schemas of the vouchers API for participants and provider staff, and how a booking,
an order, a rating and a payment are written out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import StringConstraints

from kierunek.core.money import Money

from ..models import Booking, PaymentLine, VoucherOrder
from ..selectors import bookings as selectors

NO_PROVIDER = "Najpierw zarejestruj instytucję. / Register your institution first."


class AccountOut(Schema):
    id: int
    package: str
    package_kind: str
    vouchers_issued: int
    voucher_unit: str  # złoty, "15.00"
    available_vouchers: int
    available: str
    reserved_vouchers: int
    reserved: str
    issued_at: datetime
    expires_on: date
    expired: bool


class WalletOut(Schema):
    accounts: list[AccountOut]


class AttendanceOut(Schema):
    session_id: int
    date: date
    present: bool | None  # None: not recorded yet


class BookingOut(Schema):
    id: int
    service_id: int
    service: str
    provider: str
    status: str
    status_label: str
    voucher_account_id: int
    vouchers: int
    amount: str
    top_up: str
    rule_decision: str
    booked_on: date
    answer_by: date
    cancel_until: date
    report_by: date
    result_note: str
    certificate_number: str
    reported_at: datetime | None
    confirmed_at: datetime | None
    evaluated: bool
    # The participant's deadlines (the confirmation rule; none before completion is reported) and
    # what followed them ("" while open): not_rated, deemed_confirmed, officer_confirmed...
    confirm_by: date | None = None
    rate_by: date | None = None
    confirmation_outcome: str = ""
    attendance: list[AttendanceOut]


class ProviderBookingOut(BookingOut):
    participant: str


class BookingIn(Schema):
    service_id: int
    voucher_account_id: int
    idempotency_key: str | None = None


class RejectIn(Schema):
    reason: str


class SessionPresence(Schema):
    session_id: int
    present: bool


class AttendanceIn(Schema):
    sessions: list[SessionPresence]


class ReportIn(Schema):
    result: str  # completed | not_completed | no_show
    certificate_number: str = ""
    note: str = ""


Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class PackageOut(Schema):
    id: int
    name: str
    kind: str
    vouchers: int
    value: str  # złoty at today's voucher unit, "2700.00"
    allowed: bool  # the signed development plan includes it
    ordered: bool  # an order of it is waiting or issued
    window_open: bool
    can_order: bool
    contribution: str | None = None  # the own contribution ordering it today asks ("0.00": none)
    contribution_due_on: date | None = None


class OrderIn(Schema):
    package_id: int


class OrderOut(Schema):
    id: int
    package_id: int
    package: str
    package_kind: str
    vouchers: int
    status: str  # ordered | issued | refused
    status_label: str
    ordered_at: datetime
    decided_at: datetime | None
    refusal_reason: str


class DisputeIn(Schema):
    note: Note  # what is not true in the provider's report


class SettledBookingOut(Schema):
    id: int
    service_id: int
    service: str
    status: str  # settled | clawed_back
    status_label: str
    amount: str
    settled_at: datetime | None


class PaymentOut(Schema):
    batch_reference: str
    batch_status: str
    batch_status_label: str
    execution_date: date
    iban: str
    amount: str


class SettlementsOut(Schema):
    bookings: list[SettledBookingOut]
    payments: list[PaymentOut]


def order_out(order: VoucherOrder) -> dict[str, Any]:
    return {
        "id": order.pk,
        "package_id": order.package_id,
        "package": order.package.name,
        "package_kind": order.package.kind,
        "vouchers": order.package.vouchers,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "ordered_at": order.ordered_at,
        "decided_at": order.decided_at,
        "refusal_reason": order.refusal_reason,
    }


def payment_out(line: PaymentLine) -> dict[str, Any]:
    return {
        "batch_reference": line.batch.reference,
        "batch_status": line.batch.status,
        "batch_status_label": str(line.batch.get_status_display()),
        "execution_date": line.batch.execution_date,
        "iban": line.iban,
        "amount": Money(line.amount).api_str(),
    }


def account_out(view: selectors.AccountView) -> dict[str, Any]:
    account = view.account
    return {
        "id": account.pk,
        "package": account.package.name,
        "package_kind": account.package.kind,
        "vouchers_issued": account.vouchers_issued,
        "voucher_unit": Money(account.voucher_unit).api_str(),
        "available_vouchers": view.available_vouchers,
        "available": Money(view.available).api_str(),
        "reserved_vouchers": view.reserved_vouchers,
        "reserved": Money(view.reserved).api_str(),
        "issued_at": account.issued_at,
        "expires_on": account.expires_on,
        "expired": account.expired_at is not None,
    }


def booking_out(booking: Booking, *, with_participant: bool = False) -> dict[str, Any]:
    recorded = {row.session_id: row.present for row in booking.attendance.all()}
    data = {
        "id": booking.pk,
        "service_id": booking.card_id,
        "service": booking.card.title,
        "provider": booking.provider.legal_name,
        "status": booking.status,
        "status_label": str(booking.get_status_display()),
        "voucher_account_id": booking.voucher_account_id,
        "vouchers": booking.vouchers,
        "amount": Money(booking.amount).api_str(),
        "top_up": Money(booking.top_up).api_str(),
        "rule_decision": booking.rule_version.decision_ref,
        "booked_on": booking.booked_on,
        "answer_by": booking.answer_by,
        "cancel_until": booking.cancel_until,
        "report_by": booking.report_by,
        "result_note": booking.result_note,
        "certificate_number": booking.certificate_number,
        "reported_at": booking.reported_at,
        "confirmed_at": booking.confirmed_at,
        "confirm_by": booking.confirm_by,
        "rate_by": booking.rate_by,
        "confirmation_outcome": booking.confirmation_outcome,
        "evaluated": booking.evaluated_at is not None,
        "attendance": [
            {"session_id": s.pk, "date": s.date, "present": recorded.get(s.pk)}
            for s in booking.card.sessions.all()
        ],
    }
    if with_participant:
        data["participant"] = booking.participant.get_full_name()
    return data
