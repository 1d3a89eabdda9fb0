"""What a search gives: the engine's :class:`Outcome` (counts and the page's card ids), and
the :class:`SearchResult` made of it (the page's cards, the total, the facets)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from kierunek.geo.models import Gmina, Powiat

from ..models import DeliveryForm, ServiceCard
from .query import SearchParams
from .reference import CategoryRow, Reference

# The other dates of a result that a search lists, at most (the earliest ones); dates_count
# says how many there are.
MAX_DATES = 12


@dataclass(frozen=True)
class SearchHit:
    """One result: a service, as its card that comes first in the page's order, with the other
    matching dates of the same service (the cards of its service group that match the same text
    and filters; ServiceCard.service_group)."""

    card: ServiceCard
    distance_km: float | None  # from the seat of the gmina searched from, when there is one
    rank: float  # the engine's relevance, higher is better; 0 without a text
    quality_mark: bool  # the provider holds a valid MSUES mark today
    # The group's other matching cards by start date (then id), at most MAX_DATES of them.
    dates: tuple[ServiceCard, ...] = ()
    dates_count: int = 1  # the group's matching cards, this one included

    @property
    def all_dates(self) -> tuple[ServiceCard, ...]:
        """This card and the listed other dates, by start date then id."""
        return tuple(sorted((self.card, *self.dates), key=lambda card: (card.starts_on, card.pk)))


@dataclass(frozen=True)
class FacetValue:
    key: str  # category code, delivery form, powiat TERYT code
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts over the whole filtered set (not only the page), of cards: each date of a
    service counts (a service's dates may lie in different powiats)."""

    category: tuple[FacetValue, ...] = ()  # top-level categories, in the tree's order
    form: tuple[FacetValue, ...] = ()  # in the order of DeliveryForm
    powiat: tuple[FacetValue, ...] = ()  # most cards first (cards with a place in Małopolska)


@dataclass(frozen=True)
class Correction:
    word: str  # as typed
    correction: str  # the catalogue's word it was taken for


@dataclass(frozen=True)
class Loosen:
    """What removing one filter (or, named "all", every active one) would give: the query
    string's ``parameters`` to remove and the number of results (services, as
    SearchResult.count) then found."""

    name: str
    parameters: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class SearchResult:
    params: SearchParams
    count: int  # the results: services (service groups), what the pages count
    items: tuple[SearchHit, ...]
    facets: Facets
    gmina: Gmina | None = None  # the gmina searched from
    notes: tuple[str, ...] = field(default=())
    # When params.q found nothing (kierunek.catalogue.search.fallback): the text whose results
    # these are instead, the typed words corrected in it and the typed words left out of it.
    relaxed_q: str = ""
    corrections: tuple[Correction, ...] = ()
    missing_words: tuple[str, ...] = ()
    # When the filters exclude everything: what loosening each would give.
    loosen: tuple[Loosen, ...] = ()
    # A few results, and a word that looks mistyped: the text with it corrected ("did you mean").
    suggestion: str = ""

    @property
    def relaxed(self) -> bool:
        """The results are not those of the text as typed (nothing is relaxed silently)."""
        return bool(self.relaxed_q) and self.count > 0

    dates_count: int = 0  # the matching cards (every date of every service): what the facets count

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.params.page_size))

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1

    @property
    def has_next(self) -> bool:
        return self.params.page < self.pages


@dataclass
class Outcome:
    """What a search counted and the page it found: card id, rank (lower is better) and whether
    the provider holds the quality mark, in the page's order, one card per service group; the
    number of groups; for a result with other matching dates, their ids by start date then id
    (the first MAX_DATES) and the number of the group's matching cards."""

    by_category: Counter[int]
    by_form: Counter[str]
    by_gmina: Counter[int]
    page: list[tuple[int, float, bool]]
    groups: int = 0
    dates: dict[int, list[int]] = field(default_factory=dict)
    dates_count: dict[int, int] = field(default_factory=dict)
    # The rows of EngineQuery.page_read when the engine read them in its statement, else None.
    page_rows: list[tuple[Any, ...]] | None = None


def facets_build(
    by_category: Counter[int],
    by_form: Counter[str],
    by_gmina: Counter[int],
    *,
    reference: Reference,
) -> Facets:
    categories, gminas = reference.categories, reference.gminas
    by_id = {category.pk: category for category in categories}
    language = (get_language() or "pl")[:2]

    def top(category_id: int) -> CategoryRow:
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
