"""JSON API of own contributions: the participant's contribution of their order (under
/api/v1/vouchers/), and the financial operator's lists, payments and refunds (under
/api/v1/vouchers-office/). The same services and selectors as the pages; amounts in złoty as
strings ("649.35"); a refusal is answered by the API root (409/403/404)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_args

from django.http import HttpRequest
from ninja import Router, Schema, Status

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut, ValidationErrorOut, validation_error
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.core.personal_data import participants_list_read

from ..models import Contribution
from ..selectors import contributions as selectors
from ..selectors import office as office_selectors
from ..services import contributions as services
from ..transfer_qr import zbp_payload
from .office_schemas import NO_PROGRAMME

router = Router()
office_router = Router()


# The operator's lists (selectors.VIEWS): a query parameter the schema names, so a wrong one is a
# 422 in the API's one validation shape.
ContributionView = Literal["due", "paid", "lapsed", "to_refund", "refunded"]
assert get_args(ContributionView) == selectors.VIEWS


class ContributionOut(Schema):
    order_id: int
    status: str  # due | paid | exempt | lapsed | paid_late | cancelled | refunded
    status_label: str
    amount: str  # złoty, "649.35"; "0.00" when exempt
    exempt_reason: str
    due_on: date | None
    transfer_title: str
    account_iban: str
    account_holder: str
    paid_on: date | None
    qr_payload: str | None  # the transfer in the Polish banks' QR format (ZBP), while it is due


class OfficeContributionOut(ContributionOut):
    id: int
    participant: str
    package: str
    order_status: str
    paid_amount: str | None
    bank_reference: str
    refunded_at: datetime | None


class PaymentIn(Schema):
    amount: str  # złoty as the statement shows it, "649.35"
    booked_on: date
    bank_reference: str


def contribution_out(c: Contribution) -> dict[str, Any]:
    payload = (
        zbp_payload(iban=c.account_iban, amount=c.amount, recipient=c.account_holder, title=c.transfer_title)
        if c.status == "due"
        else None
    )
    return {
        "order_id": c.order_id,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "amount": Money(c.amount).api_str(),
        "exempt_reason": c.exempt_reason,
        "due_on": c.due_on,
        "transfer_title": c.transfer_title,
        "account_iban": c.account_iban,
        "account_holder": c.account_holder,
        "paid_on": c.paid_on,
        "qr_payload": payload,
    }


def office_contribution_out(c: Contribution) -> dict[str, Any]:
    return {
        **contribution_out(c),
        "id": c.pk,
        "participant": c.participant.get_full_name(),
        "package": c.order.package.name,
        "order_status": c.order.status,
        "paid_amount": Money(c.paid_amount).api_str() if c.paid_amount is not None else None,
        "bank_reference": c.bank_reference,
        "refunded_at": c.refunded_at,
    }


@router.get(
    "/orders/{order_id}/contribution",
    response={200: ContributionOut, 404: ErrorOut},
    url_name="vouchers_order_contribution",
    summary="The own contribution of my order",
)
def own_contribution(request: HttpRequest, order_id: int) -> Any:
    """Participants. What to pay for the order (amount, account, title, deadline) and its state;
    404 for anybody else's order."""
    api_require_roles(request, Role.PARTICIPANT)
    return contribution_out(
        selectors.contribution_of_participant(participant=request_user(request), order_id=order_id)
    )


@office_router.get(
    "/contributions",
    response={200: list[OfficeContributionOut], 404: ErrorOut, 422: ValidationErrorOut},
    url_name="vouchers_office_contributions",
    summary="Own contributions by what is to be done",
)
def contributions(
    request: HttpRequest, view: ContributionView = "due", programme_id: int | None = None
) -> Any:
    """Financial operators only. ``view``: ``due`` (awaiting payment), ``paid``, ``lapsed``,
    ``to_refund`` (received for an order refused or lapsed), ``refunded``."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    programme = office_selectors.programme_for_office(programme_id=programme_id)
    if programme is None:
        return Status(404, {"detail": NO_PROGRAMME})
    rows = list(selectors.contributions_for_operator(programme=programme, view=view))
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[row.participant_id for row in rows],
        list_name="vouchers.api_office_contributions",
    )
    return [office_contribution_out(row) for row in rows]


def _office_one(contribution_id: int) -> Contribution:
    return Contribution.objects.select_related("participant", "order__package").get(pk=contribution_id)


@office_router.get(
    "/contributions/{contribution_id}/payment",
    response={200: OfficeContributionOut, 404: ErrorOut},
    url_name="vouchers_office_contribution_payment",
    summary="An own contribution, with its payment if recorded",
)
def contribution_payment_read(request: HttpRequest, contribution_id: int) -> Any:
    """Financial operators only."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    return office_contribution_out(_office_one(contribution_id))


@office_router.post(
    "/contributions/{contribution_id}/payment",
    response={200: OfficeContributionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Record the payment of an own contribution",
)
def contribution_payment(request: HttpRequest, contribution_id: int, payload: PaymentIn) -> Any:
    """Financial operators only. The bank entry that paid it; the amount must be the one due (409
    otherwise). Sent again with the same ``bank_reference``, it changes nothing."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    try:
        grosze = Money.from_pln(payload.amount).grosze
    except (TypeError, ValueError) as error:
        raise validation_error(
            ("body", "amount"),
            "złoty with at most two decimal places, e.g. 649.35",
            kind="value_error",
        ) from error
    services.contribution_payment_record(
        actor=actor_from_request(request),
        contribution=_office_one(contribution_id),
        amount=grosze,
        booked_on=payload.booked_on,
        bank_reference=payload.bank_reference,
    )
    return office_contribution_out(_office_one(contribution_id))


@office_router.get(
    "/contributions/{contribution_id}/refund",
    response={200: OfficeContributionOut, 404: ErrorOut},
    url_name="vouchers_office_contribution_refund",
    summary="An own contribution, with its refund if recorded",
)
def contribution_refund_read(request: HttpRequest, contribution_id: int) -> Any:
    """Financial operators only."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    return office_contribution_out(_office_one(contribution_id))


@office_router.post(
    "/contributions/{contribution_id}/refund",
    response={200: OfficeContributionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Record that an own contribution was paid back",
)
def contribution_refund(request: HttpRequest, contribution_id: int) -> Any:
    """Financial operators only. Once the transfer back has been sent; only for an order refused
    or lapsed. Sent again, it changes nothing."""
    api_require_roles(request, Role.FINANCIAL_OPERATOR)
    services.contribution_refund(
        actor=actor_from_request(request), contribution_id=_office_one(contribution_id).pk
    )
    return office_contribution_out(_office_one(contribution_id))
