"""The user's query: the query string parsed into :class:`SearchParams` (the page and the API
parse theirs with :func:`search_params_parse`, so they search alike), and resolved against the
reference data into :class:`Criteria`, the typed query every engine answers
(:class:`EngineQuery`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.core.money import Money
from kierunek.geo.domain import distance_km, is_gmina_teryt, is_powiat_teryt
from kierunek.geo.models import Gmina

from ..models import CardStatus, DeliveryForm, ServiceCard
from .columns import LogHead
from .reference import CategoryRow, Reference
from .text import QueryGroup

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
    qualification: str = ""  # a qualification's code in the register (ZRK): the cards leading to it
    exact: bool = False  # the text as typed only: no correction, no partial match (search.fallback)
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
    "kwalifikacja",
    "exact",
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
    values["exact"] = flag("exact")

    qualification = single("kwalifikacja").upper()
    if qualification and (
        len(qualification) > 40
        or not qualification.replace(".", "").replace("-", "").replace("_", "").isalnum()
    ):
        errors["kwalifikacja"] = _("Unknown qualification code.")
    values["qualification"] = qualification

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


# --- the typed query the engines answer ------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
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
    # The cards leading to this qualification (its code in the register): they are ``card_ids``.
    qualification: str = ""
    # Only among these cards (None: all): the saved searches' alerts ask which of the cards
    # published since the last digest a search finds (kierunek.catalogue.saved_searches).
    card_ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class PageRead:
    """How an engine that answers with one statement reads the page's cards in it (decision 0007,
    "the page's cards in the search's statement"): the select list (``width`` columns) and the
    FROM clause, in which ``{}`` stands for the condition on the ids of the cards ``c``."""

    columns: str
    sources: str
    width: int


@dataclass(frozen=True)
class EngineQuery:
    """One search as an engine runs it: the analysed text (``groups``, empty without a text), the
    criteria, the order, the gminas nearest first (by distance), the day (who holds the quality
    mark) and the page's window. ``head`` is the newest row of the search columns' change log,
    read with the reference data for an engine that asks for it (kierunek.catalogue.search.engine).
    ``page_read``: the page's cards (and their other dates) to read in the same statement, for an
    engine that can (:attr:`Outcome.page_rows`)."""

    groups: Sequence[QueryGroup]
    criteria: Criteria
    sort: SortOrder
    by_distance: Sequence[int]
    today: date
    limit: int
    offset: int
    head: LogHead | None = None
    page_read: PageRead | None = None


def _category_ids(code: str, categories: Sequence[CategoryRow]) -> list[int]:
    root = next((category for category in categories if category.code == code), None)
    if root is None:
        raise SearchParamsError({"category": _("Unknown category.")})
    ids, frontier = [root.pk], {root.pk}
    while frontier:
        frontier = {category.pk for category in categories if category.parent_id in frontier}
        ids += sorted(frontier)
    return ids


def criteria_resolve(
    params: SearchParams, reference: Reference
) -> tuple[Criteria, Gmina | None, dict[int, float]]:
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
    if params.qualification:
        values["qualification"] = params.qualification
        values["card_ids"] = tuple(
            ServiceCard.objects.filter(qualification_code=params.qualification, status=CardStatus.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    criteria = Criteria(
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
