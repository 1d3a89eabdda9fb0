"""What evaluations adds to vouchers' pages, through the hooks vouchers offers
(:mod:`kierunek.vouchers.hooks`): the "rate the service" link of a participant's booking and the
ratings entry of the provider staff's navigation."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.vouchers import domain
from kierunek.vouchers.hooks import BookingLink, NavItem, booking_link_register, provider_nav_register

# A booking is rated once, after the provider reported it completed (and after it is settled).
RATEABLE = (domain.COMPLETED, domain.SETTLED)


def rateable(booking: Any) -> bool:
    return booking.status in RATEABLE and booking.evaluated_at is None


def vouchers_hooks_register() -> None:
    booking_link_register(
        BookingLink(
            key="rate",
            url_name="evaluations:booking_rate",
            label=_("Rate the service"),
            long_label=_("Rate the service (anonymous survey)"),
            shown=rateable,
        )
    )
    provider_nav_register(NavItem(key="ratings", url_name="evaluations:provider_ratings", label=_("Ratings")))
