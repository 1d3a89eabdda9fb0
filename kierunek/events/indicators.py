"""The events' indicators (:mod:`kierunek.core.indicators`): people who attended events (checked
in) in the period, by month, by the powiat of the event's gmina and by the event's kind. The
events sit below the programme, so they know nobody's application: their breakdowns are the
event's own."""

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

from .models import Registration


def attended(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = Registration.objects.filter(
        checked_in_at__gte=period.since, checked_in_at__lt=period.before
    ).values_list("person_id", "checked_in_at", "event__gmina__powiat__teryt")
    if breakdown == Breakdown.MONTH:
        return count_people([(person, f"{at:%Y-%m}") for person, at, _powiat in rows])
    if breakdown == Breakdown.POWIAT:
        return count_people([(person, powiat or "") for person, _at, powiat in rows])
    return count_people([(person, TOTAL) for person, _at, _powiat in rows])


def indicators_register() -> None:
    """Called from ``EventsConfig.ready()``."""
    indicator_register(
        Indicator(
            key="events.attended",
            name=_("People who attended events"),
            definition=_(
                "People checked in at an event (a workshop, a meeting, a conference...) in the period; "
                "a person at several events counts once. By the powiat where the event took place."
            ),
            unit=Unit.PEOPLE,
            source=_("Events"),
            breakdowns=(Breakdown.MONTH, Breakdown.POWIAT),
            compute=attended,
            order=50,
        )
    )
