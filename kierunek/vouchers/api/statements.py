"""JSON API of the bank statements for financial operators, mounted with :mod:`.office` at
/api/v1/vouchers-office/: uploading a statement (multipart, field ``file``: camt.053 XML or
MT940), the statements and their entries, the entries waiting for a person, resolving or
ignoring one, and the reconciliation of the ledger with the bank (JSON, or CSV with
``?format=csv``). The same services and selectors as the pages; a service's refusal is answered
by the API root (409/403 with its message)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.api_errors import ErrorOut, ValidationErrorOut
from kierunek.core.audit import audit_record
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles

from ..audit_actions import VOUCHERS_STATEMENT_REPORT_DOWNLOADED
from ..bank_files import MAX_BYTES
from ..bank_reports import bank_reconciliation_csv
from ..models import BankStatement, StatementEntry
from ..selectors import office as office_selectors
from ..selectors import statements as selectors
from ..services import statements as services
from .office_schemas import NO_PROGRAMME

router = Router()


class StatementEntryOut(Schema):
    id: int
    statement_id: int
    position: int
    direction: str
    amount: str
    booked_on: date
    end_to_end_id: str
    bank_reference: str
    title: str
    counterparty_name: str
    counterparty_account: str
    state: str
    matched: str
    unmatched_reason: str
    note: str


class StatementOut(Schema):
    id: int
    statement_id: str
    account: str
    file_format: str
    period_from: date | None
    period_to: date | None
    entries: int
    waiting: int


class StatementDetailOut(StatementOut):
    items: list[StatementEntryOut]


class UploadOut(Schema):
    statement: StatementOut
    created: bool
    matched: int
    unmatched: int
    batches_paid: list[str]


class ResolveIn(Schema):
    note: str
    end_to_end_id: str = ""
    other: str = ""


class IgnoreIn(Schema):
    reason: str


class BatchAgainstBankOut(Schema):
    id: int
    reference: str
    status: str
    transfers: int
    confirmed: int
    ledger_amount: str
    ledger_paid: str
    bank_amount: str
    difference: str


class BankReconciliationOut(Schema):
    programme_id: int
    balanced: bool
    batches: list[BatchAgainstBankOut]
    unmatched_count: int
    unmatched_debits: str
    unmatched_credits: str
    ignored_count: int


def _entry(entry: StatementEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "statement_id": entry.statement_id,
        "position": entry.position,
        "direction": entry.direction,
        "amount": Money(entry.amount).api_str(),
        "booked_on": entry.booked_on,
        "end_to_end_id": entry.end_to_end_id,
        "bank_reference": entry.bank_reference,
        "title": entry.title,
        "counterparty_name": entry.counterparty_name,
        "counterparty_account": entry.counterparty_account,
        "state": entry.state,
        "matched": entry.matched_label,
        "unmatched_reason": entry.unmatched_reason,
        "note": entry.note,
    }


def _statement(statement: BankStatement) -> dict[str, Any]:
    return {
        "id": statement.pk,
        "statement_id": statement.statement_id,
        "account": statement.account,
        "file_format": statement.file_format,
        "period_from": statement.period_from,
        "period_to": statement.period_to,
        "entries": getattr(statement, "entry_count", 0),
        "waiting": getattr(statement, "waiting_count", 0),
    }


@router.post(
    "/statements",
    response={
        200: UploadOut,
        400: ErrorOut,
        403: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        422: ValidationErrorOut,
    },
    summary="Upload a bank statement (camt.053 or MT940) and match its entries",
)
def statement_upload(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Financial operators only. The same file again is 200 with ``created: false`` and changes
    nothing; a different file under a stored statement's id, an invalid or oversized file is 409
    (or 413 above 5 MB) with the reason."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    if (file.size or 0) > MAX_BYTES:
        return Status(413, {"detail": "The file is too large. The limit is 5 MB."})
    result = services.statement_upload(
        actor=actor_from_request(request), content=bytes(file.read(MAX_BYTES + 1)), filename=file.name or ""
    )
    statement = selectors.statement_for_office(statement_id=result.statement.pk)
    return {
        "statement": _statement(statement),
        "created": result.created,
        "matched": result.matched,
        "unmatched": result.unmatched,
        "batches_paid": list(result.batches_paid),
    }


@router.get("/statements", response=list[StatementOut], summary="The bank statements uploaded, newest first")
def statement_list(request: HttpRequest) -> Any:
    """Financial operators only; the last 100."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    return [_statement(s) for s in selectors.statements()[:100]]


@router.get(
    "/statements/{statement_id}",
    response={200: StatementDetailOut, 404: ErrorOut},
    url_name="vouchers_office_statement",
    summary="A bank statement with its entries",
)
def statement_detail(request: HttpRequest, statement_id: int) -> Any:
    """Financial operators only."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    statement = selectors.statement_for_office(statement_id=statement_id)
    return {
        **_statement(statement),
        "items": [_entry(e) for e in selectors.statement_entries(statement=statement)],
    }


@router.get(
    "/statement-entries", response=list[StatementEntryOut], summary="Entries of the bank waiting for a person"
)
def entries_waiting(request: HttpRequest) -> Any:
    """Financial operators only: the entries no matcher matched and nobody decided yet."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    return [_entry(e) for e in selectors.entries_to_resolve()[:500]]


def _entry_read(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    return _entry(selectors.entry_for_office(entry_id=entry_id))


@router.get(
    "/statement-entries/{entry_id}/resolution",
    response={200: StatementEntryOut, 404: ErrorOut},
    url_name="vouchers_office_entry_resolution",
    summary="An entry of the bank, with how it was resolved",
)
def entry_resolution(request: HttpRequest, entry_id: int) -> Any:
    """Financial operators only."""
    return _entry_read(request, entry_id)


@router.post(
    "/statement-entries/{entry_id}/resolution",
    response={200: StatementEntryOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
    summary="Resolve an entry by hand: to a transfer of a batch, or to something else, with a note",
)
def entry_resolve(request: HttpRequest, entry_id: int, body: ResolveIn) -> Any:
    """Financial operators only. A batch whose every transfer is then confirmed becomes paid."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    entry = services.statement_entry_resolve(
        entry_id=entry_id,
        actor=actor_from_request(request),
        note=body.note,
        end_to_end_id=body.end_to_end_id,
        other=body.other,
    )
    return _entry(entry)


@router.get(
    "/statement-entries/{entry_id}/ignoring",
    response={200: StatementEntryOut, 404: ErrorOut},
    url_name="vouchers_office_entry_ignoring",
    summary="An entry of the bank, with why it was ignored",
)
def entry_ignoring(request: HttpRequest, entry_id: int) -> Any:
    """Financial operators only."""
    return _entry_read(request, entry_id)


@router.post(
    "/statement-entries/{entry_id}/ignoring",
    response={200: StatementEntryOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
    summary="Ignore an entry (bank fees, interest) with the reason",
)
def entry_ignore(request: HttpRequest, entry_id: int, body: IgnoreIn) -> Any:
    """Financial operators only."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    entry = services.statement_entry_ignore(
        entry_id=entry_id, actor=actor_from_request(request), reason=body.reason
    )
    return _entry(entry)


@router.get(
    "/bank-reconciliation",
    response={200: BankReconciliationOut, 404: ErrorOut},
    url_name="vouchers_office_bank_reconciliation",
    summary="The reconciliation of the ledger with the bank",
)
def bank_reconciliation(request: HttpRequest, programme_id: int | None = None, format: str = "json") -> Any:
    """Financial operators only. Per batch approved, sent or paid: what the ledger moved into
    payment and paid out, what the bank's entries booked, the difference; and the entries
    waiting. ``format=csv`` gives the same as CSV (audited)."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = office_selectors.programme_for_office(programme_id=programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    result = selectors.bank_reconciliation(programme=programme)
    if format == "csv":
        audit_record(
            action=VOUCHERS_STATEMENT_REPORT_DOWNLOADED, actor=actor_from_request(request), obj=programme
        )
        response = HttpResponse(bank_reconciliation_csv(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="uzgodnienie-bank-{programme.pk}.csv"'
        return response
    return {
        "programme_id": programme.pk,
        "balanced": result.balanced,
        "batches": [
            {
                "id": row.batch.pk,
                "reference": row.batch.reference,
                "status": row.batch.status,
                "transfers": row.transfers,
                "confirmed": row.confirmed,
                "ledger_amount": Money(row.ledger_amount).api_str(),
                "ledger_paid": Money(row.ledger_paid).api_str(),
                "bank_amount": Money(row.bank_amount).api_str(),
                "difference": Money(row.difference).api_str(),
            }
            for row in result.batches
        ],
        "unmatched_count": result.unmatched_count,
        "unmatched_debits": Money(result.unmatched_debits).api_str(),
        "unmatched_credits": Money(result.unmatched_credits).api_str(),
        "ignored_count": result.ignored_count,
    }
