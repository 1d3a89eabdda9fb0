"""JSON API of the vouchers office for programme officers, mounted with the financial operators'
operations at /api/v1/vouchers-office/: frozen bookings (void or restore), payout freezes (and
lifting them) and clawbacks. A refusal of a service is answered by the API root."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import NOT_FOUND, ErrorOut
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.core.personal_data import participants_list_read
from kierunek.providers.models import Provider

from .. import domain
from ..models import (
    Booking,
    PayoutFreeze,
)
from ..selectors import office as selectors
from ..selectors.bookings import booking_read_record
from ..services import clawback as clawback_services
from ..services import freezes as freeze_services
from .office_schemas import (
    NOT_FROZEN,
    ClawbackIn,
    ClawbackOut,
    FreezeIn,
    FreezeOut,
    OfficeBookingOut,
    RestoreIn,
    VoidIn,
    caller_key,
)

router = Router()


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
        actor=request_user(request),
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
    booking_read_record(booking=booking, actor=actor_from_request(request))
    return _office_booking(booking)


def _officer_booking_action(request: HttpRequest, booking_id: int, action: Callable[[], object]) -> Any:
    api_require_roles(request, Role.OFFICER)
    action()
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
        lambda: freeze_services.booking_void(
            booking_id=booking_id, actor=actor_from_request(request), reason=payload.reason
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
        lambda: freeze_services.booking_restore(
            booking_id=booking_id, actor=actor_from_request(request), note=payload.note
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
    made = freeze_services.payout_freeze(
        provider_id=payload.provider_id, actor=actor_from_request(request), reason=payload.reason
    )
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
    freeze_services.payout_unfreeze(provider_id=provider_id, actor=actor_from_request(request))
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
    booking = clawback_services.booking_clawback(
        booking_id=payload.booking_id,
        actor=actor_from_request(request),
        reason=payload.reason,
        idempotency_key=f"clawback:{caller_key(request, payload.idempotency_key)}",
    )
    return {"booking_id": booking.pk, "status": booking.status, "amount": Money(booking.amount).api_str()}
