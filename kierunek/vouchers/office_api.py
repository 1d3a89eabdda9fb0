"""JSON API of the vouchers office, mounted by config/api.py at /api/v1/vouchers-office/ (session or
bearer token). Financial operators: orders waiting and issuing, a settlement run, payment batches
and their pain.001 file. Officers: payout freezes and clawbacks. The same services as the pages;
a refusal is a 4xx JSON body ``{"detail": ...}`` a person can read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Router, Schema, Status

from kierunek.accounts.models import Role, User
from kierunek.core.audit import audit_record
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.programmes.models import Programme

from . import domain, pain001, services
from . import office_selectors as selectors
from .models import Booking, PaymentBatch, PayoutFreeze, VoucherAccount

router = Router()

KEY = Field(..., min_length=16, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")
NOT_FOUND = "Nie znaleziono. / Not found."
NO_PROGRAMME = "Nie ma takiego programu. / There is no such programme."


class ErrorOut(Schema):
    detail: str


class OrderOut(Schema):
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
    settled: int
    amount: str
    providers: int
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


def _refusal(error: Exception) -> Status[dict[str, str]]:
    if isinstance(error, PermissionDenied):
        return Status(403, {"detail": str(error) or "Brak uprawnień. / Not allowed."})
    if isinstance(error, ObjectDoesNotExist):
        return Status(404, {"detail": NOT_FOUND})
    assert isinstance(error, ValidationError)
    return Status(409, {"detail": " ".join(str(m) for m in error.messages)})


def _programme(programme_id: int | None) -> Programme | None:
    return selectors.programme_for_office(programme_id=programme_id)


Refusals = (ValidationError, PermissionDenied, ObjectDoesNotExist)


@router.get(
    "/orders",
    response={200: list[OrderOut], 404: ErrorOut},
    url_name="vouchers_office_orders",
    summary="Voucher orders waiting to be issued",
)
def orders(request: HttpRequest, programme_id: int | None = None) -> Any:
    """Financial operators only. Oldest first; ``value`` at today's voucher unit."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    return [
        {
            "id": row.order.pk,
            "participant": row.order.participant.get_full_name(),
            "package": row.order.package.name,
            "vouchers": row.order.package.vouchers,
            "value": Money(row.value).api_str() if row.value is not None else None,
            "ordered_at": row.order.ordered_at,
        }
        for row in selectors.orders_waiting(programme=programme, day=services.today())
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


@router.post(
    "/settlement-runs",
    response={200: SettlementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_settlement_run",
    summary="Settle every booking that may be settled now",
)
def settlement_run(request: HttpRequest, payload: SettlementIn) -> Any:
    """Financial operators only. ``skipped`` counts the completed bookings left waiting, by reason
    (``not_confirmed``, ``not_evaluated``, ``provider_frozen``, ``provider_on_hold``)."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = _programme(payload.programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    try:
        result = services.settlement_run(
            programme_id=programme.pk,
            actor=_user(request),
            idempotency_key=f"settle:{payload.idempotency_key}",
            request=request,
        )
    except Refusals as error:
        return _refusal(error)
    return {
        "settled": result.settled,
        "amount": Money(result.amount).api_str(),
        "providers": result.providers,
        "skipped": result.skipped,
    }


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
        {
            "id": batch.pk,
            "reference": batch.reference,
            "status": batch.status,
            "total": Money(batch.total).api_str(),
            "transfers": batch.line_count,  # type: ignore[attr-defined]
            "execution_date": batch.execution_date,
            "built_at": batch.built_at,
            "approved_at": batch.approved_at,
        }
        for batch in selectors.batches(programme=programme)
    ]


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
    audit_record(action="vouchers.batch_file", actor=_user(request), obj=batch, request=request)

    def stream() -> Any:
        yield first
        yield from chunks

    response = StreamingHttpResponse(stream(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{pain001.pain001_filename(batch)}"'
    return response


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
