"""The schemas of the vouchers office API and the messages of its own refusals."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Schema

from kierunek.core.api_errors import validation_error
from kierunek.core.idempotency import KEY_MESSAGE, KEY_PATTERN, IdempotencyKey

# The one rule (kierunek.core.idempotency): a body field the schema checks, or the Idempotency-Key
# header instead (caller_key takes the header first, as every write of the API does).
KEY = Field(None, pattern=KEY_PATTERN, description="Or the Idempotency-Key header")
NO_PROGRAMME = "Nie ma takiego programu. / There is no such programme."
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
    idempotency_key: str | None = KEY


class IssuedOut(Schema):
    order_id: int
    voucher_account_id: int
    vouchers: int
    value: str
    expires_on: date


class SettlementIn(Schema):
    programme_id: int | None = None
    idempotency_key: str | None = KEY


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
    idempotency_key: str | None = KEY


class ClawbackOut(Schema):
    booking_id: int
    status: str
    amount: str


def caller_key(request: HttpRequest, value: str | None) -> IdempotencyKey:
    """The caller's key, namespaced by the caller: the ``Idempotency-Key`` header, else the body's
    ``idempotency_key``; neither, or one that breaks the rule, is 422 on the field."""
    try:
        return IdempotencyKey.from_request(request, value)
    except ValidationError:
        raise validation_error(
            ("body", "idempotency_key"), str(KEY_MESSAGE), kind="idempotency_key"
        ) from None
