"""The search of the published cards: :func:`search_cards`, which the page (/uslugi/), the API
(/api/v1/services) and other contexts call.

How one search runs, and why it is fast (a few queries, whatever the number of results):

- Reference data (the category tree, the 182 gminas with their seats and powiats) is kept per
  process and checked against a fingerprint of both tables: one tiny query (on SQLite it also
  reads the newest row of the search columns' change log) (kierunek.catalogue.search.reference).
- Distance is by gmina seat, so the gminas within the radius are computed in Python from the
  seats (kierunek.geo.domain.distance_km) and the cards are filtered by gmina, ordered by the
  gminas' order: no trigonometry per card (kierunek.catalogue.search.query).
- The engine of the database counts and finds the page (kierunek.catalogue.search.engine).
- The page's cards are read with their provider (one query); their gmina and category are the
  reference data's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any, cast

from django.db import connection, connections
from django.db.models import Model
from django.utils import timezone

from kierunek.providers.models import Provider

from ..models import ServiceCard
from .columns import LogHead
from .engine import SearchEngine, engine_for
from .fallback import SUGGEST_BELOW, result_relaxed
from .query import (
    Criteria,
    EngineQuery,
    PageRead,
    SearchParams,
    SearchParamsError,
    SortOrder,
    criteria_resolve,
)
from .reference import Reference, fingerprint_sql, reference_cached, reference_data, reference_is_current
from .results import SearchHit, SearchResult, facets_build
from .text import QueryGroup, analyse_query


def search_version() -> tuple[Any, ...] | None:
    """A value that changes whenever what a search finds may change: a published card added,
    changed (places taken, a price, a rating) or withdrawn, a category renamed; None where the
    engine keeps no change log to read it from cheaply (PostgreSQL's statement engine). For
    caching results; what it does not cover (a provider renamed, a quality mark granted or
    expired, the date) a cache bounds by its lifetime and its key."""
    engine = engine_for(connection.vendor)
    if not engine.reads_log_head:
        return None
    reference, head = reference_data(log_head=True)
    return (reference.fingerprint, head)


def search_cards(
    params: SearchParams,
    *,
    today: date | None = None,
    columnar: bool | None = None,
    among: Sequence[int] | None = None,
    relax: bool = True,
) -> SearchResult:
    """Published cards matching ``params``: the requested page, the total and the facets.
    Raises SearchParamsError for an unknown category, powiat or gmina. ``among`` limits the
    search to these cards (the alerts of saved searches: which of the new cards it finds).

    ``columnar`` chooses how: over the search columns kept in the process (the default on SQLite)
    or as one statement of the engine (the default elsewhere, and the only way there). Both give
    the same result. A search that finds nothing or very little is relaxed, saying how
    (kierunek.catalogue.search.fallback), unless ``relax`` is false or it is limited to
    ``among`` (an alert tells of exactly what matches)."""
    today = today or timezone.localdate()
    engine = engine_for(connection.vendor, columnar=columnar)
    groups = analyse_query(params.q) if params.q else ()
    # An engine that needs nothing read before it searches (the statement engines) searches with
    # the reference data the process holds, and checks them with the page's cards: a round trip
    # less. When they changed meanwhile (rare), they are read again and the search made again.
    result: SearchResult | None = None
    head: LogHead | None = None
    if not engine.reads_log_head and (cached := reference_cached()) is not None:
        reference = cached
        try:
            result = _search(params, engine, groups, today, cached, None, checked=False, among=among)
        except SearchParamsError:  # perhaps a category or gmina the process does not know yet
            result = None
    if result is None:
        reference, head = reference_data(log_head=engine.reads_log_head)
        result = _search(params, engine, groups, today, reference, head, checked=True, among=among)
        assert result is not None  # checked: never None
    if not relax or among is not None or result.count >= SUGGEST_BELOW:
        return result
    criteria = criteria_resolve(params, reference)[0]
    searcher = _Searcher(params, criteria, reference, engine, head, today, columnar)
    return result_relaxed(result, searcher, groups)


def _search(
    params: SearchParams,
    engine: SearchEngine,
    groups: Sequence[QueryGroup],
    today: date,
    reference: Reference,
    head: LogHead | None,
    *,
    checked: bool,
    among: Sequence[int] | None = None,
) -> SearchResult | None:
    """The search with ``reference``; None when they were not ``checked`` and turn out not to be
    the database's."""
    criteria, origin, distances = criteria_resolve(params, reference)
    if among is not None:
        among_set = set(among) if criteria.card_ids is None else set(among) & set(criteria.card_ids)
        criteria = replace(criteria, card_ids=tuple(sorted(among_set)))
    sort = params.effective_sort
    by_distance: list[int] = []
    if sort == SortOrder.DISTANCE:  # nearest seat first, ties by TERYT code
        by_distance = sorted(distances, key=lambda pk: (distances[pk], reference.gminas[pk].teryt))
    page_read, layout = _page_read(connection.vendor, not checked) if engine.reads_page else (None, ())
    outcome = engine.search(
        EngineQuery(
            groups=groups,
            criteria=criteria,
            sort=sort,
            by_distance=by_distance,
            today=today,
            limit=params.page_size,
            offset=(params.page - 1) * params.page_size,
            head=head,
            page_read=page_read,
        )
    )

    # The page's cards and their other dates, in one read (or read with the search).
    cards: dict[int, ServiceCard] | None
    if outcome.page_rows is not None:
        cards = _cards_read(outcome.page_rows, layout, reference, checked=checked)
    else:
        wanted = [card_id for card_id, _rank, _marked in outcome.page]
        wanted += [other for others in outcome.dates.values() for other in others]
        cards = page_cards(wanted, reference) if checked else page_cards_checked(wanted, reference)
    if cards is None:
        return None
    items = tuple(
        SearchHit(
            card=card,
            distance_km=round(distances[card.gmina_id], 1) if card.gmina_id in distances else None,
            rank=-rank if groups else 0.0,
            quality_mark=marked,
            dates=tuple(cards[other] for other in outcome.dates.get(card_id, ()) if other in cards),
            dates_count=outcome.dates_count.get(card_id, 1),
        )
        for card_id, rank, marked in outcome.page
        if (card := cards.get(card_id)) is not None
    )
    return SearchResult(
        params=params,
        count=outcome.groups,
        items=items,
        facets=facets_build(outcome.by_category, outcome.by_form, outcome.by_gmina, reference=reference),
        gmina=origin,
        dates_count=sum(outcome.by_category.values()),
    )


@dataclass
class _Searcher:
    """The search being relaxed, for kierunek.catalogue.search.fallback: counts of other texts
    and criteria with the same engine, day and change-log row."""

    params: SearchParams
    criteria: Criteria
    reference: Reference
    engine: SearchEngine
    head: LogHead | None
    today: date
    columnar: bool | None

    @property
    def version(self) -> tuple[Any, ...] | None:
        return (self.reference.fingerprint, self.head) if self.engine.reads_log_head else None

    def count(self, groups: Sequence[QueryGroup], criteria: Criteria) -> int:
        """Services, not cards: what a result's ``count`` says, so that "remove the price filter
        (12)" promises the 12 results the page then shows."""
        query = EngineQuery(groups, criteria, SortOrder.START, (), self.today, 0, 0, self.head)
        return self.engine.search(query).groups

    def result(self, q: str) -> SearchResult:
        params = replace(self.params, q=q)
        return search_cards(params, today=self.today, columnar=self.columnar, relax=False)


# A model read by the page's statement: the model, its fields' names, their columns in a row, and
# the converters of the columns that have any (position, column, functions).
_PagePart = tuple[type[Model], tuple[str, ...], slice, tuple[tuple[int, Any, tuple[Any, ...]], ...]]


@lru_cache(maxsize=8)
def _page_query(vendor: str, checked: bool = False) -> tuple[str, tuple[_PagePart, ...]]:
    """The statement that reads the cards of a page with their providers (``{}``: the
    condition on the ids), and for the card and then the provider: the model, its fields'
    names, their columns in a row and the converters of the columns that have any (as Django's
    compiler applies them). ``checked``: each row begins with the reference data's fingerprint
    (kierunek.catalogue.search.reference), and there is one row without cards."""
    quote = connection.ops.quote_name
    columns: list[str] = [f"f.f{number}" for number in range(5)] if checked else []
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
    cards = (
        f"{quote(ServiceCard._meta.db_table)} c "
        f"JOIN {quote(Provider._meta.db_table)} p ON p.id = c.provider_id"
    )
    if checked:
        statement = (
            f"SELECT {', '.join(columns)} FROM ({fingerprint_sql()}) f "  # noqa: S608
            f"LEFT JOIN ({cards}) ON {{}}"
        )
    else:
        statement = f"SELECT {', '.join(columns)} FROM {cards} WHERE {{}}"  # noqa: S608
    return statement, tuple(layout)


@lru_cache(maxsize=8)
def _page_read(vendor: str, checked: bool) -> tuple[PageRead, tuple[_PagePart, ...]]:
    """:func:`_page_query` as a part of the engine's statement (EngineQuery.page_read), and its
    layout."""
    statement, layout = _page_query(vendor, checked)
    columns, _from, sources = statement.removeprefix("SELECT ").partition(" FROM ")
    return PageRead(columns=columns, sources=sources, width=len(columns.split(", "))), layout


def _cards_read(
    rows: Sequence[Sequence[Any]], layout: tuple[_PagePart, ...], reference: Reference, *, checked: bool
) -> dict[int, ServiceCard] | None:
    """The cards of the rows the engine read with :func:`_page_read`; None when they were to be
    ``checked`` and the reference data turn out not to be the database's."""
    if checked:
        return _cards_made(rows, layout, reference)
    if not rows or not reference_is_current(reference, rows[0][:5]):
        return None
    return _cards_made([row[5:] for row in rows if row[5] is not None], layout, reference, shift=5)


def _page_rows(ids: Sequence[int], *, checked: bool) -> tuple[list[tuple[Any, ...]], tuple[_PagePart, ...]]:
    statement, layout = _page_query(connection.vendor, checked)
    condition = f"c.id IN ({', '.join(['%s'] * len(ids))})" if ids else "1 = 0"
    with connection.cursor() as cursor:
        cursor.execute(statement.format(condition), list(ids))
        return cursor.fetchall(), layout


def page_cards(ids: Sequence[int], reference: Reference) -> dict[int, ServiceCard]:
    """The cards ``ids`` with their provider, gmina and category, by id: one query for the cards
    and their providers; the gminas and categories are the reference data's. What
    ``select_related`` would give (tests/catalogue/search/test_search.py compares them), at a fraction
    of its cost, which on a page of twenty cards is most of what a search adds to the engine's."""
    if not ids:
        return {}
    rows, layout = _page_rows(ids, checked=False)
    return _cards_made(rows, layout, reference)


def page_cards_checked(ids: Sequence[int], reference: Reference) -> dict[int, ServiceCard] | None:
    """:func:`page_cards`, and in the same statement a check that ``reference`` is the database's
    reference data: None when it is not."""
    rows, layout = _page_rows(ids, checked=True)
    if not reference_is_current(reference, rows[0][:5]):
        return None
    return _cards_made([row[5:] for row in rows if row[5] is not None], layout, reference, shift=5)


def _cards_made(
    rows: Sequence[Sequence[Any]], layout: tuple[_PagePart, ...], reference: Reference, *, shift: int = 0
) -> dict[int, ServiceCard]:
    database = connections[connection.alias]  # not the proxy: it is read for every value
    alias = database.alias
    cards = {}
    for row in rows:
        values = list(row)
        made = []
        for model, names, columns, converters in layout:
            for position, column, functions in converters:
                for function in functions:
                    values[position - shift] = function(values[position - shift], column, database)
            made.append(model.from_db(alias, names, values[columns.start - shift : columns.stop - shift]))
        card, provider = cast(ServiceCard, made[0]), cast(Provider, made[1])
        card.provider = provider
        card.category = reference.category_models[card.category_id]
        card.gmina = reference.gmina_models[card.gmina_id] if card.gmina_id is not None else None
        cards[card.pk] = card
    return cards
