"""Guidance's indicators (:mod:`kierunek.core.indicators`): participants whose competence balance
began in the period, and those whose development plan was signed in it, by the participant's
groups (:func:`kierunek.programmes.indicators.participant_group`), counted by the database."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.core.indicators import (
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    indicator_register,
)
from kierunek.programmes.indicators import PERSON_BREAKDOWNS, participant_figures

from .models import CompetenceBalance, DevelopmentPlan


def balances_begun(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = CompetenceBalance.objects.filter(started_at__gte=period.since, started_at__lt=period.before)
    return participant_figures("guidance.balances_begun", rows, breakdown, period, moment="started_at")


def plans_signed(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    rows = DevelopmentPlan.objects.filter(signed_at__gte=period.since, signed_at__lt=period.before)
    return participant_figures(
        "guidance.plans_signed", rows, breakdown, period, moment="signed_at", person="balance__participant_id"
    )


def indicators_register() -> None:
    """Called from ``GuidanceConfig.ready()``."""
    source = _("Career guidance")
    indicator_register(
        Indicator(
            key="guidance.balances_begun",
            name=_("Participants with a competence balance"),
            definition=_("People whose competence balance with an advisor began in the period."),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=PERSON_BREAKDOWNS,
            compute=balances_begun,
            order=20,
        )
    )
    indicator_register(
        Indicator(
            key="guidance.plans_signed",
            name=_("Participants with a signed development plan"),
            definition=_("People whose individual development plan the advisor signed in the period."),
            unit=Unit.PEOPLE,
            source=source,
            breakdowns=PERSON_BREAKDOWNS,
            compute=plans_signed,
            order=21,
        )
    )
