"""JSON API of the vouchers office, mounted by config/api.py at /api/v1/vouchers-office/ (session or
bearer token). Financial operators: orders waiting, issuing and refusing them, a settlement run,
payment batches (building, approval by a second person, sent, paid, cancelled; the pain.001 and CSV
files) and the reconciliation of the ledger with the batches. Officers: frozen bookings (void or
restore), payout freezes (and lifting them), clawbacks, and approving a batch as the second person.
The same services and selectors as the pages; a refusal is a 4xx JSON body ``{"detail": ...}`` a
person can read.

Each action on a thing is a POST to a noun under it (``/refusal``, ``/approval``, ``/dispatch``,
``/payment``, ``/cancellation``, ``/void``, ``/restoration``); a GET of the same address returns the
thing with the state that action concerns."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status

from kierunek.accounts.models import Role, User
from kierunek.core.api_errors import ValidationErrorOut, validation_error
from kierunek.core.audit import audit_record
from kierunek.core.audit_actions import PARTICIPANT_FILE_READ
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.core.personal_data import participants_list_read
from kierunek.programmes.models import Programme
from kierunek.providers.models import Provider

from . import domain, ledger, pain001, services
from . import office_selectors as selectors
from .api import NOT_FOUND, ErrorOut
from .api import refusal as _refusal
from .models import (
    BatchStatus,
    Booking,
    PaymentBatch,
    PayoutFreeze,
    SettlementRun,
    VoucherAccount,
    VoucherOrder,
)
from .office_forms import KEY_PATTERN

router = Router()

KEY = Field(..., min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")
NO_PROGRAMME = "Nie ma takiego programu. / There is no such programme."
KEY_MISSING = (
    "Podaj klucz idempotencji: od 16 do 100 liter, cyfr, - lub _ (nagłówek Idempotency-Key albo pole "
    "idempotency_key). / Give an idempotency key of 16 to 100 letters, digits, - or _ (the "
    "Idempotency-Key header or the idempotency_key field)."
)
PAST_EXECUTION = "Data wykonania nie może być datą z przeszłości. / The execution date cannot be in the past."
NOTHING_DUE = (
    "Nic nie jest wymagalne: żadna instytucja nie ma należności, którą można teraz wypłacić. / "
    "Nothing is due: no provider has a receivable that can be paid now."
)
NOT_FROZEN = "Wypłaty tej instytucji nie są wstrzymane. / This provider's payouts are not frozen."


class WaitingOrderOut(Schema):
    """An order as the financial operator sees it (the participant's own view is ``OrderOut``)."""

    id: int
    participant: str
    package: str
    vouchers: int
    value: str | None  # złoty at today's voucher unit, "2700.00"
    ordered_at: datetime


class IssueIn(Schema):
    idempotency_key: str = KEY


class IssuedOut(Schema):
    order_id: int
    voucher_account_id: int
    vouchers: int
    value: str
    expires_on: date


class SettlementIn(Schema):
    programme_id: int | None = None
    idempotency_key: str = KEY


class SettlementOut(Schema):
    """A settlement run: while ``status`` is ``running``, the counters are what it has settled so
    far (``providers_done`` of ``providers_total``); when ``done``, its result."""

    id: int
    status: str = Field(description="running or done")
    url: str = Field(description="Where to read the run (GET) while it runs")
    providers_total: int
    providers_done: int
    settled: int
    amount: str
    providers: int = Field(description="Providers with bookings settled")
    skipped: dict[str, int]


class BatchOut(Schema):
    id: int
    reference: str
    status: str
    total: str
    transfers: int
    execution_date: date
    built_at: datetime
    approved_at: datetime | None


class LineOut(Schema):
    provider_id: int
    provider: str
    creditor_name: str
    iban: str
    amount: str
    end_to_end_id: str


class BatchDetailOut(BatchOut):
    programme_id: int
    status_label: str
    built_by: str
    approved_by: str | None
    sent_at: datetime | None
    paid_at: datetime | None
    cancelled_at: datetime | None
    # Why the caller may not approve this draft: "builder" (built it) or "approved_provider"
    # (approved one of its providers); None when they may, or the batch is no draft.
    approval_conflict: str | None
    lines: list[LineOut]


class BatchBuildIn(Schema):
    programme_id: int | None = None
    execution_date: date | None = None  # None: the next day
    idempotency_key: str | None = None  # or the Idempotency-Key header


class RefusalIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class OrderDecisionOut(Schema):
    order_id: int
    status: str  # ordered | issued | refused
    status_label: str
    decided_at: datetime | None
    refusal_reason: str


class CheckOut(Schema):
    label: str
    left: str
    right: str
    difference: str


class BatchReconciliationOut(Schema):
    id: int
    reference: str
    status: str
    total: str
    lines_total: str
    ledger_batched: str
    ledger_paid: str
    ledger_cancelled: str
    difference: str


class ReconciliationOut(Schema):
    programme_id: int
    balanced: bool
    # funded, issued, available, reserved, settled, receivable, in_payment, paid_out, expired,
    # clawed_back, budget_left
    totals: dict[str, str]
    checks: list[CheckOut]
    batches: list[BatchReconciliationOut]
    violations: list[str]


class OfficeBookingOut(Schema):
    booking_id: int
    status: str
    frozen_from: str  # the state it was frozen in; "" when not frozen
    service: str
    provider_id: int
    provider: str
    participant: str
    amount: str
    last_event_at: datetime | None
    last_note: str


class VoidIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class RestoreIn(Schema):
    note: str = Field("", max_length=2000)


class FreezeIn(Schema):
    provider_id: int
    reason: str = Field(..., min_length=1, max_length=2000)


class FreezeOut(Schema):
    provider_id: int
    reason: str
    frozen_at: datetime


class ClawbackIn(Schema):
    booking_id: int
    reason: str = Field(..., min_length=1, max_length=2000)
    idempotency_key: str = KEY


class ClawbackOut(Schema):
    booking_id: int
    status: str
    amount: str


def _user(request: HttpRequest) -> User:
    return getattr(request, "auth", None) or request.user  # type: ignore[return-value]


def _programme(programme_id: int | None) -> Programme | None:
    return selectors.programme_for_office(programme_id=programme_id)


def _batch_summary(batch: PaymentBatch, transfers: int) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "reference": batch.reference,
        "status": batch.status,
        "total": Money(batch.total).api_str(),
        "transfers": transfers,
        "execution_date": batch.execution_date,
        "built_at": batch.built_at,
        "approved_at": batch.approved_at,
    }


def _batch_detail(batch_id: int, user: User) -> dict[str, Any]:
    """Raises ``PaymentBatch.DoesNotExist``."""
    batch = selectors.batch_for_office(batch_id=batch_id)
    lines = list(selectors.batch_lines(batch=batch))
    conflict = (
        selectors.approval_conflict(batch=batch, user_id=user.pk)
        if batch.status == BatchStatus.DRAFT
        else None
    )
    return {
        **_batch_summary(batch, len(lines)),
        "programme_id": batch.programme_id,
        "status_label": str(batch.get_status_display()),
        "built_by": batch.built_by.get_full_name(),
        "approved_by": batch.approved_by.get_full_name() if batch.approved_by else None,
        "sent_at": batch.sent_at,
        "paid_at": batch.paid_at,
        "cancelled_at": batch.cancelled_at,
        "approval_conflict": conflict,
        "lines": [
            {
                "provider_id": line.provider_id,
                "provider": line.provider.legal_name,
                "creditor_name": line.creditor_name,
                "iban": line.iban,
                "amount": Money(line.amount).api_str(),
                "end_to_end_id": line.end_to_end_id,
            }
            for line in lines
        ],
    }


def _office_booking(booking: Booking) -> dict[str, Any]:
    events = list(booking.events.all())
    last = events[-1] if events else None
    return {
        "booking_id": booking.pk,
        "status": booking.status,
        "frozen_from": booking.frozen_from,
        "service": booking.card.title,
        "provider_id": booking.provider_id,
        "provider": booking.provider.legal_name,
        "participant": booking.participant.get_full_name(),
        "amount": Money(booking.amount).api_str(),
        "last_event_at": last.occurred_at if last else None,
        "last_note": last.note if last else "",
    }


def _booking_for_office(booking_id: int) -> Booking | None:
    return (
        Booking.objects.select_related("participant", "provider", "card")
        .prefetch_related("events")
        .filter(pk=booking_id)
        .first()
    )


def _decision(order: VoucherOrder) -> dict[str, Any]:
    return {
        "order_id": order.pk,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "decided_at": order.decided_at,
        "refusal_reason": order.refusal_reason,
    }


Refusals = (ValidationError, PermissionDenied, ObjectDoesNotExist)


@router.get(
    "/orders",
    response={200: list[WaitingOrderOut], 404: ErrorOut},
    url_name="vouchers_office_orders",
    summary="Voucher orders waiting to be issued",
)
def orders(request: HttpRequest, programme_id: int | None = None) -> Any:
    """Financial operators only. Oldest first; ``value`` at today's voucher unit."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    rows = list(selectors.orders_waiting(programme=programme, day=services.today()))
    participants_list_read(
        actor=_user(request),
        request=request,
        participant_ids=[row.order.participant_id for row in rows],
        list_name="vouchers.api_office_orders",
    )
    return [
        {
            "id": row.order.pk,
            "participant": row.order.participant.get_full_name(),
            "package": row.order.package.name,
            "vouchers": row.order.package.vouchers,
            "value": Money(row.value).api_str() if row.value is not None else None,
            "ordered_at": row.order.ordered_at,
        }
        for row in rows
    ]


def _issued_out(order_id: int, account: VoucherAccount) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "voucher_account_id": account.pk,
        "vouchers": account.vouchers_issued,
        "value": Money(account.issued_value).api_str(),
        "expires_on": account.expires_on,
    }


@router.get(
    "/orders/{order_id}/voucher-account",
    response={200: IssuedOut, 404: ErrorOut},
    url_name="vouchers_office_order_voucher_account",
    summary="The voucher account an order was issued into",
)
def order_voucher_account(request: HttpRequest, order_id: int) -> Any:
    """Financial operators only; 404 while the order is not issued."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    account = VoucherAccount.objects.filter(order_id=order_id).first()
    if account is None:
        return Status(404, {"detail": NOT_FOUND})
    return _issued_out(order_id, account)


@router.post(
    "/orders/{order_id}/voucher-account",
    response={201: IssuedOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_order_issue",
    summary="Issue an order (create its voucher account)",
)
def order_issue(request: HttpRequest, order_id: int, payload: IssueIn) -> Any:
    """Financial operators only. Sent again with the same ``idempotency_key``, it returns the same
    voucher account and issues nothing more."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    try:
        account = services.order_issue(
            order_id=order_id,
            actor=_user(request),
            idempotency_key=f"issue:{payload.idempotency_key}",
            request=request,
        )
    except Refusals as error:
        return _refusal(error)
    return Status(201, _issued_out(order_id, account))


@router.get(
    "/orders/{order_id}/refusal",
    response={200: OrderDecisionOut, 404: ErrorOut},
    url_name="vouchers_office_order_refusal",
    summary="An order with its decision and the reason of a refusal",
)
def order_refusal(request: HttpRequest, order_id: int) -> Any:
    """Financial operators only."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    order = VoucherOrder.objects.filter(pk=order_id).first()
    if order is None:
        return Status(404, {"detail": NOT_FOUND})
    return _decision(order)


@router.post(
    "/orders/{order_id}/refusal",
    response={200: OrderDecisionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Refuse an order waiting to be issued, with the reason",
)
def order_refuse(request: HttpRequest, order_id: int, payload: RefusalIn) -> Any:
    """Financial operators only. The participant receives the reason by e-mail; an order already
    issued or refused is 409. No money moves."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    try:
        order = services.order_refuse(
            order_id=order_id, actor=_user(request), reason=payload.reason, request=request
        )
    except Refusals as error:
        return _refusal(error)
    return _decision(order)


class PreviewOut(Schema):
    settleable: int
    amount: str
    completed: int
    skipped: dict[str, int]


@router.get(
    "/settlement-runs",
    response={200: PreviewOut, 404: ErrorOut},
    url_name="vouchers_office_settlement_preview",
    summary="What a settlement run would settle now, and why the rest waits",
)
def settlement_preview(request: HttpRequest, programme_id: int | None = None) -> Any:
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    preview = selectors.settlement_preview(programme=programme, day=services.today())
    return {
        "settleable": preview.settleable,
        "amount": Money(preview.settleable_amount).api_str(),
        "completed": preview.completed,
        "skipped": preview.skipped,
    }


def _settlement_run_out(run: SettlementRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "status": run.status,
        "url": reverse("api:vouchers_office_settlement_run_read", args=[run.pk]),
        "providers_total": run.providers_total,
        "providers_done": run.providers_done,
        "settled": run.settled,
        "amount": Money(run.amount).api_str(),
        "providers": run.providers,
        "skipped": run.skipped,
    }


@router.post(
    "/settlement-runs",
    response={200: SettlementOut, 202: SettlementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_settlement_run",
    summary="Settle every booking that may be settled now",
)
def settlement_run(request: HttpRequest, payload: SettlementIn) -> Any:
    """Financial operators only. The run settles in the background, provider by provider: 202
    with the run while it runs (read it again at ``url``), 200 with its result when it has
    finished. Sent again with the same ``idempotency_key``, it answers with the same run and
    settles nothing twice (a run whose worker stopped is finished by this retry). ``skipped``
    counts the completed bookings left waiting, by reason (``not_confirmed``, ``not_evaluated``,
    ``provider_frozen``, ``provider_on_hold``)."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(payload.programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    try:
        run = services.settlement_run_begin(
            programme_id=programme.pk,
            actor=_user(request),
            idempotency_key=f"settle:{payload.idempotency_key}",
            request=request,
        )
    except Refusals as error:
        return _refusal(error)
    run.refresh_from_db()  # a worker may have finished it already
    return Status(200 if run.finished else 202, _settlement_run_out(run))


@router.get(
    "/settlement-runs/{run_id}",
    response={200: SettlementOut, 404: ErrorOut},
    url_name="vouchers_office_settlement_run_read",
    summary="A settlement run: its progress while it runs, its result when done",
)
def settlement_run_read(request: HttpRequest, run_id: int) -> Any:
    """Financial operators only."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    run = SettlementRun.objects.filter(pk=run_id).first()
    if run is None:
        return Status(404, {"detail": NOT_FOUND})
    return _settlement_run_out(run)


@router.get(
    "/batches",
    response={200: list[BatchOut], 404: ErrorOut},
    url_name="vouchers_office_batches",
    summary="Payment batches, newest first",
)
def batches(request: HttpRequest, programme_id: int | None = None) -> Any:
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    return [
        _batch_summary(batch, batch.line_count)  # type: ignore[attr-defined]
        for batch in selectors.batches(programme=programme)
    ]


@router.post(
    "/batches",
    response={
        200: BatchDetailOut,
        201: BatchDetailOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
    url_name="vouchers_office_batch_build",
    summary="Build a payment batch of every receivable that can be paid now",
)
def batch_build(request: HttpRequest, payload: BatchBuildIn) -> Any:
    """Financial operators only. Every provider's positive receivable (not frozen, not on hold,
    with an approved bank account) moves into the batch. Send an ``Idempotency-Key`` header (or
    the ``idempotency_key`` field; 16 to 100 letters, digits, ``-`` or ``_``): sent again with the
    same key, it returns the same batch with 200 (201 when built) and moves nothing twice. 409 when
    nothing is due; a second person approves the batch."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    key = (request.headers.get("Idempotency-Key") or payload.idempotency_key or "").strip()
    if not re.fullmatch(KEY_PATTERN, key):
        raise validation_error(("body", "idempotency_key"), KEY_MISSING, kind="idempotency_key")
    if payload.execution_date is not None and payload.execution_date < services.today():
        raise validation_error(("body", "execution_date"), PAST_EXECUTION, kind="past_date")
    programme = _programme(payload.programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    ledger_key = f"batch:{key}"
    # A retry finds the batch its key already built. Two first tries racing both answer 201 with
    # the one batch the programme's lock let through: nothing is built twice either way.
    retried = ledger.existing(ledger_key) is not None
    try:
        batch = services.batch_build(
            programme_id=programme.pk,
            actor=_user(request),
            idempotency_key=ledger_key,
            execution_date=payload.execution_date,
            request=request,
        )
    except Refusals as error:
        return _refusal(error)
    if batch is None:
        return Status(409, {"detail": NOTHING_DUE})
    return Status(200 if retried else 201, _batch_detail(batch.pk, _user(request)))


BATCH_READ = {200: BatchDetailOut, 404: ErrorOut}
BATCH_WRITE = {200: BatchDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _batch_read(request: HttpRequest, batch_id: int, *roles: str) -> Any:
    api_require_roles(request, *roles)
    try:
        return _batch_detail(batch_id, _user(request))
    except PaymentBatch.DoesNotExist:
        return Status(404, {"detail": NOT_FOUND})


def _batch_action(request: HttpRequest, batch_id: int, action: Callable[..., object], *roles: str) -> Any:
    api_require_roles(request, *roles)
    try:
        action(batch_id=batch_id, actor=_user(request), request=request)
    except Refusals as error:
        return _refusal(error)
    return _batch_detail(batch_id, _user(request))


@router.get(
    "/batches/{batch_id}",
    response=BATCH_READ,
    url_name="vouchers_office_batch",
    summary="A payment batch with its transfers",
)
def batch(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only. ``approval_conflict`` says why the caller may not approve it."""
    return _batch_read(request, batch_id, Role.FINANCIAL_OPERATOR)


@router.get(
    "/batches/{batch_id}/approval",
    response=BATCH_READ,
    url_name="vouchers_office_batch_approval",
    summary="A payment batch, with who approved it or why the caller may not",
)
def batch_approval(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators and officers."""
    return _batch_read(request, batch_id, Role.FINANCIAL_OPERATOR, Role.OFFICER)


@router.post(
    "/batches/{batch_id}/approval",
    response=BATCH_WRITE,
    summary="Approve a built batch as the second person",
)
def batch_approve(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators and officers, but not the person who built the batch nor one who
    approved any of its providers (403 with the reason). Only a draft is approved (409)."""
    return _batch_action(request, batch_id, services.batch_approve, Role.FINANCIAL_OPERATOR, Role.OFFICER)


@router.get(
    "/batches/{batch_id}/dispatch",
    response=BATCH_READ,
    url_name="vouchers_office_batch_dispatch",
    summary="A payment batch, with when it was sent to the bank",
)
def batch_dispatch(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only."""
    return _batch_read(request, batch_id, Role.FINANCIAL_OPERATOR)


@router.post(
    "/batches/{batch_id}/dispatch",
    response=BATCH_WRITE,
    summary="Mark an approved batch as sent to the bank",
)
def batch_mark_sent(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only. Marking a sent batch again changes nothing; a batch not approved,
    or with a provider frozen since it was built, is 409."""
    return _batch_action(request, batch_id, services.batch_mark_sent, Role.FINANCIAL_OPERATOR)


@router.get(
    "/batches/{batch_id}/payment",
    response=BATCH_READ,
    url_name="vouchers_office_batch_payment",
    summary="A payment batch, with when the bank paid it",
)
def batch_payment(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only."""
    return _batch_read(request, batch_id, Role.FINANCIAL_OPERATOR)


@router.post(
    "/batches/{batch_id}/payment",
    response=BATCH_WRITE,
    summary="Mark a sent batch as paid (the bank confirmed the transfers)",
)
def batch_mark_paid(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only. The total moves from "in payment" to "paid out" once: marking a
    paid batch again changes nothing; a batch not sent is 409."""
    return _batch_action(request, batch_id, services.batch_mark_paid, Role.FINANCIAL_OPERATOR)


@router.get(
    "/batches/{batch_id}/cancellation",
    response=BATCH_READ,
    url_name="vouchers_office_batch_cancellation",
    summary="A payment batch, with when it was cancelled",
)
def batch_cancellation(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only."""
    return _batch_read(request, batch_id, Role.FINANCIAL_OPERATOR)


@router.post(
    "/batches/{batch_id}/cancellation",
    response=BATCH_WRITE,
    summary="Cancel a batch not yet sent: the amounts are owed to the providers again",
)
def batch_cancel(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only. A batch sent to the bank (or paid, or cancelled) is 409."""
    return _batch_action(request, batch_id, services.batch_cancel, Role.FINANCIAL_OPERATOR)


@router.get(
    "/batches/{batch_id}/file",
    response={200: None, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_batch_file",
    summary="The pain.001.001.09 bank file of an approved batch",
)
def batch_file(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only; ``application/xml``, streamed. Refused (409) until a second person
    has approved the batch."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    batch = PaymentBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return Status(404, {"detail": NOT_FOUND})
    try:
        services.batch_file_check(batch=batch)
    except ValidationError as error:
        return _refusal(error)
    chunks = pain001.pain001_chunks(batch)
    first = next(chunks)
    audit_record(action="vouchers.batch_file_downloaded", actor=_user(request), obj=batch, request=request)

    def stream() -> Any:
        yield first
        yield from chunks

    response = StreamingHttpResponse(stream(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pain001.pain001_filename(batch)}"'
    return response


@router.get(
    "/batches/{batch_id}/csv",
    response={200: None, 404: ErrorOut},
    url_name="vouchers_office_batch_csv",
    summary="The transfers of a batch as CSV",
)
def batch_csv(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only; ``text/csv`` (UTF-8 with a byte order mark, ``;`` between cells,
    amounts with a decimal comma), streamed: one row per transfer, then the total."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    try:
        batch = selectors.batch_for_office(batch_id=batch_id)
    except PaymentBatch.DoesNotExist:
        return Status(404, {"detail": NOT_FOUND})
    chunks = pain001.csv_chunks(batch)
    first = next(chunks)
    audit_record(action="vouchers.batch_csv_downloaded", actor=_user(request), obj=batch, request=request)

    def stream() -> Any:
        yield first
        yield from chunks

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pain001.csv_filename(batch)}"'
    return response


@router.get(
    "/reconciliation",
    response={200: ReconciliationOut, 404: ErrorOut},
    url_name="vouchers_office_reconciliation",
    summary="The reconciliation of the ledger with the payment batches",
)
def reconciliation(request: HttpRequest, programme_id: int | None = None) -> Any:
    """Financial operators only. ``totals`` from the ledger, ``checks`` comparing independent
    sources (each with its ``difference``), each batch against its lines and its postings, and the
    ledger's invariants broken (``violations``); ``balanced`` when every difference is 0 and no
    invariant is broken."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    result = selectors.reconciliation(programme=programme)
    return {
        "programme_id": programme.pk,
        "balanced": result.balanced,
        "totals": {key: Money(value).api_str() for key, value in result.totals.items()},
        "checks": [
            {
                "label": gettext(check.label),
                "left": Money(check.left).api_str(),
                "right": Money(check.right).api_str(),
                "difference": Money(check.difference).api_str(),
            }
            for check in result.checks
        ],
        "batches": [
            {
                "id": row.batch.pk,
                "reference": row.batch.reference,
                "status": row.batch.status,
                "total": Money(row.batch.total).api_str(),
                "lines_total": Money(row.lines_total).api_str(),
                "ledger_batched": Money(row.ledger_batched).api_str(),
                "ledger_paid": Money(row.ledger_paid).api_str(),
                "ledger_cancelled": Money(row.ledger_cancelled).api_str(),
                "difference": Money(row.difference).api_str(),
            }
            for row in result.batches
        ],
        "violations": result.violations,
    }


@router.get(
    "/frozen-bookings",
    response=list[OfficeBookingOut],
    url_name="vouchers_office_frozen_bookings",
    summary="Frozen bookings waiting for an officer, oldest first",
)
def frozen_bookings(request: HttpRequest) -> Any:
    """Officers only. Frozen because the participant reported it was not made by them or disputed
    the provider's report (``last_note``); void or restore each."""
    api_require_roles(request, Role.OFFICER)
    found = list(selectors.frozen_bookings())
    participants_list_read(
        actor=_user(request),
        request=request,
        participant_ids=[booking.participant_id for booking in found],
        list_name="vouchers.api_frozen_bookings",
    )
    return [_office_booking(booking) for booking in found]


def _officer_booking_read(request: HttpRequest, booking_id: int) -> Any:
    """One booking with the participant's name: a staff read of their file."""
    api_require_roles(request, Role.OFFICER)
    booking = _booking_for_office(booking_id)
    if booking is None:
        return Status(404, {"detail": NOT_FOUND})
    audit_record(
        action=PARTICIPANT_FILE_READ,
        actor=_user(request),
        obj=booking,
        request=request,
        details={"participant": booking.participant_id, "what": "booking"},
    )
    return _office_booking(booking)


def _officer_booking_action(request: HttpRequest, booking_id: int, action: Callable[[], object]) -> Any:
    api_require_roles(request, Role.OFFICER)
    try:
        action()
    except Refusals as error:
        return _refusal(error)
    return _office_booking(_booking_for_office(booking_id))  # type: ignore[arg-type]


OFFICE_BOOKING_READ = {200: OfficeBookingOut, 404: ErrorOut}
OFFICE_BOOKING_WRITE = {200: OfficeBookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.get(
    "/bookings/{booking_id}/void",
    response=OFFICE_BOOKING_READ,
    url_name="vouchers_office_booking_void",
    summary="A booking, with its state and the last event of its history",
)
def booking_void_get(request: HttpRequest, booking_id: int) -> Any:
    """Officers only."""
    return _officer_booking_read(request, booking_id)


@router.post(
    "/bookings/{booking_id}/void",
    response=OFFICE_BOOKING_WRITE,
    summary="Void a frozen booking: the vouchers return to the participant",
)
def booking_void(request: HttpRequest, booking_id: int, payload: VoidIn) -> Any:
    """Officers only, with the reason. A booking that is not frozen is 409."""
    return _officer_booking_action(
        request,
        booking_id,
        lambda: services.booking_void(
            booking_id=booking_id, officer=_user(request), reason=payload.reason, request=request
        ),
    )


@router.get(
    "/bookings/{booking_id}/restoration",
    response=OFFICE_BOOKING_READ,
    url_name="vouchers_office_booking_restoration",
    summary="A booking, with the state it was frozen in",
)
def booking_restoration(request: HttpRequest, booking_id: int) -> Any:
    """Officers only."""
    return _officer_booking_read(request, booking_id)


@router.post(
    "/bookings/{booking_id}/restoration",
    response=OFFICE_BOOKING_WRITE,
    summary="Restore a frozen booking found genuine: it continues from where it was frozen",
)
def booking_restore(request: HttpRequest, booking_id: int, payload: RestoreIn) -> Any:
    """Officers only, with an optional note. A booking that is not frozen is 409."""
    return _officer_booking_action(
        request,
        booking_id,
        lambda: services.booking_restore(
            booking_id=booking_id, officer=_user(request), note=payload.note, request=request
        ),
    )


@router.get(
    "/freezes",
    response=list[FreezeOut],
    url_name="vouchers_office_freezes",
    summary="Payout freezes in force",
)
def freezes(request: HttpRequest) -> Any:
    api_require_roles(request, Role.OFFICER)
    return [
        {"provider_id": f.provider_id, "reason": f.reason, "frozen_at": f.frozen_at}
        for f in PayoutFreeze.objects.filter(lifted_at__isnull=True).order_by("-frozen_at")
    ]


@router.post(
    "/freezes",
    response={201: FreezeOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_freeze",
    summary="Freeze a provider's payouts",
)
def freeze(request: HttpRequest, payload: FreezeIn) -> Any:
    """Officers only. Freezing a provider already frozen returns the freeze in force."""
    api_require_roles(request, Role.OFFICER)
    try:
        made = services.payout_freeze(
            provider_id=payload.provider_id, officer=_user(request), reason=payload.reason, request=request
        )
    except Refusals as error:
        return _refusal(error)
    return Status(201, {"provider_id": made.provider_id, "reason": made.reason, "frozen_at": made.frozen_at})


@router.get(
    "/freezes/{provider_id}",
    response={200: FreezeOut, 404: ErrorOut},
    url_name="vouchers_office_provider_freeze",
    summary="The payout freeze in force for a provider",
)
def provider_freeze(request: HttpRequest, provider_id: int) -> Any:
    """Officers only; 404 when the provider's payouts are not frozen."""
    api_require_roles(request, Role.OFFICER)
    active = PayoutFreeze.objects.filter(provider_id=provider_id, lifted_at__isnull=True).first()
    if active is None:
        return Status(404, {"detail": NOT_FROZEN})
    return {"provider_id": active.provider_id, "reason": active.reason, "frozen_at": active.frozen_at}


@router.delete(
    "/freezes/{provider_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_unfreeze",
    summary="Lift a provider's payout freeze",
)
def unfreeze(request: HttpRequest, provider_id: int) -> Any:
    """Officers only. The provider's receivables may be settled and paid again; lifting a freeze
    that is not in force changes nothing (204 again). An unknown provider is 404."""
    api_require_roles(request, Role.OFFICER)
    if not Provider.objects.filter(pk=provider_id).exists():
        return Status(404, {"detail": NOT_FOUND})
    try:
        services.payout_unfreeze(provider_id=provider_id, officer=_user(request), request=request)
    except Refusals as error:
        return _refusal(error)
    return Status(204, None)


@router.get(
    "/clawbacks",
    response=list[ClawbackOut],
    url_name="vouchers_office_clawbacks",
    summary="Clawed-back bookings, latest first (at most 100)",
)
def clawbacks(request: HttpRequest) -> Any:
    api_require_roles(request, Role.OFFICER)
    bookings = Booking.objects.filter(status=domain.CLAWED_BACK).order_by("-updated_at", "-pk")[:100]
    return [{"booking_id": b.pk, "status": b.status, "amount": Money(b.amount).api_str()} for b in bookings]


@router.post(
    "/clawbacks",
    response={200: ClawbackOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_clawback",
    summary="Claw back a settled booking",
)
def clawback(request: HttpRequest, payload: ClawbackIn) -> Any:
    """Officers only. The amount leaves the provider's receivable and returns to the budget; sent
    again with the same ``idempotency_key``, nothing moves twice."""
    api_require_roles(request, Role.OFFICER)
    try:
        booking = services.booking_clawback(
            booking_id=payload.booking_id,
            officer=_user(request),
            reason=payload.reason,
            idempotency_key=f"clawback:{payload.idempotency_key}",
            request=request,
        )
    except Refusals as error:
        return _refusal(error)
    return {"booking_id": booking.pk, "status": booking.status, "amount": Money(booking.amount).api_str()}
