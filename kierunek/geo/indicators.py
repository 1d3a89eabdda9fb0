"""Figures by place for the indicators (:mod:`kierunek.core.indicators`): a count by the gmina
where each person lives, made once, gives the gminas', the powiats' and the region's figures."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from kierunek.core.indicators import TOTAL, Breakdown, Figure, figures_regrouped, memoized

from .models import Gmina

PLACES = (Breakdown.GMINA, Breakdown.POWIAT)


def gmina_places() -> dict[str, tuple[str, str]]:
    """Gmina id (as text, the key :func:`~kierunek.core.indicators.figures_of` gives) -> its TERYT
    code and its powiat's."""
    return {
        str(pk): (teryt, powiat)
        for pk, teryt, powiat in Gmina.objects.values_list("pk", "teryt", "powiat__teryt")
    }


def counted_by_gmina_id(key: Hashable, by_gmina_id: Callable[[], dict[str, Figure]]) -> dict[str, Figure]:
    """``by_gmina_id()``, once per ``key`` within :func:`~kierunek.core.indicators.figures_reused`."""
    return memoized(("by gmina id", key), by_gmina_id)


def figures_by_place(
    key: Hashable, breakdown: Breakdown | None, by_gmina_id: Callable[[], dict[str, Figure]]
) -> dict[str, Figure]:
    """The figures by gmina (TERYT), by powiat or in total (None), added up from ``by_gmina_id()``:
    figures keyed by the id of the gmina each person lives in ("" for not known), counted once
    per ``key`` within :func:`~kierunek.core.indicators.figures_reused` (a table needs its total
    beside its groups, a gmina's table its powiats too). Only where each person is counted in one
    gmina: where they live."""
    if breakdown is not None and breakdown not in PLACES:
        raise ValueError(f"{breakdown} is not a place")
    counted = counted_by_gmina_id(key, by_gmina_id)
    if breakdown is None:
        return figures_regrouped(counted, lambda _gmina: TOTAL)
    places = memoized("gmina places", gmina_places)
    part = 0 if breakdown == Breakdown.GMINA else 1
    return figures_regrouped(counted, lambda gmina: places[gmina][part] if gmina else "")
