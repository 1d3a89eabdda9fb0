"""What the vouchers add to the catalogue's pages, through the catalogue's hooks (the catalogue
sits below the vouchers and does not import them). ``VouchersConfig.ready()`` imports this module,
which registers them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kierunek.catalogue.hooks import card_panels
from kierunek.catalogue.models import ServiceCard

from .views.participant import card_booking_context

BOOKING_PANEL_TEMPLATE = "vouchers/participant/_card_booking.html"


def card_booking_panel(
    request: HttpRequest, card: ServiceCard, page: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """The booking panel of the card page: what booking would take from a participant's vouchers,
    and the booking form. A page that shows the card again after a refused booking has put its
    bound form (``book_form``) into the page: the panel shows that form with its errors. The panel
    template shows nothing to anyone else."""
    return BOOKING_PANEL_TEMPLATE, card_booking_context(request, card, page.get("book_form"))


card_panels.register(card_booking_panel)
