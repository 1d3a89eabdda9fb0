"""The "this was not me" page: anybody holding the link from a booking e-mail can freeze that
booking. GET only shows what the link is for (mail scanners open links); the POST freezes."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kierunek.core.actor import actor_from_request

from ..services import bookings as booking_services


@never_cache
def not_me(request: HttpRequest, token: str) -> HttpResponse:
    booking = booking_services.booking_for_not_me_token(token)
    if booking is None:
        return render(request, "vouchers/not_me.html", {"invalid": True}, status=404)
    if request.method == "POST":
        try:
            booking = booking_services.booking_not_me(token=token, actor=actor_from_request(request))
        except ValidationError:
            return render(request, "vouchers/not_me.html", {"invalid": True}, status=404)
        return render(request, "vouchers/not_me.html", {"booking": booking, "frozen": True})
    return render(request, "vouchers/not_me.html", {"booking": booking, "frozen": booking.status == "frozen"})
