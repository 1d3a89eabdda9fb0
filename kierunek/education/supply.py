"""The supply side of the gap map: places scheduled per topic and gmina in a school year. Two
sources are registered from ``EducationConfig.ready()``: the training offer (the seats of the
published courses with a diagnosis topic, held in a gmina, starting in the year) and, besides it,
the part of the centre's yearly plan (:class:`CoursePlan`) not yet scheduled as courses. A source
is a function of the school year (its first calendar year) giving ``{(topic code, gmina TERYT):
places}``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

SupplySource = Callable[[int], Mapping[tuple[str, str], int]]

SUPPLY_SOURCES: dict[str, SupplySource] = {}


def supply_source_register(key: str, source: SupplySource) -> None:
    """Add (or, under the same key, replace) a source of scheduled places."""
    SUPPLY_SOURCES[key] = source


def scheduled_places(school_year: int) -> dict[tuple[str, str], int]:
    """The places every source schedules in the year, summed per (topic, gmina)."""
    total: dict[tuple[str, str], int] = {}
    for source in SUPPLY_SOURCES.values():
        for key, places in source(school_year).items():
            total[key] = total.get(key, 0) + int(places)
    return total
