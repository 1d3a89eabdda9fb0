"""What complaints adds to vouchers' pages (:mod:`kierunek.vouchers.hooks`): "file a complaint" on
a participant's booking, once the provider has accepted it (before that, the participant simply
cancels)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.vouchers import domain
from kierunek.vouchers.hooks import BookingLink, booking_link_register

COMPLAINABLE = (
    domain.ACCEPTED,
    domain.COMPLETED,
    domain.NOT_COMPLETED,
    domain.NO_SHOW,
    domain.NOT_DELIVERED,
    domain.SETTLED,
    domain.FROZEN,
    domain.CLAWED_BACK,
)


def complainable(booking: Any) -> bool:
    return booking.status in COMPLAINABLE


def vouchers_hooks_register() -> None:
    booking_link_register(
        BookingLink(
            key="complain",
            url_name="complaints:booking_complain",
            label=_("File a complaint"),
            long_label=_("File a complaint about this service or its provider"),
            shown=complainable,
        )
    )
