"""What evaluations adds to vouchers' pages, through the hooks vouchers offers
(:mod:`kierunek.vouchers.hooks`): the "rate the service" link of a participant's booking and the
ratings entry of the provider staff's navigation; the outcome survey's link on a booking whose
invitation is open."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kierunek.vouchers import domain
from kierunek.vouchers.hooks import BookingLink, NavItem, booking_link_register, provider_nav_register

from .models import OutcomeInvitation

# A booking is rated once, after the provider reported it completed (and after it is settled).
RATEABLE = (domain.COMPLETED, domain.SETTLED)


def rateable(booking: Any) -> bool:
    return booking.status in RATEABLE and booking.evaluated_at is None


def outcome_survey_open(booking: Any) -> bool:
    """The booking's outcome survey invitation is waiting for an answer."""
    if booking.status not in RATEABLE:
        return False
    return OutcomeInvitation.objects.filter(
        booking_id=booking.pk, answered_on__isnull=True, closes_on__gte=timezone.localdate()
    ).exists()


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
    booking_link_register(
        BookingLink(
            key="outcome_survey",
            url_name="evaluations:outcome_survey",
            label=_("What came of it?"),
            long_label=_("What came of your training? Answer the anonymous outcome survey"),
            shown=outcome_survey_open,
        )
    )
    provider_nav_register(NavItem(key="ratings", url_name="evaluations:provider_ratings", label=_("Ratings")))
