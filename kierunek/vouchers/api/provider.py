"""JSON API of vouchers for provider staff, mounted with the participants' operations at
/api/v1/vouchers/provider/: the bookings of their organisation, accepting, rejecting, recording
attendance and reporting the result, and their settlements and payments. Another provider's
booking is 404 before any action runs; a refusal of a service is answered by the API root (409
with its message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request, request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles
from kierunek.core.personal_data import participants_list_read
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from ..models import Booking
from ..selectors import bookings as selectors
from ..services import attendance as attendance_services
from ..services import bookings as booking_services
from .schemas import (
    NO_PROVIDER,
    AttendanceIn,
    ProviderBookingOut,
    RejectIn,
    ReportIn,
    SettlementsOut,
    booking_out,
    payment_out,
)

router = Router()


def staff_provider(request: HttpRequest) -> Provider:
    """Provider staff only (403 otherwise): their organisation; 404 (``NO_PROVIDER``) before it is
    registered."""
    api_require_roles(request, Role.PROVIDER_STAFF)
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise HttpError(404, NO_PROVIDER)
    return provider


def _for_provider(provider: Provider, booking_id: int) -> Booking:
    """A booking of the provider's services; ``Booking.DoesNotExist`` (404) for any other."""
    return selectors.booking_for_provider(provider=provider, booking_id=booking_id)


# --- provider staff ---------------------------------------------------------------------------


@router.get(
    "/provider/bookings",
    response={200: list[ProviderBookingOut], 404: ErrorOut},
    url_name="vouchers_provider_bookings",
    summary="Bookings of my organisation's services",
)
def provider_bookings(request: HttpRequest, status: str = "") -> Any:
    """Provider staff. The latest 500, newest first; ``status`` filters (e.g. ``requested``)."""
    provider = staff_provider(request)
    found = list(
        selectors.bookings_for_provider(provider=provider, status=status).prefetch_related(
            "attendance", "card__sessions"
        )[:500]
    )
    participants_list_read(
        actor=request_user(request),
        request=request,
        participant_ids=[b.participant_id for b in found],
        list_name="vouchers.api_provider_bookings",
    )
    return [booking_out(b, with_participant=True) for b in found]


def _provider_booking(request: HttpRequest, booking_id: int) -> Any:
    """One booking with the participant's name: a staff read of their file, as on the page."""
    provider = staff_provider(request)
    booking = selectors.booking_read_record(
        booking=_for_provider(provider, booking_id), actor=actor_from_request(request)
    )
    return booking_out(booking, with_participant=True)


def _provider_action(request: HttpRequest, booking_id: int, action: Callable[[], object]) -> Any:
    provider = staff_provider(request)
    _for_provider(provider, booking_id)  # another provider's booking: 404 before the action
    action()
    return booking_out(_for_provider(provider, booking_id), with_participant=True)


PROVIDER_READ = {200: ProviderBookingOut, 403: ErrorOut, 404: ErrorOut}
PROVIDER_WRITE = {200: ProviderBookingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.get(
    "/provider/bookings/{booking_id}",
    response=PROVIDER_READ,
    url_name="vouchers_provider_booking",
    summary="One booking of my organisation's services",
)
def provider_booking(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.get(
    "/provider/bookings/{booking_id}/acceptance",
    response=PROVIDER_READ,
    url_name="vouchers_provider_acceptance",
    summary="The booking, with the day by which to answer it",
)
def provider_acceptance(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/acceptance",
    response=PROVIDER_WRITE,
    summary="Accept a booking (by its answer deadline)",
)
def provider_accept(request: HttpRequest, booking_id: int) -> Any:
    return _provider_action(
        request,
        booking_id,
        lambda: booking_services.booking_accept(booking_id=booking_id, actor=actor_from_request(request)),
    )


@router.get(
    "/provider/bookings/{booking_id}/rejection",
    response=PROVIDER_READ,
    url_name="vouchers_provider_rejection",
    summary="The booking, with the day by which to answer it",
)
def provider_rejection(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/rejection",
    response=PROVIDER_WRITE,
    summary="Reject a booking, with the reason",
)
def provider_reject(request: HttpRequest, booking_id: int, payload: RejectIn) -> Any:
    return _provider_action(
        request,
        booking_id,
        lambda: booking_services.booking_reject(
            booking_id=booking_id, actor=actor_from_request(request), reason=payload.reason
        ),
    )


@router.get(
    "/provider/bookings/{booking_id}/attendance",
    response=PROVIDER_READ,
    url_name="vouchers_provider_attendance",
    summary="The booking with the attendance recorded per session",
)
def provider_attendance_get(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/attendance",
    response=PROVIDER_WRITE,
    summary="Record attendance at sessions that have taken place (again to correct it)",
)
def provider_attendance(request: HttpRequest, booking_id: int, payload: AttendanceIn) -> Any:
    present = {item.session_id: item.present for item in payload.sessions}
    return _provider_action(
        request,
        booking_id,
        lambda: attendance_services.attendance_record(
            booking_id=booking_id, actor=actor_from_request(request), present=present
        ),
    )


@router.get(
    "/provider/bookings/{booking_id}/report",
    response=PROVIDER_READ,
    url_name="vouchers_provider_report",
    summary="The booking with its completion report, if made",
)
def provider_report_get(request: HttpRequest, booking_id: int) -> Any:
    return _provider_booking(request, booking_id)


@router.post(
    "/provider/bookings/{booking_id}/report",
    response=PROVIDER_WRITE,
    summary="Report the result: completed, not_completed or no_show",
)
def provider_report(request: HttpRequest, booking_id: int, payload: ReportIn) -> Any:
    return _provider_action(
        request,
        booking_id,
        lambda: attendance_services.booking_report(
            booking_id=booking_id,
            actor=actor_from_request(request),
            result=payload.result,
            note=payload.note,
            certificate_number=payload.certificate_number,
        ),
    )


@router.get(
    "/provider/settlements",
    response={200: SettlementsOut, 404: ErrorOut},
    url_name="vouchers_provider_settlements",
    summary="My organisation's settled bookings and payments",
)
def provider_settlements(request: HttpRequest) -> Any:
    """Provider staff. The latest 500 settled (or clawed-back) bookings and the latest 200 transfers
    in payment batches, newest first."""
    provider = staff_provider(request)
    return {
        "bookings": [
            {
                "id": b.pk,
                "service_id": b.card_id,
                "service": b.card.title,
                "status": b.status,
                "status_label": str(b.get_status_display()),
                "amount": Money(b.amount).api_str(),
                "settled_at": b.settled_at,
            }
            for b in selectors.settled_bookings_of(provider=provider)[:500]
        ],
        "payments": [payment_out(line) for line in selectors.payment_lines_of(provider=provider)[:200]],
    }
