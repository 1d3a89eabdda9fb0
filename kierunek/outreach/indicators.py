"""Outreach's indicators (:mod:`kierunek.core.indicators`): the reach per gmina of the reach page
(:mod:`kierunek.outreach.reach`) as figures of a period, by gmina and powiat of residence.

Each step of the journey (registered, a competence balance, vouchers issued, vouchers used, a
training completed) is an indicator of the people who reached it *in the period*: those who had
reached it by the period's last day and had not by the day before its first. The database counts
them (:func:`kierunek.outreach.figures.reaching`) from each person's first moment of the step
(:data:`kierunek.outreach.figures.FIRST_MOMENT`), which the reach page reads as sets of the
step's rows instead (:func:`kierunek.outreach.figures.step_people`): two readings of one
definition, kept equal by tests/outreach/test_indicators.py, which compares them step by step. Where
people live is :func:`kierunek.outreach.figures.residence`'s (the newest submitted application;
none yet: not known), read per person by :func:`kierunek.outreach.figures.residence_of`.
Registrations per 1 000 adult residents use the office's newest population import and count only
the gminas it gives a figure for; a rate is hidden wherever the count of registrations behind it
is."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Indicator,
    Period,
    Unit,
    figures_of,
    figures_reusing,
    figures_shown,
    indicator_register,
    memoized,
)
from kierunek.geo.indicators import counted_by_gmina_id, figures_by_place, gmina_places

from . import domain, figures
from .models import GminaPopulation
from .reach import population_newest

BREAKDOWNS = (Breakdown.GMINA, Breakdown.POWIAT)
REACH = "outreach.reach"  # the key of a step's count by gmina, shared by the indicators of a page


def _reaching(step: str, period: Period) -> QuerySet[User]:
    return figures.reaching(step, first=period.start, last=period.end)


def _group(gmina_id: str, places: dict[str, tuple[str, str]], breakdown: Breakdown | None) -> str:
    if breakdown is None:
        return TOTAL
    teryt, powiat = places.get(gmina_id, ("", ""))
    return teryt if breakdown == Breakdown.GMINA else powiat


def _steps_by_gmina_id(period: Period, steps: Sequence[str]) -> dict[str, dict[str, Figure]]:
    """Each of ``steps``: the people who reached it in the period by the id of the gmina they live
    in ("": not known), in one query. Its rows are participants, one each, so a step's count is a
    count of people; each step's own rows are read once for all of them
    (:func:`~kierunek.outreach.figures.reached_in`)."""
    counts = {
        f"reached_{step}": Count("pk", filter=figures.reached_in(step, first=period.start, last=period.end))
        for step in steps
    }
    rows = (
        figures.participants_by(period.end)
        .annotate(indicator_group=figures.residence_of("residence_gmina_id"))
        .order_by()
        .values("indicator_group")
        .annotate(**counts)
        .values_list("indicator_group", *counts)
    )
    result: dict[str, dict[str, Figure]] = {step: {} for step in steps}
    for gmina_id, *reached in rows:
        lives_in = "" if gmina_id is None else str(gmina_id)
        for step, people in zip(steps, reached, strict=True):
            if people:
                result[step][lives_in] = Figure(people, people)
    return result


def _key(step: str) -> str:
    """The key of the indicator of the people who reached ``step``."""
    return f"outreach.reach_{step}"


def _counted_together(step: str) -> tuple[str, ...]:
    """The steps counted in one reading with ``step`` where the page keeps what it counted: the
    steps the page says it shows (:func:`~kierunek.core.indicators.figures_shown`), when ``step``
    is one of them (the gmina's dashboard shows them all: one reading of the participants and
    where they live instead of two). Where it did not say, the steps after registration together
    (a page that shows one of them shows the journey) and registration alone (which other pages
    show by itself; it reads no rows of its own)."""
    shown = tuple(each for each in figures.STEPS if _key(each) in figures_shown())
    if step in shown:
        return shown
    return (step,) if step == figures.REGISTERED else figures.STEPS[1:]


def _by_gmina_id(step: str, period: Period) -> Callable[[], dict[str, Figure]]:
    """The people who reached ``step`` in the period by the id of the gmina they live in ("": not
    known): alone, or where the page keeps what it counted, with the steps
    :func:`_counted_together` with it."""
    if not figures_reusing():
        return lambda: _steps_by_gmina_id(period, (step,))[step]
    together = _counted_together(step)
    return lambda: memoized((REACH, period, together), lambda: _steps_by_gmina_id(period, together))[step]


def _step(step: str) -> Callable[[Period, Breakdown | None], dict[str, Figure]]:
    def compute(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
        return figures_by_place(
            (REACH, step, period),
            breakdown,
            _by_gmina_id(step, period),
            lambda: figures_of(_reaching(step, period), person="pk", group=None),
        )

    return compute


def registered_per_thousand(period: Period, breakdown: Breakdown | None) -> dict[str, Figure]:
    """Registrations in the period per 1 000 adult residents (tenths), of the gminas whose adult
    residents the newest population import gives; each figure is about the people registered."""
    population = population_newest()
    if population is None:
        return {}
    adults_of = dict(
        GminaPopulation.objects.filter(population_import=population).values_list("gmina_id", "adults")
    )
    places = gmina_places()
    adults: dict[str, int] = {}
    for gmina_id, count in adults_of.items():
        group = _group(str(gmina_id), places, breakdown)
        adults[group] = adults.get(group, 0) + count
    registered_in = counted_by_gmina_id(
        (REACH, figures.REGISTERED, period), _by_gmina_id(figures.REGISTERED, period)
    )
    people: dict[str, int] = {}
    for lives_in, figure in registered_in.items():
        if lives_in and int(lives_in) in adults_of:
            group = _group(lives_in, places, breakdown)
            people[group] = people.get(group, 0) + figure.people
    result = {}
    for group, count in people.items():
        rate = domain.per_thousand(count, adults[group])
        assert rate is not None  # a group here has adults
        result[group] = Figure(int(rate * 10), count)
    return result


STEP_INDICATORS = (
    (
        figures.REGISTERED,
        _("People who registered"),
        _("Participants who created their account in the period, by the gmina where they live."),
    ),
    (
        figures.BALANCE,
        _("People whose competence balance began"),
        _("Participants whose competence balance began in the period, by the gmina where they live."),
    ),
    (
        figures.ISSUED,
        _("People issued vouchers"),
        _("Participants whose voucher account was opened in the period, by the gmina where they live."),
    ),
    (
        figures.USED,
        _("People who booked a service with vouchers"),
        _(
            "Participants who made in the period their first booking that holds or spent vouchers, by "
            "the gmina where they live."
        ),
    ),
    (
        figures.COMPLETED,
        _("People who completed a training"),
        _(
            "Participants who booked in the period a service they then completed, by the gmina where "
            "they live."
        ),
    ),
)


def indicators_register() -> None:
    """Called from ``OutreachConfig.ready()``."""
    for position, (step, name, definition) in enumerate(STEP_INDICATORS):
        indicator_register(
            Indicator(
                key=_key(step),
                name=name,
                definition=definition,
                unit=Unit.PEOPLE,
                source=_("Outreach through gminas"),
                breakdowns=BREAKDOWNS,
                compute=_step(step),
                order=60 + position,
            )
        )
    indicator_register(
        Indicator(
            key="outreach.registered_per_thousand",
            name=_("Registrations per 1 000 adult residents"),
            definition=_(
                "Participants who created their account in the period per 1 000 adult residents of "
                "their gmina (the office's newest population figures; gminas without one are left "
                "out)."
            ),
            unit=Unit.PER_THOUSAND,
            source=_("Outreach through gminas"),
            breakdowns=BREAKDOWNS,
            compute=registered_per_thousand,
            order=66,
            hidden_with="outreach.reach_registered",
        )
    )
