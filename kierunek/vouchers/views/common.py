"""What the voucher pages (and the survey's pages above them) share: the booking or the provider
of the person asking (404 otherwise) and a
payment batch's file sent as a download."""

from __future__ import annotations

from typing import ParamSpec, TypeVar

from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _

from kierunek.core.actor import request_user
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from ..models import Booking
from ..selectors import bookings as selectors
from ..services.payouts import BatchFile

P = ParamSpec("P")
T = TypeVar("T")


def participant_booking(request: HttpRequest, booking_id: int) -> Booking:
    """The logged-in participant's own booking; 404 for anybody else's."""
    try:
        return selectors.booking_of_participant(participant=request_user(request), booking_id=booking_id)
    except Booking.DoesNotExist:
        raise Http404(_("No such booking among yours.")) from None


def member_provider(request: HttpRequest) -> Provider:
    """The organisation of the logged-in staff member; 404 before it is registered."""
    provider = provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def batch_file_response(file: BatchFile) -> StreamingHttpResponse:
    """A payment batch's bank file or CSV (``payouts.batch_download``), streamed as a download."""
    response = StreamingHttpResponse(file.chunks, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response
