"""The qualifications' indicators (:mod:`kierunek.core.indicators`): certificates of market
qualifications issued in the period (revoked ones included: they were issued), by month."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    count_people,
    indicator_register,
)

from .models import Certificate


def certified(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = Certificate.objects.filter(issued_on__gte=period.start, issued_on__lte=period.end).values_list(
        "holder_id", "issued_on"
    )
    monthly = breakdown == Breakdown.MONTH
    return count_people([(holder, f"{day:%Y-%m}" if monthly else TOTAL) for holder, day in rows])


def indicators_register() -> None:
    """Called from ``QualificationsConfig.ready()``."""
    indicator_register(
        Indicator(
            key="qualifications.certified",
            name=_("People certified"),
            definition=_("People who received a certificate of a market qualification in the period."),
            unit=Unit.PEOPLE,
            source=_("Register of qualifications"),
            breakdowns=(Breakdown.MONTH,),
            compute=certified,
            order=45,
        )
    )
