"""Reach per gmina: how many of a gmina's residents registered, had a competence balance, were
issued vouchers, used them and completed a training, absolute and per 1 000 adult residents (the
office's newest population import), by channel and by month, and which gminas' reach is low by
the rule in force (:class:`~kierunek.outreach.models.ReachRule`).

Every count of people is published through :func:`kierunek.core.disclosure.suppress`: each column
is a table of the gminas (a person lives in one, or in none known yet) with the region's total,
so a cell under ten is hidden, and so are enough others that no hidden cell can be worked out from
the total. A rate per 1 000 is hidden with its count. The same cells go to the page, the map, the
CSV and the XLSX."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import sqrt

from django.utils import timezone

from kierunek.core.collation import polish_key
from kierunek.core.disclosure import Cell, suppress
from kierunek.geo.map import drawing
from kierunek.geo.models import Gmina

from . import domain, figures
from .models import GminaPopulation, PopulationImport, ReachRule

UNKNOWN = "unknown"  # the column's cell of people whose gmina is not known yet


@dataclass
class ReachRow:
    gmina: Gmina
    adults: int | None
    cells: dict[str, Cell]
    rates: dict[str, Decimal | None]
    low: bool

    def shown_rate(self, step: str) -> Decimal | None:
        return None if self.cells[step].hidden else self.rates[step]

    @property
    def columns(self) -> list[tuple[object, Cell, Decimal | None]]:
        """Each step's label, count and shown rate per 1 000, in the order of the steps."""
        return [
            (figures.STEP_LABELS[step], self.cells[step], self.shown_rate(step)) for step in figures.STEPS
        ]


@dataclass
class ReachTable:
    rows: list[ReachRow]
    totals: dict[str, Cell]
    unknown: dict[str, Cell]
    population: PopulationImport | None
    rule: ReachRule | None

    @property
    def total_list(self) -> list[Cell]:
        return [self.totals[step] for step in figures.STEPS]

    @property
    def unknown_list(self) -> list[Cell]:
        return [self.unknown[step] for step in figures.STEPS]

    def row_of(self, gmina: Gmina) -> ReachRow | None:
        return next((row for row in self.rows if row.gmina.pk == gmina.pk), None)


def rule_in_force(day: date | None = None) -> ReachRule | None:
    return (
        ReachRule.objects.filter(valid_from__lte=day or timezone.localdate()).order_by("-valid_from").first()
    )


def population_newest() -> PopulationImport | None:
    return PopulationImport.objects.order_by("-reference_date", "-imported_at", "-pk").first()


def reach_table(*, day: date | None = None) -> ReachTable:
    journeys = figures.steps()
    lives = figures.residence()
    population = population_newest()
    adults: dict[int, int] = {}
    if population is not None:
        adults = dict(
            GminaPopulation.objects.filter(population_import=population).values_list("gmina_id", "adults")
        )
    gminas = sorted(Gmina.objects.select_related("powiat"), key=lambda g: polish_key(g.name))
    rule = rule_in_force(day)
    columns: dict[str, dict[str, Cell]] = {}
    totals: dict[str, Cell] = {}
    counts_of: dict[str, dict[str, int]] = {}
    for step in figures.STEPS:
        by_gmina = figures.people_by_gmina(journeys.people[step], lives)
        counts = {str(gmina.pk): len(by_gmina.get(gmina.pk, ())) for gmina in gminas}
        counts[UNKNOWN] = sum(
            len(people) for key, people in by_gmina.items() if key is None or str(key) not in counts
        )
        counts_of[step] = counts
        table = suppress(counts, total=len(journeys.people[step]))
        columns[step] = table.cells
        assert table.total is not None
        totals[step] = table.total
    rows = []
    for gmina in gminas:
        key = str(gmina.pk)
        gmina_adults = adults.get(gmina.pk)
        rates = {step: domain.per_thousand(counts_of[step][key], gmina_adults) for step in figures.STEPS}
        rows.append(
            ReachRow(
                gmina=gmina,
                adults=gmina_adults,
                cells={step: columns[step][key] for step in figures.STEPS},
                rates=rates,
                low=rule is not None and domain.reach_low(rates[figures.REGISTERED], rule.threshold),
            )
        )
    return ReachTable(
        rows=rows,
        totals=totals,
        unknown={step: columns[step][UNKNOWN] for step in figures.STEPS},
        population=population,
        rule=rule,
    )


@dataclass
class BreakdownRow:
    key: str
    label: object
    cells: dict[str, Cell]

    @property
    def cell_list(self) -> list[Cell]:
        return [self.cells[step] for step in figures.STEPS]


def _breakdown(
    groups: dict[str, set[int]], labels: dict[str, object], journeys: figures.Steps
) -> list[BreakdownRow]:
    """Rows of ``groups`` (people per channel or month) by steps, each step's column suppressed
    against its total."""
    by_step: dict[str, dict[str, Cell]] = {}
    for step in figures.STEPS:
        counts = {key: journeys.count(step, people) for key, people in groups.items()}
        by_step[step] = suppress(counts, total=sum(counts.values())).cells
    return [
        BreakdownRow(key=key, label=labels[key], cells={step: by_step[step][key] for step in figures.STEPS})
        for key in groups
    ]


def _scope(journeys: figures.Steps, gmina: Gmina | None) -> set[int]:
    registered = journeys.people[figures.REGISTERED]
    if gmina is None:
        return set(registered)
    lives = figures.residence()
    return {person for person in registered if lives.get(person) == gmina.pk}


def by_channel(*, gmina: Gmina | None = None) -> list[BreakdownRow]:
    """The region's (or ``gmina``'s residents') journey by the channel they came through."""
    journeys = figures.steps()
    came = figures.signups()
    groups: dict[str, set[int]] = {key: set() for key in figures.CHANNEL_LABELS}
    for person in _scope(journeys, gmina):
        groups[figures.channel_of(person, came)].add(person)
    return _breakdown(groups, dict(figures.CHANNEL_LABELS), journeys)


def by_month(*, gmina: Gmina | None = None, months: int = 12) -> list[BreakdownRow]:
    """People by the month they registered (the last ``months``), and how far each month's got."""
    journeys = figures.steps()
    today = timezone.localdate()
    keys = []
    year, month = today.year, today.month
    for _step in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    groups: dict[str, set[int]] = {key: set() for key in keys}
    for person in _scope(journeys, gmina):
        key = timezone.localtime(journeys.joined[person]).strftime("%Y-%m")
        if key in groups:
            groups[key].add(person)
    return _breakdown(groups, {key: key for key in keys}, journeys)


@dataclass(frozen=True)
class Symbol:
    row: ReachRow
    x: float
    y: float
    r: float


MAX_RADIUS = 18.0


def symbols(table: ReachTable, step: str = figures.REGISTERED) -> list[Symbol]:
    """A circle per gmina at its seat whose area is proportional to the shown count of ``step``
    (a hidden count gets no circle: its size would tell it)."""
    picture = drawing()
    shown = [row for row in table.rows if row.cells[step].shown]
    largest = max((row.cells[step].value for row in shown), default=0)
    result = []
    for row in shown:
        point = picture.point(lon=row.gmina.lon, lat=row.gmina.lat)
        radius = MAX_RADIUS * sqrt(row.cells[step].value / largest) if largest else 0.0
        result.append(Symbol(row=row, x=round(point[0], 1), y=round(point[1], 1), r=round(radius, 2)))
    result.sort(key=lambda symbol: -symbol.r)  # large circles first, so small ones stay clickable
    return result
