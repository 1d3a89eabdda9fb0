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
from datetime import date
from functools import lru_cache
from typing import Any, cast

from django.db import connection, connections
from django.db.models import Model
from django.utils import timezone

from kierunek.providers.models import Provider

from ..models import ServiceCard
from .engine import engine_for
from .query import EngineQuery, SearchParams, SortOrder, criteria_resolve
from .reference import Reference, reference_data
from .results import SearchHit, SearchResult, facets_build
from .text import analyse_query


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
    params: SearchParams, *, today: date | None = None, columnar: bool | None = None
) -> SearchResult:
    """Published cards matching ``params``: the requested page, the total and the facets.
    Raises SearchParamsError for an unknown category, powiat or gmina.

    ``columnar`` chooses how: over the search columns kept in the process (the default on SQLite)
    or as one statement of the engine (the default elsewhere, and the only way there). Both give
    the same result."""
    today = today or timezone.localdate()
    engine = engine_for(connection.vendor, columnar=columnar)
    groups = analyse_query(params.q) if params.q else ()
    reference, head = reference_data(log_head=engine.reads_log_head)
    criteria, origin, distances = criteria_resolve(params, reference)
    sort = params.effective_sort
    by_distance: list[int] = []
    if sort == SortOrder.DISTANCE:  # nearest seat first, ties by TERYT code
        by_distance = sorted(distances, key=lambda pk: (distances[pk], reference.gminas[pk].teryt))
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
        )
    )

    # The page's cards and their other dates, in one read.
    wanted = [card_id for card_id, _rank, _marked in outcome.page]
    wanted += [other for others in outcome.dates.values() for other in others]
    cards = page_cards(wanted, reference)
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


def page_cards(ids: Sequence[int], reference: Reference) -> dict[int, ServiceCard]:
    """The cards ``ids`` with their provider, gmina and category, by id: one query for the cards
    and their providers; the gminas and categories are the reference data's. What
    ``select_related`` would give (tests/catalogue/search/test_search.py compares them), at a fraction
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
