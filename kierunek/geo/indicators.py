"""Figures by place for the indicators (:mod:`kierunek.core.indicators`): a count by the gmina
where each person lives, made once, gives the gminas', the powiats' and the region's figures."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import cast

from kierunek.core.indicators import TOTAL, Breakdown, Figure, figures_regrouped, memoized, memoized_already

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
    key: Hashable,
    breakdown: Breakdown | None,
    by_gmina_id: Callable[[], dict[str, Figure]],
    total: Callable[[], dict[str, Figure]],
) -> dict[str, Figure]:
    """The figures by gmina (TERYT) or by powiat added up from ``by_gmina_id()``: figures keyed by
    the id of the gmina each person lives in ("" for not known), counted once per ``key`` within
    :func:`~kierunek.core.indicators.figures_reused` (a gmina's table needs its powiats' too).
    Only where each person is counted in one gmina: where they live. The total (None) is added
    up too where the page has counted by gmina already, else ``total()`` counts it alone (cheaper
    than finding where everyone lives)."""
    if breakdown is not None and breakdown not in PLACES:
        raise ValueError(f"{breakdown} is not a place")
    if breakdown is None:
        counted = memoized_already(("by gmina id", key))
        if counted is None:
            return total()
        return figures_regrouped(cast(dict[str, Figure], counted), lambda _gmina: TOTAL)
    counted = counted_by_gmina_id(key, by_gmina_id)
    places = memoized("gmina places", gmina_places)
    part = 0 if breakdown == Breakdown.GMINA else 1
    return figures_regrouped(counted, lambda gmina: places[gmina][part] if gmina else "")
