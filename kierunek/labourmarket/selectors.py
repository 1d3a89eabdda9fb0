"""Reads of the human-resources offer: the powiats with their addresses, each powiat's newest
facts of every kind with the import they came from, the overview for the map's table, and the
import history."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db.models import QuerySet

from kierunek.core.collation import polish_key, polish_sorted
from kierunek.geo.domain import search_key
from kierunek.geo.models import Powiat

from .domain import Balance, powiat_slug
from .models import (
    BarometerFact,
    FactImport,
    FactKind,
    GraduateFact,
    PopulationFact,
    UnemploymentFact,
)


def slug_of(powiat: Powiat) -> str:
    return powiat_slug(search_key(powiat.name))


@cache
def _slugs() -> dict[str, str]:
    """Slug to TERYT code; the 22 powiats never change while the process runs."""
    return {slug_of(powiat): powiat.teryt for powiat in Powiat.objects.all()}


def powiat_by_slug(slug: str) -> Powiat:
    """Raises ``Powiat.DoesNotExist`` for an address that is no powiat's."""
    teryt = _slugs().get(slug)
    if teryt is None:
        raise Powiat.DoesNotExist(slug)
    return Powiat.objects.get(teryt=teryt)


@dataclass
class PowiatFacts:
    population: PopulationFact | None = None
    unemployment: UnemploymentFact | None = None
    graduates: list[GraduateFact] = field(default_factory=list)
    shortage: list[BarometerFact] = field(default_factory=list)
    balanced: list[BarometerFact] = field(default_factory=list)
    surplus: list[BarometerFact] = field(default_factory=list)
    imports: dict[str, FactImport] = field(default_factory=dict)  # kind -> the import shown

    @property
    def is_empty(self) -> bool:
        return not self.imports

    @property
    def any_demo(self) -> bool:
        return any(fact_import.is_demo for fact_import in self.imports.values())


NEWEST = ("-fact_import__reference_date", "-fact_import__imported_at", "-fact_import_id")


def _newest(queryset: QuerySet[Any]) -> FactImport | None:
    first = queryset.select_related("fact_import").order_by(*NEWEST).first()
    return first.fact_import if first else None


def powiat_facts(powiat: Powiat) -> PowiatFacts:
    """The rows of the newest import of each kind that covers ``powiat`` (by reference date, then
    by when it was imported)."""
    facts = PowiatFacts()
    population = _newest(PopulationFact.objects.filter(powiat=powiat))
    if population is not None:
        facts.imports[FactKind.POPULATION] = population
        facts.population = PopulationFact.objects.get(powiat=powiat, fact_import=population)
    unemployment = _newest(UnemploymentFact.objects.filter(powiat=powiat))
    if unemployment is not None:
        facts.imports[FactKind.UNEMPLOYMENT] = unemployment
        facts.unemployment = UnemploymentFact.objects.get(powiat=powiat, fact_import=unemployment)
    graduates = _newest(GraduateFact.objects.filter(powiat=powiat))
    if graduates is not None:
        facts.imports[FactKind.GRADUATES] = graduates
        facts.graduates = sorted(
            GraduateFact.objects.filter(powiat=powiat, fact_import=graduates),
            key=lambda row: (-row.graduates, polish_key(row.field)),
        )
    barometer = _newest(BarometerFact.objects.filter(powiat=powiat))
    if barometer is not None:
        facts.imports[FactKind.BAROMETER] = barometer
        rows = polish_sorted(
            BarometerFact.objects.filter(powiat=powiat, fact_import=barometer), key=lambda row: row.occupation
        )
        facts.shortage = [row for row in rows if row.balance == Balance.SHORTAGE]
        facts.balanced = [row for row in rows if row.balance == Balance.BALANCED]
        facts.surplus = [row for row in rows if row.balance == Balance.SURPLUS]
    return facts


@dataclass
class PowiatRow:
    powiat: Powiat
    slug: str
    working_age: int | None
    unemployment_rate: Any | None  # Decimal


def _newest_by_powiat(model: Any) -> dict[int, Any]:
    newest: dict[int, Any] = {}
    for fact in model.objects.select_related("fact_import").order_by(*NEWEST):
        newest.setdefault(fact.powiat_id, fact)
    return newest


def powiat_rows() -> list[PowiatRow]:
    """Every powiat in Polish order of its name as shown, with its newest population and rate."""
    population = _newest_by_powiat(PopulationFact)
    unemployment = _newest_by_powiat(UnemploymentFact)
    rows = [
        PowiatRow(
            powiat=powiat,
            slug=slug_of(powiat),
            working_age=population[powiat.pk].working_age if powiat.pk in population else None,
            unemployment_rate=unemployment[powiat.pk].rate if powiat.pk in unemployment else None,
        )
        for powiat in Powiat.objects.all()
    ]
    return polish_sorted(rows, key=lambda row: str(row.powiat))


def import_history(*, limit: int = 50) -> QuerySet[FactImport]:
    return FactImport.objects.select_related("imported_by").order_by("-imported_at", "-id")[:limit]


def newest_imports() -> dict[str, FactImport]:
    """The newest import of each kind (by reference date), for the officer's dashboard."""
    newest: dict[str, FactImport] = {}
    for fact_import in FactImport.objects.order_by("-reference_date", "-imported_at", "-id"):
        newest.setdefault(fact_import.kind, fact_import)
    return newest
