"""Reads of the geography context. The whole register is 22 powiats and 182 gminas, so distance
ranking and diacritic-insensitive name search run in Python over all rows."""

from __future__ import annotations

from django.db.models import QuerySet

from kierunek.core.collation import polish_key, polish_sorted

from .domain import distance_km, search_key
from .models import Gmina


def _gminas() -> QuerySet[Gmina]:
    # str(gmina) reads its powiat: always select it.
    return Gmina.objects.select_related("powiat")


def gmina_get(*, teryt: str) -> Gmina:
    """The gmina with this 7-digit TERYT code. Raises ``Gmina.DoesNotExist``."""
    return _gminas().get(teryt=teryt)


def gmina_list(*, powiat_teryt: str | None = None, q: str | None = None) -> list[Gmina]:
    """Gminas in Polish alphabetical order of their names (Dąbrowa Tarnowska before Drwinia,
    Łapanów after Lanckorona), then by TERYT code; only those of one powiat (4-digit TERYT code)
    and only those whose name contains ``q``, ignoring case and Polish diacritics ("sacz" finds
    "Nowy Sącz")."""
    gminas = _gminas()
    if powiat_teryt:
        gminas = gminas.filter(powiat__teryt=powiat_teryt)
    key = search_key(q or "")
    if key:
        # In Python, not with icontains: SQLite folds the case of ASCII letters only ("Ł").
        matching = [teryt for teryt, name in gminas.values_list("teryt", "name") if key in search_key(name)]
        gminas = gminas.filter(teryt__in=matching)
    return polish_sorted(gminas, key=lambda gmina: (gmina.name, gmina.teryt))


def gminas_within(*, teryt: str, radius_km: float) -> list[tuple[Gmina, float]]:
    """Gminas whose seat is at most ``radius_km`` from the seat of gmina ``teryt``, with the
    distance, nearest first (ties in Polish order of the name, then by TERYT code). Includes the
    gmina itself at 0 km, and any gmina sharing its seat (Bochnia urban and rural). Raises
    ``Gmina.DoesNotExist`` for an unknown code and ``ValueError`` for a negative radius."""
    if radius_km < 0:
        raise ValueError("radius_km must not be negative.")
    origin = gmina_get(teryt=teryt)
    within = []
    for gmina in _gminas():
        km = distance_km(origin.lat, origin.lon, gmina.lat, gmina.lon)
        if km <= radius_km:
            within.append((gmina, km))
    within.sort(key=lambda pair: (pair[1], polish_key(pair[0].name), pair[0].teryt))
    return within


def gmina_distance_km(*, from_teryt: str, to_teryt: str) -> float:
    """Great-circle distance in km between the seats of two gminas. Raises ``Gmina.DoesNotExist``
    if either code is unknown."""
    start = gmina_get(teryt=from_teryt)
    end = gmina_get(teryt=to_teryt)
    return distance_km(start.lat, start.lon, end.lat, end.lon)
