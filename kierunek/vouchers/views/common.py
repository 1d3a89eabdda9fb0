"""What the voucher pages (and the survey's pages above them) share: the booking or the provider
of the person asking (404 otherwise), a service's PermissionDenied shown like its refusals, and a
payment batch's file sent as a download."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _

from kierunek.core.actor import request_user
from kierunek.core.pages import refusal_messages
from kierunek.providers.models import Provider
from kierunek.providers.selectors import provider_for_member

from ..models import Booking
from ..selectors import bookings as selectors
from ..services.payouts import BatchFile

P = ParamSpec("P")
T = TypeVar("T")


def refusing_denials(action: Callable[P, T]) -> Callable[P, T]:
    """``action`` (a service call) with a PermissionDenied raised as a ValidationError of its text,
    so that :func:`kierunek.core.pages.submit` and ``form_saved`` show it at the top of the form
    like any other refusal."""

    @functools.wraps(action)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return action(*args, **kwargs)
        except PermissionDenied as error:
            raise ValidationError(refusal_messages(error)) from error

    return run


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
