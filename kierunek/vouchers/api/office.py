"""JSON API of the vouchers office for financial operators, mounted by config/api.py at
/api/v1/vouchers-office/ (session or bearer token): orders waiting, issuing and refusing them, a
settlement run, and payment batches (building, approval by a second person (an officer may be
that person), sent, cancelled; paid is the bank statement's to say, :mod:`.statements`). The batch
files and the reconciliation are in :mod:`.office_files`, the officers' operations in
:mod:`.officer`. The same services and selectors
as the pages; a refusal of a service is answered by the API root (``kierunek.core.api_errors``): a
4xx JSON body ``{"detail": ...}`` a person can read.

Each action on a thing is a POST to a noun under it (``/refusal``, ``/approval``, ``/dispatch``,
``/cancellation``, ``/void``, ``/restoration``); a GET of the same address returns the
thing with the state that action concerns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from kierunek.accounts.models import Role, User
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import NOT_FOUND, ErrorOut, ValidationErrorOut, validation_error
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.core.personal_data import participants_list_read
from kierunek.programmes.models import Programme

from .. import ledger
from ..models import (
    BatchStatus,
    PaymentBatch,
    SettlementRun,
    VoucherAccount,
    VoucherOrder,
)
from ..selectors import office as selectors
from ..services import base as service_base
from ..services import orders as order_services
from ..services import payouts as payout_services
from ..services import settlement as settlement_services
from .office_schemas import (
    NO_PROGRAMME,
    NOTHING_DUE,
    PAST_EXECUTION,
    BatchBuildIn,
    BatchDetailOut,
    BatchOut,
    IssuedOut,
    IssueIn,
    OrderDecisionOut,
    RefusalIn,
    SettlementIn,
    SettlementOut,
    WaitingOrderOut,
    caller_key,
)

router = Router()


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


def _decision(order: VoucherOrder) -> dict[str, Any]:
    return {
        "order_id": order.pk,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "decided_at": order.decided_at,
        "refusal_reason": order.refusal_reason,
    }


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
    rows = list(selectors.orders_waiting(programme=programme, day=service_base.today()))
    participants_list_read(
        actor=request_user(request),
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
    account = order_services.order_issue(
        order_id=order_id,
        actor=actor_from_request(request),
        idempotency_key=f"issue:{caller_key(request, payload.idempotency_key)}",
    )
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
    order = order_services.order_refuse(
        order_id=order_id, actor=actor_from_request(request), reason=payload.reason
    )
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
    preview = selectors.settlement_preview(programme=programme, day=service_base.today())
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
    run = settlement_services.settlement_run_begin(
        programme_id=programme.pk,
        actor=actor_from_request(request),
        idempotency_key=f"settle:{caller_key(request, payload.idempotency_key)}",
    )
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
    key = caller_key(request, payload.idempotency_key)
    if payload.execution_date is not None and payload.execution_date < service_base.today():
        raise validation_error(("body", "execution_date"), PAST_EXECUTION, kind="past_date")
    programme = _programme(payload.programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    ledger_key = f"batch:{key}"
    # A retry finds the batch its key already built. Two first tries racing both answer 201 with
    # the one batch the programme's lock let through: nothing is built twice either way.
    retried = ledger.existing(ledger_key) is not None
    batch = payout_services.batch_build(
        programme_id=programme.pk,
        actor=actor_from_request(request),
        idempotency_key=ledger_key,
        execution_date=payload.execution_date,
    )
    if batch is None:
        return Status(409, {"detail": NOTHING_DUE})
    return Status(200 if retried else 201, _batch_detail(batch.pk, request_user(request)))


BATCH_READ = {200: BatchDetailOut, 404: ErrorOut}
BATCH_WRITE = {200: BatchDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _batch_read(request: HttpRequest, batch_id: int, *roles: str) -> Any:
    api_require_roles(request, *roles)
    return _batch_detail(batch_id, request_user(request))


def _batch_action(request: HttpRequest, batch_id: int, action: Callable[..., object], *roles: str) -> Any:
    api_require_roles(request, *roles)
    action(batch_id=batch_id, actor=actor_from_request(request))
    return _batch_detail(batch_id, request_user(request))


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
    return _batch_action(
        request, batch_id, payout_services.batch_approve, Role.FINANCIAL_OPERATOR, Role.OFFICER
    )


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
    return _batch_action(request, batch_id, payout_services.batch_mark_sent, Role.FINANCIAL_OPERATOR)


@router.get(
    "/batches/{batch_id}/payment",
    response=BATCH_READ,
    url_name="vouchers_office_batch_payment",
    summary="A payment batch, with when the bank's statement confirmed it paid",
)
def batch_payment(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only."""
    return _batch_read(request, batch_id, Role.FINANCIAL_OPERATOR)


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
    return _batch_action(request, batch_id, payout_services.batch_cancel, Role.FINANCIAL_OPERATOR)
