"""The school recruitment's indicators (:mod:`kierunek.core.indicators`): candidates of the main
round, those placed at their first choice, those the main round placed nowhere, and the share of
qualified candidates who confirmed their intent. A recruitment year counts in the period that holds
the day its lists of qualified candidates were published (``qualified_on``), so a year's figures
fall in one month, one quarter and one year. Each figure is about candidates (one application
each); the statuses are the statistics page's (:mod:`kierunek.recruitment.selectors`).

Breakdowns: the application records no address, so the place is the school's: the gmina and
powiat of the school of the candidate's first choice in the main round (for the share who
confirmed, of the school where the candidate qualified, since that is where intent is confirmed);
and sex as the candidate's PESEL records it (none: not known). Each candidate falls in exactly one
group of each breakdown, so the groups add up to the total."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
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
from kierunek.core.validators import pesel_sex

from .models import Placement, PlacementStatus, Preference, Round
from .selectors import CONFIRMED_STATES

BREAKDOWNS = (Breakdown.GMINA, Breakdown.POWIAT, Breakdown.SEX)


def _main_round(period: Period) -> QuerySet[Placement]:
    return Placement.objects.filter(
        round=Round.MAIN,
        application__year__qualified_on__gte=period.start,
        application__year__qualified_on__lte=period.end,
    )


def _first_choice_places(period: Period) -> dict[int, tuple[str, str]]:
    """Application -> (gmina, powiat) TERYT codes of the school the candidate put first in the
    main round."""
    return {
        application: (gmina, powiat)
        for application, gmina, powiat in Preference.objects.filter(
            round=Round.MAIN,
            rank=1,
            application__year__qualified_on__gte=period.start,
            application__year__qualified_on__lte=period.end,
        ).values_list(
            "application_id",
            "school_class__school__gmina__teryt",
            "school_class__school__gmina__powiat__teryt",
        )
    }


def _sex(pesel: str | None) -> str:
    """ "F"/"M" as a PESEL records it ("" without a valid one)."""
    try:
        return pesel_sex(pesel) if pesel else ""
    except ValidationError:
        return ""


def _grouped(
    placements: QuerySet[Placement], period: Period, breakdown: Breakdown | None, *, at_placed: bool = False
) -> list[tuple[int, str]]:
    """``(application, group key)`` of the placements: the school of the first choice (or, with
    ``at_placed``, of the class the candidate was placed in) for the gmina and powiat, the PESEL's
    sex for sex."""
    if breakdown is None:
        return [(application, TOTAL) for application in placements.values_list("application_id", flat=True)]
    if breakdown == Breakdown.SEX:
        return [
            (application, _sex(pesel))
            for application, pesel in placements.values_list("application_id", "application__pesel")
        ]
    position = 0 if breakdown == Breakdown.GMINA else 1
    if at_placed:
        rows = placements.values_list(
            "application_id",
            "school_class__school__gmina__teryt",
            "school_class__school__gmina__powiat__teryt",
        )
        return [(application, (place[position] or "")) for application, *place in rows]
    places = _first_choice_places(period)
    return [
        (application, places.get(application, ("", ""))[position])
        for application in placements.values_list("application_id", flat=True)
    ]


def candidates(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return count_people(_grouped(_main_round(period), period, breakdown))


def first_choice(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    placed = _main_round(period).filter(choice=1).exclude(status=PlacementStatus.UNPLACED)
    return count_people(_grouped(placed, period, breakdown))


def unplaced(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    return count_people(
        _grouped(_main_round(period).filter(status=PlacementStatus.UNPLACED), period, breakdown)
    )


def confirmation_rate(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """Of the candidates the main round qualified, the share (tenths of a per cent, half up) who
    confirmed their intent; about the qualified candidates of each group."""
    qualified = _main_round(period).exclude(status=PlacementStatus.UNPLACED)
    groups = dict(_grouped(qualified, period, breakdown, at_placed=True))
    confirmed = set(qualified.filter(status__in=CONFIRMED_STATES).values_list("application_id", flat=True))
    totals: dict[str, int] = {}
    confirmations: dict[str, int] = {}
    for application, group in groups.items():
        totals[group] = totals.get(group, 0) + 1
        confirmations[group] = confirmations.get(group, 0) + (application in confirmed)
    return {
        group: Figure(
            int((Decimal(confirmations[group]) * 1000 / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP)),
            total,
        )
        for group, total in totals.items()
    }


def indicators_register() -> None:
    """Called from ``RecruitmentConfig.ready()``."""
    source = _("Upper-secondary recruitment")
    for indicator in (
        Indicator(
            key="recruitment.candidates",
            name=_("Candidates for upper-secondary schools"),
            definition=_(
                "Candidates ranked in the main round of the recruitment whose lists came out in the period; "
                "by the gmina of the school they put first and by the sex their PESEL records."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=candidates,
            order=90,
        ),
        Indicator(
            key="recruitment.first_choice",
            name=_("Candidates placed at their first choice"),
            definition=_(
                "Candidates the main round qualified for the class they put first; by the gmina of that "
                "school and by the sex their PESEL records."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=first_choice,
            order=91,
        ),
        Indicator(
            key="recruitment.unplaced",
            name=_("Candidates not placed in the main round"),
            definition=_(
                "Candidates the main round qualified for none of the classes they chose; by the gmina of "
                "the school they put first and by the sex their PESEL records."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=unplaced,
            order=92,
        ),
        Indicator(
            key="recruitment.confirmation_rate",
            name=_("Confirmation of intent"),
            definition=_(
                "The share of the candidates qualified in the main round who confirmed their intent to "
                "attend the school; by the gmina of the school where they qualified and by the sex their "
                "PESEL records."
            ),
            unit=Unit.PERCENT,
            source=source,
            breakdowns=BREAKDOWNS,
            compute=confirmation_rate,
            order=93,
        ),
    ):
        indicator_register(indicator)
