"""Search of the public catalogue: one interface over two engines.

The page (/uslugi/) and the API (/api/v1/services) both parse their query string with
:func:`search_params_parse` and call :func:`search_cards`, so they give the same results.

Only published cards are found. Text goes through the Polish analyser (kierunek.catalogue.text)
and then to the engine of the database in use (``connection.vendor``): SQLite FTS5 on the
embedded default, PostgreSQL full-text search in production (both built by migration 0003 over
SearchDocument.tokens).

How one search runs, and why it is fast (a few queries, whatever the number of results):

- Reference data (the category tree, the 182 gminas with their seats and powiats) is kept per
  process and checked against a fingerprint of both tables: one tiny query (on SQLite it also
  reads the newest row of the search columns' change log).
- Distance is by gmina seat, so the gminas within the radius are computed in Python from the
  seats (kierunek.geo.domain.distance_km) and the cards are filtered by gmina, ordered by the
  gminas' order: no trigonometry per card.
- PostgreSQL (:func:`_run_statement`): one SQL statement gives the counts per (category, form)
  and per gmina (the facets; the total is their sum, from one scan with grouping sets) and the
  ids of the requested page, with their rank and whether their provider holds the quality mark
  today. With a text, the engine's match and rank are computed once (a materialised CTE);
  without one, each part is answered from a covering partial index on the published cards
  (ServiceCard.Meta.indexes).
- SQLite (:func:`_run_columns`): the engine only matches and ranks the text (FTS5); the filters,
  the counts and the page's order are array operations over the published cards' search columns,
  which each process keeps up to date (kierunek.catalogue.columns, decision 0002). Both ways give
  the same results (tests/catalogue/test_columns.py compares them).
- The page's cards are read with their provider (one query); their gmina and category are the
  reference data's.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, cast

import numpy as np
from django.db import connection, connections
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money
from kierunek.geo.domain import distance_km, is_gmina_teryt, is_powiat_teryt
from kierunek.geo.models import Gmina, Powiat
from kierunek.providers.models import Provider
from kierunek.quality.selectors import providers_holding_valid_mark

from .columns import FORM_CODES, LOG_HEAD_SQL, LogHead, card_columns, day_number
from .models import REMOTE_FORMS, CardStatus, Category, DeliveryForm, ServiceCard
from .text import QueryGroup, analyse_query

__all__ = [
    "MAX_PAGE_SIZE",
    "TRUE_VALUES",
    "FacetValue",
    "Facets",
    "SearchHit",
    "SearchParams",
    "SearchParamsError",
    "SearchResult",
    "SortOrder",
    "fts5_match_expression",
    "search_cards",
    "search_params_parse",
    "tsquery_expression",
]

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 200
MAX_RADIUS_KM = 500
RATING_RANGE = (1.0, 5.0)


class SortOrder(StrEnum):
    RELEVANCE = "relevance"  # needs a text; without one, by start date
    DISTANCE = "distance"  # needs a gmina; then by relevance (with a text) and start date
    PRICE = "price"  # gross price per participant, cheapest first
    START = "start"  # start date, soonest first


SORT_LABELS = {
    SortOrder.RELEVANCE: _("relevance"),
    SortOrder.DISTANCE: _("distance"),
    SortOrder.PRICE: _("price"),
    SortOrder.START: _("start date"),
}


@dataclass(frozen=True)
class SearchParams:
    """What a person looks for. Empty values filter nothing. ``price_max`` is in grosze,
    ``radius_km`` counts from the seat of gmina ``gmina`` (TERYT code); with a radius, remote
    forms are found only with ``include_remote``."""

    q: str = ""
    category: str = ""  # a category code; its subcategories are included
    forms: tuple[str, ...] = ()  # delivery forms (DeliveryForm values); any of them
    powiat: str = ""  # a powiat TERYT code: cards in its gminas
    gmina: str = ""
    radius_km: float | None = None
    include_remote: bool = False
    starts_after: date | None = None  # inclusive
    starts_before: date | None = None  # inclusive
    price_max: int | None = None
    quality_mark: bool = False
    min_rating: float | None = None
    free_places_only: bool = False
    sort: SortOrder = SortOrder.RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}.")
        if self.page < 1:
            raise ValueError("page must be at least 1.")

    @property
    def effective_sort(self) -> SortOrder:
        """Relevance without a text means nothing: then the start date."""
        if self.sort == SortOrder.RELEVANCE and not self.q.strip():
            return SortOrder.START
        return self.sort


class SearchParamsError(ValueError):
    """Parameters a search cannot run with: ``errors`` maps each parameter's name to a message
    a person understands (the API answers 422 with them, the page shows them at the field)."""

    def __init__(self, errors: Mapping[str, Any]) -> None:
        self.errors = {name: str(message) for name, message in errors.items()}
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


# The names of the query-string parameters, as the API documents them and the page's form sends.
PARAMETER_NAMES = (
    "q",
    "category",
    "form",
    "powiat",
    "gmina",
    "radius_km",
    "include_remote",
    "starts_after",
    "starts_before",
    "price_max",
    "quality_mark",
    "min_rating",
    "free_places",
    "sort",
    "page",
    "page_size",
)
TRUE_VALUES = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"0", "false", "off", "no"})


def _values(data: Mapping[str, Any], name: str) -> list[str]:
    getlist = getattr(data, "getlist", None)
    raw = getlist(name) if getlist else data.get(name)
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    return [str(item).strip() for item in items if str(item).strip()]


def search_params_parse(data: Mapping[str, Any]) -> SearchParams:
    """Read the search parameters from a query string (a QueryDict, or a mapping of names to a
    string or a list of strings). Empty values count as absent. Raises SearchParamsError naming
    every bad parameter."""
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {}

    def single(name: str) -> str:
        found = _values(data, name)
        return found[-1] if found else ""

    def number(name: str, *, low: float, high: float, integer: bool = False) -> float | int | None:
        text = single(name)
        if not text:
            return None
        try:
            value: float | int = int(text) if integer else float(text.replace(",", "."))
        except ValueError:
            errors[name] = _("Give a number.") if not integer else _("Give a whole number.")
            return None
        if not math.isfinite(value) or not low <= value <= high:
            errors[name] = _("Give a number from %(low)s to %(high)s.") % {"low": low, "high": high}
            return None
        return value

    def flag(name: str) -> bool:
        text = single(name).lower()
        if text and text not in TRUE_VALUES | _FALSE:
            errors[name] = _("Give true or false.")
        return text in TRUE_VALUES

    def day(name: str) -> date | None:
        text = single(name)
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            errors[name] = _("Give a date as YYYY-MM-DD.")
            return None

    q = " ".join(single("q").split())
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = _("The text is too long (at most %(max)d characters).") % {"max": MAX_QUERY_LENGTH}
    values["q"] = q

    category = single("category")
    if category and not category.replace("_", "").isalnum():
        errors["category"] = _("Unknown category.")
    values["category"] = category

    forms = tuple(dict.fromkeys(_values(data, "form")))
    unknown_forms = [form for form in forms if form not in DeliveryForm.values]
    if unknown_forms:
        errors["form"] = _("Unknown delivery form; use one of: %(forms)s.") % {
            "forms": ", ".join(DeliveryForm.values)
        }
    values["forms"] = forms

    powiat = single("powiat")
    if powiat and not is_powiat_teryt(powiat):
        errors["powiat"] = _(
            "A powiat TERYT code has 4 digits and, in Małopolska, starts with 12 (e.g. 1261)."
        )
    values["powiat"] = powiat

    gmina = single("gmina")
    if gmina and not is_gmina_teryt(gmina):
        errors["gmina"] = _(
            "A gmina TERYT code has 7 digits and, in Małopolska, starts with 12 (e.g. 1261011)."
        )
    values["gmina"] = gmina
    values["radius_km"] = number("radius_km", low=0, high=MAX_RADIUS_KM)
    if values["radius_km"] is not None and not gmina:
        errors.setdefault("radius_km", _("A radius needs a gmina to count from."))
    values["include_remote"] = flag("include_remote")

    values["starts_after"] = day("starts_after")
    values["starts_before"] = day("starts_before")
    if (
        values["starts_after"]
        and values["starts_before"]
        and values["starts_after"] > values["starts_before"]
    ):
        errors["starts_before"] = _("The end of the date range is before its start.")

    price_text = single("price_max")
    values["price_max"] = None
    if price_text:
        try:
            values["price_max"] = Money.from_pln(price_text).grosze
        except (TypeError, ValueError):
            errors["price_max"] = _("Give an amount in złoty, e.g. 1500 or 1234,50.")
        else:
            if values["price_max"] < 0:
                errors["price_max"] = _("The price cannot be negative.")

    values["quality_mark"] = flag("quality_mark")
    values["min_rating"] = number("min_rating", low=RATING_RANGE[0], high=RATING_RANGE[1])
    values["free_places_only"] = flag("free_places")

    sort = single("sort") or SortOrder.RELEVANCE
    if sort not in SortOrder.__members__.values():
        errors["sort"] = _("Sort by one of: %(orders)s.") % {"orders": ", ".join(SortOrder)}
        sort = SortOrder.RELEVANCE
    elif sort == SortOrder.DISTANCE and not gmina:
        errors["sort"] = _("Sorting by distance needs a gmina to count from.")
    values["sort"] = SortOrder(sort)

    page = number("page", low=1, high=MAX_PAGE, integer=True)
    page_size = number("page_size", low=1, high=MAX_PAGE_SIZE, integer=True)
    values["page"] = int(page or 1)
    values["page_size"] = int(page_size or DEFAULT_PAGE_SIZE)

    if errors:
        raise SearchParamsError(errors)
    return SearchParams(**values)


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    card: ServiceCard
    distance_km: float | None  # from the seat of the gmina searched from, when there is one
    rank: float  # the engine's relevance, higher is better; 0 without a text
    quality_mark: bool  # the provider holds a valid MSUES mark today


@dataclass(frozen=True)
class FacetValue:
    key: str  # category code, delivery form, powiat TERYT code
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts over the whole filtered set (not only the page)."""

    category: tuple[FacetValue, ...] = ()  # top-level categories, in the tree's order
    form: tuple[FacetValue, ...] = ()  # in the order of DeliveryForm
    powiat: tuple[FacetValue, ...] = ()  # most cards first (cards with a place in Małopolska)


@dataclass(frozen=True)
class SearchResult:
    params: SearchParams
    count: int
    items: tuple[SearchHit, ...]
    facets: Facets
    gmina: Gmina | None = None  # the gmina searched from
    notes: tuple[str, ...] = field(default=())

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.params.page_size))

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1

    @property
    def has_next(self) -> bool:
        return self.params.page < self.pages


# --- engine expressions ----------------------------------------------------------------------


def fts5_match_expression(groups: Sequence[QueryGroup]) -> str:
    """An FTS5 MATCH expression: groups ANDed, alternatives ORed, prefixes as ``"tok"*``. Tokens
    are [a-z0-9] (text.py), quoted anyway so that no token is read as an operator."""
    return " AND ".join(
        "(" + " OR ".join(f'"{alt.token}"' + ("*" if alt.prefix else "") for alt in group) + ")"
        for group in groups
    )


def tsquery_expression(groups: Sequence[QueryGroup]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression: ``(a | b:*) & (c)``."""
    return " & ".join(
        "(" + " | ".join(alt.token + (":*" if alt.prefix else "") for alt in group) + ")" for group in groups
    )


# --- reference data --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CategoryRow:
    pk: int
    code: str
    parent_id: int | None
    name: str
    name_en: str
    position: int


@dataclass(frozen=True, slots=True)
class _GminaRow:
    pk: int
    teryt: str
    lat: float
    lon: float
    powiat: Powiat


@dataclass(frozen=True)
class _Reference:
    """The category tree and the gminas, which every search reads whole."""

    fingerprint: tuple[Any, ...]
    loaded_at: float
    categories: tuple[_CategoryRow, ...]
    gminas: dict[int, _GminaRow]
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
_reference_cache: dict[str, _Reference] = {}


def _reference(*, log_head: bool = False) -> tuple[_Reference, LogHead | None]:
    """The reference data, and with ``log_head`` the newest row of the search columns' change log
    (SQLite; kierunek.catalogue.columns): both from one tiny statement."""
    with connection.cursor() as cursor:
        head_sql = f", {LOG_HEAD_SQL}" if log_head else ""
        # The categories' names too: the office may rename one in the back office.
        names = (
            "string_agg(name || '|' || name_en, ';' ORDER BY id)"
            if connection.vendor == "postgresql"
            else "group_concat(name || '|' || name_en, ';')"
        )
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM catalogue_category), (SELECT MAX(id) FROM catalogue_category), "  # noqa: S608
            f"(SELECT {names} FROM catalogue_category), "
            f"(SELECT COUNT(*) FROM geo_gmina), (SELECT MAX(id) FROM geo_gmina){head_sql}"
        )
        row = cursor.fetchone()
    fingerprint = (connection.alias, connection.settings_dict["NAME"], *row[:5])
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
        _CategoryRow(c.pk, c.code, c.parent_id, c.name, c.name_en, c.position)
        for c in category_models.values()
    )
    gmina_models = {gmina.pk: gmina for gmina in Gmina.objects.select_related("powiat")}
    gminas = {
        pk: _GminaRow(pk=pk, teryt=gmina.teryt, lat=gmina.lat, lon=gmina.lon, powiat=gmina.powiat)
        for pk, gmina in gmina_models.items()
    }
    reference = _Reference(
        fingerprint,
        time.monotonic(),
        categories,
        gminas,
        category_models=category_models,
        gmina_models=gmina_models,
    )
    _reference_cache[connection.alias] = reference
    return reference, head


# --- the search ------------------------------------------------------------------------------

# Stated literally, not as a parameter: the covering indexes are partial on exactly this.
_PUBLISHED = "c.status = 'published'"
assert CardStatus.PUBLISHED == "published"

# The columns a search reads from a card, named as the statement's parts use them.
_COLUMNS = (
    "c.id AS id, c.category_id AS category_id, c.delivery_form AS delivery_form, c.gmina_id AS gmina_id, "
    "c.starts_on AS starts_on, c.price_gross AS price_gross, c.provider_id AS provider_id"
)


@dataclass
class _Filter:
    """The cards a search may return: a FROM clause, conditions and their parameters, and the
    engine's rank (lower is better)."""

    sources: str = "catalogue_servicecard c"
    where: list[str] = field(default_factory=lambda: [_PUBLISHED])
    params: list[Any] = field(default_factory=list)
    rank: str = "0"
    text: bool = False  # a full-text match: the costly part, to compute once

    def add(self, condition: str, *params: Any) -> None:
        self.where.append(condition)
        self.params += params


def _text_filter(groups: Sequence[QueryGroup]) -> _Filter:
    if connection.vendor == "postgresql":
        return _Filter(
            sources=(
                "catalogue_searchdocument d CROSS JOIN to_tsquery('simple', %s) query "
                "JOIN catalogue_servicecard c ON c.id = d.card_id"
            ),
            where=["d.search_vector @@ query", _PUBLISHED],
            params=[tsquery_expression(groups)],
            rank="-ts_rank(d.search_vector, query)",
            text=True,
        )
    # CROSS JOIN makes SQLite run the full-text match first and look the cards up by id.
    return _Filter(
        sources=(
            "catalogue_search_fts CROSS JOIN catalogue_servicecard c ON c.id = catalogue_search_fts.rowid"
        ),
        where=["catalogue_search_fts MATCH %s", _PUBLISHED],
        params=[fts5_match_expression(groups)],
        rank="catalogue_search_fts.rank",
        text=True,
    )


def _category_ids(code: str, categories: Sequence[_CategoryRow]) -> list[int]:
    root = next((category for category in categories if category.code == code), None)
    if root is None:
        raise SearchParamsError({"category": _("Unknown category.")})
    ids, frontier = [root.pk], {root.pk}
    while frontier:
        frontier = {category.pk for category in categories if category.parent_id in frontier}
        ids += sorted(frontier)
    return ids


def _in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join(['%s'] * len(values))})" if values else "1 = 0"


def _statement(
    sql: _Filter,
    *,
    order_by: tuple[str, list[Any]],
    holders: tuple[str, tuple[Any, ...]],
    limit: int,
    offset: int,
) -> tuple[str, list[Any]]:
    """One statement for the whole search, and its parameters: counts per (category, form),
    counts per gmina (with a text on SQLite: counts per (category, form, gmina) instead), and the
    page: ids with their position, rank and whether their provider holds the quality mark (part,
    key, form, count or position, rank, mark). The first part's NULLs are typed: PostgreSQL
    takes the types of a UNION's columns from it.

    With a text the matching cards are computed once (a materialised CTE: the engine's match and
    rank are the costly part). Without one each part reads the cards itself: the planner answers
    each from the covering index in its order, without sorting and without the wide rows."""
    # Every fragment put into the text below is a constant of this module; values are parameters.
    order_sql, order_params = order_by
    holders_sql, holders_params = holders
    where = " AND ".join(sql.where)
    if sql.text:
        head = (
            f"WITH m AS MATERIALIZED (SELECT {_COLUMNS}, {sql.rank} AS rank "  # noqa: S608
            f"FROM {sql.sources} WHERE {where}) "
        )
        head_params, source, source_params = sql.params, "m", []
        page_source, page_params = "SELECT * FROM m", []
    else:
        head, head_params = "", []
        source, source_params = f"(SELECT {_COLUMNS} FROM {sql.sources} WHERE {where}) m", sql.params  # noqa: S608
        page_source = f"SELECT {_COLUMNS}, 0 AS rank FROM {sql.sources} WHERE {where}"  # noqa: S608
        page_params = sql.params
    typed_nulls = "CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS INTEGER)"
    if connection.vendor == "postgresql":
        # Both counts from one scan: grouping sets (SQLite has none).
        counts = (
            "SELECT CASE WHEN GROUPING(gmina_id) = 1 THEN 0 ELSE 1 END, "  # noqa: S608
            "CASE WHEN GROUPING(gmina_id) = 1 THEN category_id ELSE gmina_id END, delivery_form, COUNT(*), "
            f"{typed_nulls} FROM {source} "
            "GROUP BY GROUPING SETS ((category_id, delivery_form), (gmina_id)) "
        )
        counts_params = source_params
    elif sql.text:
        # SQLite has no grouping sets. The matching cards are a few thousand at most: one grouping
        # by (category, form, gmina), in the gmina's place the last column, added up in Python, is
        # cheaper than two groupings of the materialised matches.
        counts = (
            "SELECT 3, category_id, delivery_form, COUNT(*), CAST(NULL AS DOUBLE PRECISION), gmina_id "  # noqa: S608
            f"FROM {source} GROUP BY category_id, delivery_form, gmina_id "
        )
        counts_params = source_params
    else:
        # Without a text, each grouping is read in order from its covering index: two index scans
        # cost less than sorting (category, form, gmina) groups of the whole catalogue.
        counts = (
            f"SELECT 0, category_id, delivery_form, COUNT(*), {typed_nulls} FROM {source} "  # noqa: S608
            "GROUP BY category_id, delivery_form "
            f"UNION ALL SELECT 1, gmina_id, NULL, COUNT(*), NULL, NULL FROM {source} GROUP BY gmina_id "
        )
        counts_params = [*source_params, *source_params]
    statement = (
        f"{head}{counts}"  # noqa: S608
        f"UNION ALL SELECT 2, id, NULL, ROW_NUMBER() OVER (ORDER BY {order_sql}), rank, "
        f"CASE WHEN provider_id IN ({holders_sql}) THEN 1 ELSE 0 END "
        f"FROM ({page_source} ORDER BY {order_sql} LIMIT %s OFFSET %s) page"
    )
    params = [
        *head_params,
        *counts_params,
        *order_params,
        *holders_params,
        *page_params,
        *order_params,
        limit,
        offset,
    ]
    return statement, params


@lru_cache(maxsize=8)
def _holders(vendor: str, today: date) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the providers holding the quality mark on ``today`` and its parameters: the same
    on every search of the day, compiled once."""
    sql, params = providers_holding_valid_mark(today=today).query.sql_with_params()
    return sql, tuple(params)


@dataclass(frozen=True)
class _Criteria:
    """What the cards of a search must be, resolved against the reference data: the same for
    both ways a search runs (the engine's statement, or the columns in the process). Empty
    values filter nothing; ``gminas`` are a powiat's, ``near`` those within the radius."""

    category_ids: tuple[int, ...] = ()
    forms: tuple[str, ...] = ()
    gminas: tuple[int, ...] | None = None
    near: tuple[int, ...] | None = None
    include_remote: bool = False
    starts_after: date | None = None
    starts_before: date | None = None
    price_max: int | None = None
    min_rating: float | None = None
    free_places_only: bool = False
    quality_mark: bool = False


@dataclass(frozen=True)
class _Outcome:
    """What a search counted and the page it found: card id, rank (lower is better) and whether
    the provider holds the quality mark, in the page's order."""

    by_category: Counter[int]
    by_form: Counter[str]
    by_gmina: Counter[int]
    page: list[tuple[int, float, bool]]


def _resolve(params: SearchParams, reference: _Reference) -> tuple[_Criteria, Gmina | None, dict[int, float]]:
    """The criteria of ``params``, the gmina searched from and the distance of every gmina's seat
    from it. Raises SearchParamsError for an unknown category, powiat or gmina."""
    values: dict[str, Any] = {}
    if params.category:
        values["category_ids"] = tuple(_category_ids(params.category, reference.categories))
    if params.powiat:
        in_powiat = tuple(
            sorted(pk for pk, gmina in reference.gminas.items() if gmina.powiat.teryt == params.powiat)
        )
        if not in_powiat:
            raise SearchParamsError(
                {"powiat": _("No powiat has the TERYT code %(teryt)s.") % {"teryt": params.powiat}}
            )
        values["gminas"] = in_powiat
    origin: Gmina | None = None
    distances: dict[int, float] = {}
    if params.gmina:
        origin = next((g for g in reference.gmina_models.values() if g.teryt == params.gmina), None)
        if origin is None:
            raise SearchParamsError(
                {"gmina": _("No gmina has the TERYT code %(teryt)s.") % {"teryt": params.gmina}}
            )
        distances = {
            pk: distance_km(origin.lat, origin.lon, gmina.lat, gmina.lon)
            for pk, gmina in reference.gminas.items()
        }
    if params.radius_km is not None:
        # The gminas whose seat is within the radius, from the 182 seats in Python: the cards
        # are then filtered by gmina, with no trigonometry per card.
        values["near"] = tuple(sorted(pk for pk, km in distances.items() if km <= params.radius_km))
        values["include_remote"] = params.include_remote
    criteria = _Criteria(
        forms=params.forms,
        starts_after=params.starts_after,
        starts_before=params.starts_before,
        price_max=params.price_max,
        min_rating=params.min_rating,
        free_places_only=params.free_places_only,
        quality_mark=params.quality_mark,
        **values,
    )
    return criteria, origin, distances


# --- the search as one statement of the engine (PostgreSQL) -------------------------------------


def _run_statement(
    groups: Sequence[QueryGroup],
    criteria: _Criteria,
    *,
    sort: SortOrder,
    by_distance: Sequence[int],
    today: date,
    limit: int,
    offset: int,
) -> _Outcome:
    sql = _text_filter(groups) if groups else _Filter()
    if criteria.category_ids:
        sql.add(_in("c.category_id", criteria.category_ids), *criteria.category_ids)
    if criteria.forms:
        sql.add(_in("c.delivery_form", criteria.forms), *criteria.forms)
    if criteria.gminas is not None:
        sql.add(_in("c.gmina_id", criteria.gminas), *criteria.gminas)
    if criteria.near is not None:
        if criteria.include_remote:
            remote = sorted(REMOTE_FORMS)
            sql.add(
                f"({_in('c.gmina_id', criteria.near)} OR {_in('c.delivery_form', remote)})",
                *criteria.near,
                *remote,
            )
        else:
            sql.add(_in("c.gmina_id", criteria.near), *criteria.near)
    # Sorted by price, the page is read from the by-price index and the dates are a test on each
    # entry: as a way in (SQLite's "+" forbids it), the dates would have the whole range sorted.
    starts_on = "+c.starts_on" if connection.vendor == "sqlite" and sort == SortOrder.PRICE else "c.starts_on"
    if criteria.starts_after:
        sql.add(f"{starts_on} >= %s", criteria.starts_after)
    if criteria.starts_before:
        sql.add(f"{starts_on} <= %s", criteria.starts_before)
    if criteria.price_max is not None:
        sql.add("c.price_gross <= %s", criteria.price_max)
    if criteria.min_rating is not None:
        sql.add("c.rating_average >= %s", criteria.min_rating)
    if criteria.free_places_only:
        sql.add("c.seats_taken < c.max_participants")
    # The providers holding the quality mark today: a filter, and a flag on each card of the page.
    holders_sql, holders_params = _holders(connection.vendor, today)
    if criteria.quality_mark:
        # "+ 0": not a way in by the provider index (which would read the wide rows of half the
        # catalogue), only a test on each card the covering indexes give.
        sql.add(f"c.provider_id + 0 IN ({holders_sql})", *holders_params)

    # The order of the page. By distance: the gminas nearest first, as a CASE over their order,
    # cards without a place (remote, outside Małopolska) last.
    order_params: list[Any] = []
    if sort == SortOrder.DISTANCE:
        for position, pk in enumerate(by_distance):
            order_params += [pk, position]
        whens = " ".join(["WHEN %s THEN %s"] * len(by_distance))
        order = [f"CASE gmina_id {whens} ELSE {len(by_distance)} END", *(["rank"] if groups else [])]
        order += ["starts_on", "id"]
    elif sort == SortOrder.PRICE:
        order = ["price_gross", "starts_on", "id"]
    elif sort == SortOrder.RELEVANCE:
        order = ["rank", "starts_on", "id"]
    else:
        order = ["starts_on", "id"]

    statement, statement_params = _statement(
        sql,
        order_by=(", ".join(order), order_params),
        holders=(holders_sql, holders_params),
        limit=limit,
        offset=offset,
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, statement_params)
        rows = cursor.fetchall()

    outcome = _Outcome(Counter(), Counter(), Counter(), [])
    page_rows: list[tuple[int, int, float, bool]] = []
    for part, key, form, value, rank, marked in rows:
        if part == 0:
            outcome.by_category[key] += value
            outcome.by_form[form] += value
        elif part == 1:
            if key is not None:
                outcome.by_gmina[key] += value
        elif part == 3:  # (category, form, gmina): the gmina in the last column
            outcome.by_category[key] += value
            outcome.by_form[form] += value
            if marked is not None:
                outcome.by_gmina[marked] += value
        else:
            page_rows.append((value, key, float(rank or 0), bool(marked)))
    page_rows.sort()
    outcome.page.extend((card_id, rank, marked) for _position, card_id, rank, marked in page_rows)
    return outcome


# --- the search over the columns in the process (SQLite) ---------------------------------------


def _fts5_matches(groups: Sequence[QueryGroup]) -> tuple[np.ndarray, np.ndarray]:
    """Every card the text matches, with the engine's rank: the engine's only part."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, rank FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s",
            [fts5_match_expression(groups)],
        )
        rows = cursor.fetchall()
    # One pass over the rows (card ids are far below 2**53: exact as floats).
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows))
    return flat[0::2].astype(np.int64), flat[1::2]


_REMOTE_CODES = tuple(FORM_CODES.index(form) for form in sorted(REMOTE_FORMS))


def _counts(values: np.ndarray) -> dict[int, int]:
    """How many times each value occurs (the values are small non-negative integers: ids)."""
    counts = np.bincount(values)
    present = np.flatnonzero(counts)
    return dict(zip(present.tolist(), counts[present].tolist(), strict=True))


def _member(values: np.ndarray, allowed: Sequence[Any] | frozenset[Any]) -> np.ndarray:
    return np.isin(values, np.fromiter(allowed, dtype=values.dtype, count=len(allowed)))


def _run_columns(
    groups: Sequence[QueryGroup],
    criteria: _Criteria,
    *,
    sort: SortOrder,
    by_distance: Sequence[int],
    today: date,
    limit: int,
    offset: int,
    head: LogHead | None,
) -> _Outcome:
    """The same search as _run_statement, over kierunek.catalogue.columns: the engine only
    matches the text; filters, counts and the page's order are array operations. Identical
    results (tests/catalogue/test_columns.py compares the two)."""
    columns = card_columns(head)
    holders = columns.holders(today)
    ranks: np.ndarray | None = None
    if groups:
        matched_ids, matched_ranks = _fts5_matches(groups)
        at, found = columns.positions(matched_ids)
        ranks = matched_ranks[found]
    else:
        at = None  # every card

    def column(name: str) -> np.ndarray:
        values: np.ndarray = getattr(columns, name)
        return values if at is None else values[at]

    keep = np.ones(len(columns) if at is None else len(at), dtype=np.bool_)
    if criteria.category_ids:
        keep &= _member(column("category"), criteria.category_ids)
    form = column("form")
    if criteria.forms:
        keep &= _member(form, [FORM_CODES.index(value) for value in criteria.forms])
    if criteria.gminas is not None:
        keep &= _member(column("gmina"), criteria.gminas)
    if criteria.near is not None:
        near = _member(column("gmina"), criteria.near)
        if criteria.include_remote:
            near |= _member(form, _REMOTE_CODES)
        keep &= near
    if criteria.starts_after:
        keep &= column("day") >= day_number(criteria.starts_after)
    if criteria.starts_before:
        keep &= column("day") <= day_number(criteria.starts_before)
    if criteria.price_max is not None:
        keep &= column("price") <= criteria.price_max
    if criteria.min_rating is not None:
        keep &= column("rating") >= criteria.min_rating
    if criteria.free_places_only:
        keep &= column("free")
    if criteria.quality_mark:
        keep &= _member(column("provider"), holders)

    chosen = np.flatnonzero(keep)  # positions within column()
    by_form = _counts(column("form")[chosen])
    outcome = _Outcome(
        by_category=Counter(_counts(column("category")[chosen])),
        # A code past FORM_CODES is a value the catalogue does not know: counted, not shown.
        by_form=Counter({FORM_CODES[code]: n for code, n in by_form.items() if code < len(FORM_CODES)}),
        by_gmina=Counter({pk: n for pk, n in _counts(column("gmina")[chosen]).items() if pk}),
        page=[],
    )

    # The page: the chosen cards in the statement's order of the sort.
    if at is None and sort != SortOrder.DISTANCE:
        # Without a text every card ranks the same: relevance is the order of start dates.
        order = columns.by_price if sort == SortOrder.PRICE else columns.by_start
        page = order[keep[order]][offset : offset + limit]
    else:
        keys = [column("ids")[chosen], column("day")[chosen]]  # np.lexsort: the last key first
        if sort == SortOrder.PRICE:
            keys.append(column("price")[chosen])
        elif ranks is not None and sort in (SortOrder.RELEVANCE, SortOrder.DISTANCE):
            keys.append(ranks[chosen])
        if sort == SortOrder.DISTANCE:
            gmina = column("gmina")[chosen]
            nearest = np.full(max(int(gmina.max(initial=0)), *by_distance, 0) + 1, len(by_distance))
            nearest[list(by_distance)] = np.arange(len(by_distance))
            keys.append(nearest[gmina])
        page = chosen[np.lexsort(keys)][offset : offset + limit]
    ids = column("ids")[page].tolist()
    page_ranks = ranks[page].tolist() if ranks is not None else [0.0] * len(ids)
    providers = column("provider")[page].tolist()
    outcome.page.extend(
        (card_id, rank, provider in holders)
        for card_id, rank, provider in zip(ids, page_ranks, providers, strict=True)
    )
    return outcome


# A model read by the page's statement: the model, its fields' names, their columns in a row, and
# the converters of the columns that have any (position, column, functions).
_PagePart = tuple[type[Model], tuple[str, ...], slice, tuple[tuple[int, Any, tuple[Any, ...]], ...]]


@lru_cache(maxsize=4)
def _page_query(vendor: str) -> tuple[str, tuple[_PagePart, ...]]:
    """The statement that reads the cards of a page with their providers (``{}``: the
    placeholders of the ids), and for the card and then the provider: the model, its fields'
    names, their columns in a row and the converters of the columns that have any (as Django's
    compiler applies them)."""
    quote = connection.ops.quote_name
    columns: list[str] = []
    layout = []
    for model, alias in ((ServiceCard, "c"), (Provider, "p")):
        fields = model._meta.concrete_fields
        start = len(columns)
        converters = []
        for position, model_field in enumerate(fields, start):
            columns.append(f"{alias}.{quote(str(model_field.column))}")
            column = model_field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                converters.append((position, column, tuple(found)))
        names = tuple(model_field.attname for model_field in fields)
        layout.append((model, names, slice(start, len(columns)), tuple(converters)))
    statement = (
        f"SELECT {', '.join(columns)} FROM {quote(ServiceCard._meta.db_table)} c "  # noqa: S608
        f"JOIN {quote(Provider._meta.db_table)} p ON p.id = c.provider_id WHERE c.id IN ({{}})"
    )
    return statement, tuple(layout)


def _page_cards(ids: Sequence[int], reference: _Reference) -> dict[int, ServiceCard]:
    """The cards ``ids`` with their provider, gmina and category, by id: one query for the cards
    and their providers; the gminas and categories are the reference data's. What
    ``select_related`` would give (tests/catalogue/test_search.py compares them), at a fraction
    of its cost, which on a page of twenty cards is most of what a search adds to the engine's."""
    if not ids:
        return {}
    statement, layout = _page_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(statement.format(", ".join(["%s"] * len(ids))), list(ids))
        rows = cursor.fetchall()
    database = connections[connection.alias]  # not the proxy: it is read for every value
    alias = database.alias
    cards = {}
    for row in rows:
        values = list(row)
        made = []
        for model, names, columns, converters in layout:
            for position, column, functions in converters:
                for function in functions:
                    values[position] = function(values[position], column, database)
            made.append(model.from_db(alias, names, values[columns]))
        card, provider = cast(ServiceCard, made[0]), cast(Provider, made[1])
        card.provider = provider
        card.category = reference.category_models[card.category_id]
        card.gmina = reference.gmina_models[card.gmina_id] if card.gmina_id is not None else None
        cards[card.pk] = card
    return cards


def search_cards(
    params: SearchParams, *, today: date | None = None, columnar: bool | None = None
) -> SearchResult:
    """Published cards matching ``params``: the requested page, the total and the facets.
    Raises SearchParamsError for an unknown category, powiat or gmina.

    ``columnar`` chooses how: over the search columns kept in the process (the default on SQLite)
    or as one statement of the engine (the default elsewhere, and the only way there). Both give
    the same result."""
    today = today or timezone.localdate()
    sqlite = connection.vendor == "sqlite"
    columnar = sqlite if columnar is None else columnar
    if columnar and not sqlite:
        raise ValueError("The search columns are kept in the process only on SQLite.")
    groups = analyse_query(params.q) if params.q else ()
    reference, head = _reference(log_head=columnar)
    criteria, origin, distances = _resolve(params, reference)
    sort = params.effective_sort
    by_distance: list[int] = []
    if sort == SortOrder.DISTANCE:  # nearest seat first, ties by TERYT code
        by_distance = sorted(distances, key=lambda pk: (distances[pk], reference.gminas[pk].teryt))
    run = functools.partial(_run_columns, head=head) if columnar else _run_statement
    outcome = run(
        groups,
        criteria,
        sort=sort,
        by_distance=by_distance,
        today=today,
        limit=params.page_size,
        offset=(params.page - 1) * params.page_size,
    )

    cards = _page_cards([card_id for card_id, _rank, _marked in outcome.page], reference)
    items = tuple(
        SearchHit(
            card=card,
            distance_km=round(distances[card.gmina_id], 1) if card.gmina_id in distances else None,
            rank=-rank if groups else 0.0,
            quality_mark=marked,
        )
        for card_id, rank, marked in outcome.page
        if (card := cards.get(card_id)) is not None
    )
    return SearchResult(
        params=params,
        count=sum(outcome.by_category.values()),
        items=items,
        facets=_facets(outcome.by_category, outcome.by_form, outcome.by_gmina, reference=reference),
        gmina=origin,
    )


def _facets(
    by_category: Counter[int],
    by_form: Counter[str],
    by_gmina: Counter[int],
    *,
    reference: _Reference,
) -> Facets:
    categories, gminas = reference.categories, reference.gminas
    by_id = {category.pk: category for category in categories}
    language = (get_language() or "pl")[:2]

    def top(category_id: int) -> _CategoryRow:
        category = by_id[category_id]
        while category.parent_id is not None:
            category = by_id[category.parent_id]
        return category

    top_counts: Counter[int] = Counter()
    for category_id, count in by_category.items():
        top_counts[top(category_id).pk] += count
    category_values = tuple(
        FacetValue(
            key=category.code,
            label=category.name_en if language == "en" else category.name,
            count=top_counts[category.pk],
        )
        for category in categories
        if top_counts[category.pk]
    )
    form_values = tuple(
        FacetValue(key=form.value, label=str(form.label), count=by_form[form.value])
        for form in DeliveryForm
        if by_form[form.value]
    )
    by_powiat: Counter[int] = Counter()
    powiats: dict[int, Powiat] = {}
    for gmina_id, count in by_gmina.items():
        powiat = gminas[gmina_id].powiat
        by_powiat[powiat.pk] += count
        powiats[powiat.pk] = powiat
    language_key = get_language() or ""
    labels = {}
    for pk, powiat in powiats.items():
        label = reference.powiat_labels.get((language_key, pk))
        if label is None:
            label = reference.powiat_labels[language_key, pk] = str(powiat)
        labels[pk] = label
    powiat_values = tuple(
        FacetValue(key=powiats[pk].teryt, label=labels[pk], count=count)
        for pk, count in sorted(by_powiat.items(), key=lambda pair: (-pair[1], labels[pair[0]]))
    )
    return Facets(category=category_values, form=form_values, powiat=powiat_values)
