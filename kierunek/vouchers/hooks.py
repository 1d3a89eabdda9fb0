"""Hooks through which a context above vouchers adds to vouchers' pages without vouchers importing
it (the layering: evaluations sits above vouchers). The higher context registers in its
``AppConfig.ready()``; vouchers' views and templates show whatever is registered.

- :data:`BOOKING_LINKS`: a link on a participant's booking (the wallet's row and the booking page),
  shown when ``shown(booking)`` says so; e.g. evaluations' "Rate the service".
- :data:`PROVIDER_NAV`: an entry of the provider staff's navigation of bookings and payouts; e.g.
  evaluations' ratings page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class BookingLink:
    """``url_name`` takes the booking's id; ``label`` is the short text (the wallet's row),
    ``long_label`` the booking page's."""

    key: str
    url_name: str
    label: Any
    long_label: Any
    shown: Callable[[Any], bool]


@dataclass(frozen=True)
class NavItem:
    key: str  # the page's ``nav`` value, for aria-current
    url_name: str
    label: Any


BOOKING_LINKS: list[BookingLink] = []
PROVIDER_NAV: list[NavItem] = []


def booking_link_register(link: BookingLink) -> None:
    if all(existing.key != link.key for existing in BOOKING_LINKS):
        BOOKING_LINKS.append(link)


def provider_nav_register(item: NavItem) -> None:
    if all(existing.key != item.key for existing in PROVIDER_NAV):
        PROVIDER_NAV.append(item)


def booking_links(booking: Any) -> list[dict[str, Any]]:
    """The registered links that apply to ``booking`` now, ready for a template."""
    return [
        {
            "key": link.key,
            "url": reverse(link.url_name, args=[booking.pk]),
            "label": link.label,
            "long_label": link.long_label,
        }
        for link in BOOKING_LINKS
        if link.shown(booking)
    ]
