"""JSON API of vouchers and bookings for participants, mounted by config/api.py at
/api/v1/vouchers/ (session or bearer token). The same services and selectors as the pages.

The packages they may order and their orders (ordering one), their voucher accounts, their
bookings, booking a service (the ``Idempotency-Key`` header or the ``idempotency_key`` field makes
a retry return the first booking with 200 instead of 201), cancelling, confirming attendance and
disputing the provider's report. Another person's booking is 404; a refusal of a service is 409
with its message (the API root maps what services raise, ``kierunek.core.api_errors``).

Each action is a POST to a noun under the booking (``/cancellation``, ``/confirmation``,
``/dispute``); a GET of the same address returns the booking with the state that action
concerns. The provider staff's operations are in :mod:`.provider`, the anonymous evaluation in
``kierunek.evaluations.api``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.idempotency import KEY_MESSAGE, IdempotencyKey
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles

from ..models import Booking
from ..selectors import bookings as selectors
from ..services import attendance as attendance_services
from ..services import base as service_base
from ..services import bookings as booking_services
from ..services import orders as order_services
from .schemas import (
    BookingIn,
    BookingOut,
    DisputeIn,
    OrderIn,
    OrderOut,
    PackageOut,
    WalletOut,
    account_out,
    booking_out,
    order_out,
)

router = Router()


def _own(request: HttpRequest, booking_id: int) -> Booking:
    """The participant's own booking; ``Booking.DoesNotExist`` (404) for anybody else's."""
    return selectors.booking_of_participant(participant=request_user(request), booking_id=booking_id)


def own_booking_read(request: HttpRequest, booking_id: int) -> Any:
    """Participants: their own booking as the API shows it; 404 for anybody else's."""
    api_require_roles(request, Role.PARTICIPANT)
    return booking_out(_own(request, booking_id))


def own_booking_action(request: HttpRequest, booking_id: int, action: Callable[[], object]) -> Any:
    """Participants: another person's booking is 404 before ``action`` runs; a refusal of the
    service is answered by the API root (409/403/404)."""
    api_require_roles(request, Role.PARTICIPANT)
    _own(request, booking_id)
    action()
    return booking_out(_own(request, booking_id))


OWN_WRITE = {200: BookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


# --- participants -----------------------------------------------------------------------------


@router.get(
    "/packages", response=list[PackageOut], url_name="vouchers_packages", summary="Packages I may order"
)
def packages(request: HttpRequest) -> Any:
    """Participants. The packages of the programme taking orders now, each with whether the
    participant may order it (``can_order``: the signed development plan includes it, it is not
    ordered yet and the order window is open). Empty when no programme is current."""
    api_require_roles(request, Role.PARTICIPANT)
    _programme, offered = selectors.orderable_packages(
        participant=request_user(request), today=service_base.today()
    )
    return [
        {
            "id": item.package.pk,
            "name": item.package.name,
            "kind": item.package.kind,
            "vouchers": item.package.vouchers,
            "value": Money(item.value).api_str(),
            "allowed": item.allowed,
            "ordered": item.ordered,
            "window_open": item.window_open,
            "can_order": item.can_order,
            "contribution": Money(item.contribution.amount).api_str() if item.contribution else None,
            "contribution_due_on": item.contribution.due_on if item.contribution else None,
        }
        for item in offered
    ]


@router.get("/orders", response=list[OrderOut], url_name="vouchers_orders", summary="My voucher orders")
def orders(request: HttpRequest) -> Any:
    """Participants. Newest first; ``issued`` ones have a voucher account in the wallet."""
    api_require_roles(request, Role.PARTICIPANT)
    return [order_out(order) for order in selectors.orders_of(participant=request_user(request))]


@router.post(
    "/orders",
    response={201: OrderOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_order",
    summary="Order a package of vouchers",
)
def order(request: HttpRequest, payload: OrderIn) -> Any:
    """Participants. A package their signed development plan allows, inside the programme's order
    window, once (409 with the reason otherwise). No money moves: the financial operator issues
    the vouchers later."""
    api_require_roles(request, Role.PARTICIPANT)
    made = order_services.order_create(actor=actor_from_request(request), package_id=payload.package_id)
    return Status(201, order_out(made))


@router.get("/wallet", response=WalletOut, url_name="vouchers_wallet", summary="My voucher accounts")
def wallet(request: HttpRequest) -> Any:
    """Participants. Each voucher account with what is available and what bookings reserve."""
    api_require_roles(request, Role.PARTICIPANT)
    return {
        "accounts": [account_out(v) for v in selectors.voucher_accounts_of(participant=request_user(request))]
    }


@router.get("/bookings", response=list[BookingOut], url_name="vouchers_bookings", summary="My bookings")
def bookings(request: HttpRequest) -> Any:
    """Participants. The latest 200 bookings, newest first."""
    api_require_roles(request, Role.PARTICIPANT)
    found = selectors.bookings_of(participant=request_user(request)).prefetch_related(
        "attendance", "card__sessions"
    )
    return [booking_out(b) for b in found[:200]]


@router.post(
    "/bookings",
    response={200: BookingOut, 201: BookingOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    url_name="vouchers_book",
    summary="Book a service with vouchers",
)
def book(request: HttpRequest, payload: BookingIn) -> Any:
    """Participants. Reserves the vouchers the service takes under the rule in force today. Send
    an ``Idempotency-Key`` header (or the ``idempotency_key`` field): a retry with the same key
    returns the first booking with 200."""
    api_require_roles(request, Role.PARTICIPANT)
    try:
        # Keys are the caller's own: two people's equal keys are different requests.
        key = IdempotencyKey.from_request(request, payload.idempotency_key)
    except ValidationError:
        return Status(400, {"detail": str(KEY_MESSAGE)})
    created = booking_services.booking_create(
        actor=actor_from_request(request),
        card_id=payload.service_id,
        voucher_account_id=payload.voucher_account_id,
        idempotency_key=str(key),
    )
    booking = _own(request, created.booking.pk)
    return Status(201 if created.created else 200, booking_out(booking))


@router.get(
    "/bookings/{booking_id}",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking",
    summary="One of my bookings",
)
def booking(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_read(request, booking_id)


@router.get(
    "/bookings/{booking_id}/cancellation",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_cancellation",
    summary="My booking, with the day until which it may be cancelled",
)
def booking_cancellation(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_read(request, booking_id)


@router.post(
    "/bookings/{booking_id}/cancellation",
    response=OWN_WRITE,
    summary="Cancel my booking (until its cancellation deadline)",
)
def booking_cancel(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_action(
        request,
        booking_id,
        lambda: booking_services.booking_cancel(booking_id=booking_id, actor=actor_from_request(request)),
    )


@router.get(
    "/bookings/{booking_id}/confirmation",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_confirmation",
    summary="My booking, with the attendance the provider recorded and my confirmation",
)
def booking_confirmation(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_read(request, booking_id)


@router.post(
    "/bookings/{booking_id}/confirmation",
    response=OWN_WRITE,
    summary="Confirm the attendance the provider reported",
)
def booking_confirm(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_action(
        request,
        booking_id,
        lambda: attendance_services.attendance_confirm(
            booking_id=booking_id, actor=actor_from_request(request)
        ),
    )


@router.get(
    "/bookings/{booking_id}/dispute",
    response={200: BookingOut, 404: ErrorOut},
    url_name="vouchers_booking_dispute",
    summary="My booking, with the provider's report I may dispute",
)
def booking_dispute_get(request: HttpRequest, booking_id: int) -> Any:
    return own_booking_read(request, booking_id)


@router.post(
    "/bookings/{booking_id}/dispute",
    response=OWN_WRITE,
    summary="Dispute the provider's report: the booking is frozen for a programme officer",
)
def booking_dispute(request: HttpRequest, booking_id: int, payload: DisputeIn) -> Any:
    """Participants, for a completed booking: ``note`` says what is not true in the report (e.g.
    they did not attend). Nothing is settled while an officer looks into it."""
    return own_booking_action(
        request,
        booking_id,
        lambda: attendance_services.booking_dispute(
            booking_id=booking_id, actor=actor_from_request(request), note=payload.note
        ),
    )
