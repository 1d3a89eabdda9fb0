"""JSON API of the vouchers office for financial operators: a payment batch's bank file (pain.001)
and its transfers as CSV, streamed and audited (``payouts.batch_download``), and the
reconciliation of the ledger with the batches. Mounted with :mod:`.office` at
/api/v1/vouchers-office/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Status

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.api_errors import ErrorOut
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles

from ..selectors import office as selectors
from ..services import payouts as payout_services
from ..views.common import batch_file_response
from .office_schemas import (
    NO_PROGRAMME,
    ReconciliationOut,
)

router = Router()


@router.get(
    "/batches/{batch_id}/file",
    response={200: None, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_office_batch_file",
    summary="The pain.001.001.09 bank file of an approved batch",
)
def batch_file(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only; ``application/xml``, streamed. Refused (409) until a second person
    has approved the batch."""
    return _download(request, batch_id, "xml")


@router.get(
    "/batches/{batch_id}/csv",
    response={200: None, 404: ErrorOut},
    url_name="vouchers_office_batch_csv",
    summary="The transfers of a batch as CSV",
)
def batch_csv(request: HttpRequest, batch_id: int) -> Any:
    """Financial operators only; ``text/csv`` (UTF-8 with a byte order mark, ``;`` between cells,
    amounts with a decimal comma), streamed: one row per transfer, then the total."""
    return _download(request, batch_id, "csv")


def _download(request: HttpRequest, batch_id: int, kind: str) -> Any:
    """Financial operators only: the batch's file of ``kind``, streamed and audited; an unknown
    batch is 404 (answered by the API root), a refusal 409."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    batch = selectors.batch_for_office(batch_id=batch_id)
    return batch_file_response(
        payout_services.batch_download(batch=batch, kind=kind, actor=actor_from_request(request))
    )


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
    programme = selectors.programme_for_office(programme_id=programme_id)
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
