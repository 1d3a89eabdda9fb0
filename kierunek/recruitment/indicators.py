"""The school recruitment's indicators (:mod:`kierunek.core.indicators`): candidates of the main
round, those placed at their first choice, those the main round placed nowhere, and the share of
qualified candidates who confirmed their intent. A recruitment year counts in the period that holds
the day its lists of qualified candidates were published (``qualified_on``), so a year's figures
fall in one month, one quarter and one year. Each figure is about candidates (one application
each); the statuses are the statistics page's (:mod:`kierunek.recruitment.selectors`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import TOTAL, Figure, Indicator, Period, Unit, count_people, indicator_register

from .models import Placement, PlacementStatus, Round
from .selectors import CONFIRMED_STATES


def _main_round(period: Period) -> QuerySet[Placement]:
    return Placement.objects.filter(
        round=Round.MAIN,
        application__year__qualified_on__gte=period.start,
        application__year__qualified_on__lte=period.end,
    )


def _people(placements: QuerySet[Placement]) -> dict[str, Figure]:
    return count_people(
        [(application, TOTAL) for application in placements.values_list("application_id", flat=True)]
    )


def candidates(period: Period, breakdown: object) -> dict[str, Figure]:
    return _people(_main_round(period))


def first_choice(period: Period, breakdown: object) -> dict[str, Figure]:
    return _people(_main_round(period).filter(choice=1).exclude(status=PlacementStatus.UNPLACED))


def unplaced(period: Period, breakdown: object) -> dict[str, Figure]:
    return _people(_main_round(period).filter(status=PlacementStatus.UNPLACED))


def confirmation_rate(period: Period, breakdown: object) -> dict[str, Figure]:
    """Of the candidates the main round qualified, the share (tenths of a per cent, half up) who
    confirmed their intent; about the qualified candidates."""
    qualified = _main_round(period).exclude(status=PlacementStatus.UNPLACED)
    total = qualified.count()
    if not total:
        return {}
    confirmed = qualified.filter(status__in=CONFIRMED_STATES).count()
    share = (Decimal(confirmed) * 1000 / Decimal(total)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return {TOTAL: Figure(int(share), total)}


def indicators_register() -> None:
    """Called from ``RecruitmentConfig.ready()``."""
    source = _("Upper-secondary recruitment")
    for indicator in (
        Indicator(
            key="recruitment.candidates",
            name=_("Candidates for upper-secondary schools"),
            definition=_(
                "Candidates ranked in the main round of the recruitment whose lists came out in the period."
            ),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=(),
            compute=candidates,
            order=90,
        ),
        Indicator(
            key="recruitment.first_choice",
            name=_("Candidates placed at their first choice"),
            definition=_("Candidates the main round qualified for the class they put first."),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=(),
            compute=first_choice,
            order=91,
        ),
        Indicator(
            key="recruitment.unplaced",
            name=_("Candidates not placed in the main round"),
            definition=_("Candidates the main round qualified for none of the classes they chose."),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=(),
            compute=unplaced,
            order=92,
        ),
        Indicator(
            key="recruitment.confirmation_rate",
            name=_("Confirmation of intent"),
            definition=_(
                "The share of the candidates qualified in the main round who confirmed their intent to "
                "attend the school."
            ),
            unit=Unit.PERCENT,
            source=source,
            breakdowns=(),
            compute=confirmation_rate,
            order=93,
        ),
    ):
        indicator_register(indicator)
