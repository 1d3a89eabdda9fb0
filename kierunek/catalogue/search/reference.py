"""The reference data every search reads whole: the category tree and the 182 gminas with their
seats and powiats. Kept per process and checked against a fingerprint of both tables: one tiny
query per search (which on SQLite also reads the newest row of the search columns' change log,
kierunek.catalogue.search.columns)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from kierunek.geo.models import Gmina, Powiat

from ..models import Category
from .columns import LOG_HEAD_SQL, LogHead


@dataclass(frozen=True, slots=True)
class CategoryRow:
    pk: int
    code: str
    parent_id: int | None
    name: str
    name_en: str
    position: int


@dataclass(frozen=True, slots=True)
class GminaRow:
    pk: int
    teryt: str
    lat: float
    lon: float
    powiat: Powiat


@dataclass(frozen=True)
class Reference:
    """The category tree and the gminas, which every search reads whole."""

    fingerprint: tuple[Any, ...]
    loaded_at: float
    categories: tuple[CategoryRow, ...]
    gminas: dict[int, GminaRow]
    # The same rows as model instances (categories with their parent, gminas with their powiat),
    # which the cards of a page refer to instead of each page reading them again. Shared by
    # every search of the process: read them, never change them.
    category_models: dict[int, Category] = field(default_factory=dict)
    gmina_models: dict[int, Gmina] = field(default_factory=dict)
    # The powiats' names as the facets show them, by (language, powiat id): filled as searches
    # need them (str(powiat) is a translation lookup).
    powiat_labels: dict[tuple[str, int], str] = field(default_factory=dict)


# Reference data changes only by migration (or, for category names, rarely in the back office):
# kept per process, checked against a fingerprint of both tables (with the categories' names) on
# every search and reloaded at least every _REFERENCE_MAX_AGE seconds.
_REFERENCE_MAX_AGE = 300.0
_reference_cache: dict[str, Reference] = {}


def fingerprint_sql() -> str:
    """The fingerprint of the reference data as one row of five columns (f0 to f4), to read in a
    statement of its own or in another (kierunek.catalogue.search.cards reads it with the page's cards)."""
    # The categories' names too: the office may rename one in the back office.
    names = (
        "string_agg(name || '|' || name_en, ';' ORDER BY id)"
        if connection.vendor == "postgresql"
        else "group_concat(name || '|' || name_en, ';')"
    )
    return (
        "SELECT (SELECT COUNT(*) FROM catalogue_category) AS f0, "  # noqa: S608
        "(SELECT MAX(id) FROM catalogue_category) AS f1, "
        f"(SELECT {names} FROM catalogue_category) AS f2, "
        "(SELECT COUNT(*) FROM geo_gmina) AS f3, (SELECT MAX(id) FROM geo_gmina) AS f4"
    )


def _fingerprint(row: Sequence[Any]) -> tuple[Any, ...]:
    return (connection.alias, connection.settings_dict["NAME"], *row[:5])


def reference_cached() -> Reference | None:
    """The reference data the process holds, not checked against the database (None: none yet, or
    older than their longest life): for a search that checks them afterwards with
    :func:`reference_is_current`, in a statement it sends anyway."""
    cached = _reference_cache.get(connection.alias)
    if cached is None or time.monotonic() - cached.loaded_at >= _REFERENCE_MAX_AGE:
        return None
    return cached


def reference_is_current(reference: Reference, row: Sequence[Any]) -> bool:
    """Whether ``reference`` is what the database holds, by the row of :func:`fingerprint_sql`."""
    return reference.fingerprint == _fingerprint(row)


def reference_data(*, log_head: bool = False) -> tuple[Reference, LogHead | None]:
    """The reference data, and with ``log_head`` the newest row of the search columns' change log
    (SQLite; kierunek.catalogue.search.columns): both from one tiny statement."""
    with connection.cursor() as cursor:
        head_sql = f", {LOG_HEAD_SQL}" if log_head else ""
        cursor.execute(f"{fingerprint_sql()}{head_sql}")
        row = cursor.fetchone()
    fingerprint = _fingerprint(row)
    head = (row[5], bytes(row[6])) if log_head and row[5] is not None else None
    cached = _reference_cache.get(connection.alias)
    if (
        cached
        and cached.fingerprint == fingerprint
        and time.monotonic() - cached.loaded_at < _REFERENCE_MAX_AGE
    ):
        return cached, head
    category_models = {category.pk: category for category in Category.objects.order_by("position", "name")}
    for category in category_models.values():
        if category.parent_id is not None:
            category.parent = category_models[category.parent_id]
    categories = tuple(
        CategoryRow(c.pk, c.code, c.parent_id, c.name, c.name_en, c.position)
        for c in category_models.values()
    )
    gmina_models = {gmina.pk: gmina for gmina in Gmina.objects.select_related("powiat")}
    gminas = {
        pk: GminaRow(pk=pk, teryt=gmina.teryt, lat=gmina.lat, lon=gmina.lon, powiat=gmina.powiat)
        for pk, gmina in gmina_models.items()
    }
    reference = Reference(
        fingerprint,
        time.monotonic(),
        categories,
        gminas,
        category_models=category_models,
        gmina_models=gmina_models,
    )
    _reference_cache[connection.alias] = reference
    return reference, head
