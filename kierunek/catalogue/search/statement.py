"""The search as one SQL statement of the engine: the way PostgreSQL runs every search, and the
way SQLite runs one when asked to (``search_cards(columnar=False)``: the comparison with the
columns, the benchmark's plain path).

One statement gives the counts per (category, form) and per gmina (the facets; the total is their
sum) and the ids of the requested page, with their rank and whether their provider holds the
quality mark today. With a text, the engine's match and rank are computed once (a materialised
CTE; where the engine can rank one card alone, the rank only where the page's order needs it,
decision 0007); without one, each part is answered from a covering partial index on the published cards
(ServiceCard.Meta.indexes). What differs between the engines (the full-text match, how the
counts are grouped) is their :class:`Dialect` (kierunek.catalogue.search.postgres, .sqlite).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from django.db import connection

from kierunek.quality.selectors import providers_holding_valid_mark

from ..models import REMOTE_FORMS, CardStatus
from .query import EngineQuery, SortOrder
from .results import Outcome
from .text import QueryGroup

# Stated literally, not as a parameter: the covering indexes are partial on exactly this.
PUBLISHED = "c.status = 'published'"
assert CardStatus.PUBLISHED == "published"

# The columns a search reads from a card, named as the statement's parts use them.
_COLUMNS = (
    "c.id AS id, c.category_id AS category_id, c.delivery_form AS delivery_form, c.gmina_id AS gmina_id, "
    "c.starts_on AS starts_on, c.price_gross AS price_gross, c.provider_id AS provider_id"
)

# The first part's NULLs are typed: PostgreSQL takes the types of a UNION's columns from it.
TYPED_NULLS = "CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS INTEGER)"


@dataclass
class SqlFilter:
    """The cards a search may return: a FROM clause, conditions and their parameters, and the
    engine's rank (lower is better)."""

    sources: str = "catalogue_servicecard c"
    where: list[str] = field(default_factory=lambda: [PUBLISHED])
    params: list[Any] = field(default_factory=list)
    rank: str = "0"
    text: bool = False  # a full-text match: the costly part, to compute once
    # The rank of one matched card alone, its id in place of ``{id}``, and its parameters (empty:
    # the rank is computed with the match for every card): ranking reads the whole document, so
    # an engine that can look one up ranks only the cards the page's order needs ranked.
    rank_of: str = ""
    rank_of_params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.where.append(condition)
        self.params += params


class Dialect(Protocol):
    """What the statement leaves to the engine of the database."""

    vendor: str

    def text_filter(self, groups: Sequence[QueryGroup]) -> SqlFilter:
        """The cards the text matches, with the engine's rank."""
        ...

    def counts(self, source: str, source_params: list[Any], *, text: bool) -> tuple[str, list[Any]]:
        """The statement's counting parts over ``source`` (rows: part, key, form, count, and two
        more columns; see :func:`statement`) and their parameters."""
        ...

    def starts_on(self, sort: SortOrder) -> str:
        """The start date's column as the date filters test it."""
        ...

    def position(self, gminas: Sequence[int]) -> tuple[str, list[Any]]:
        """The position of a card's ``gmina_id`` in ``gminas`` (nearest first), ``len(gminas)``
        for a card without one or in another gmina; and its parameters."""
        ...


def _in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join(['%s'] * len(values))})" if values else "1 = 0"


def statement(
    dialect: Dialect,
    sql: SqlFilter,
    *,
    order_by: tuple[str, list[Any]],
    holders: tuple[str, tuple[Any, ...]],
    limit: int,
    offset: int,
    by_rank: bool = False,
    position: tuple[str, list[Any]] | None = None,
) -> tuple[str, list[Any]]:
    """One statement for the whole search, and its parameters: the dialect's counts (per
    (category, form) and per gmina, or per (category, form, gmina)), and the page: ids with
    their position, rank and whether their provider holds the quality mark (part, key, form,
    count or position, rank, mark).

    With a text the matching cards are computed once (a materialised CTE: the engine's match and
    rank are the costly part). Without one each part reads the cards itself: the planner answers
    each from the covering index in its order, without sorting and without the wide rows.

    The rank, where the engine can look one card's up (``sql.rank_of``), is computed only where
    the order needs it: for every match when the page is ordered ``by_rank``; by distance (the
    gmina's ``position`` first, then the rank) only for the matches at the positions the page
    reaches; otherwise for the page's cards alone."""
    # Every fragment put into the text below is a constant of this package; values are parameters.
    order_sql, order_params = order_by
    holders_sql, holders_params = holders
    where = " AND ".join(sql.where)
    rank, rank_params = "rank", []
    if sql.text:
        late = bool(sql.rank_of) and (position is not None or not by_rank)
        head = (
            f"WITH m AS MATERIALIZED (SELECT {_COLUMNS}{'' if late else f', {sql.rank} AS rank'} "  # noqa: S608
            f"FROM {sql.sources} WHERE {where}) "
        )
        head_params, source, source_params = sql.params, "m", []
        page_source, page_params = "SELECT * FROM m", []
        if late and position is not None:
            # The matches at the positions up to that of the page's last card, ranked.
            at, at_params = position
            page_source = (
                f"SELECT m.*, {sql.rank_of.replace('{id}', 'm.id')} AS rank FROM m "  # noqa: S608
                f"WHERE {at} <= COALESCE((SELECT {at} FROM m ORDER BY 1 LIMIT 1 OFFSET %s), {at})"
            )
            page_params = [*sql.rank_of_params, *at_params, *at_params, offset + limit - 1, *at_params]
        elif late:  # the rank is not in the order: the page's cards ranked
            rank, rank_params = sql.rank_of.replace("{id}", "page.id"), sql.rank_of_params
    else:
        head, head_params = "", []
        source, source_params = f"(SELECT {_COLUMNS} FROM {sql.sources} WHERE {where}) m", sql.params  # noqa: S608
        page_source = f"SELECT {_COLUMNS}, 0 AS rank FROM {sql.sources} WHERE {where}"  # noqa: S608
        page_params = sql.params
    counts, counts_params = dialect.counts(source, source_params, text=sql.text)
    text = (
        f"{head}{counts}"  # noqa: S608
        f"UNION ALL SELECT 2, id, NULL, ROW_NUMBER() OVER (ORDER BY {order_sql}), {rank}, "
        f"CASE WHEN provider_id IN ({holders_sql}) THEN 1 ELSE 0 END "
        f"FROM ({page_source} ORDER BY {order_sql} LIMIT %s OFFSET %s) page"
    )
    params = [
        *head_params,
        *counts_params,
        *order_params,
        *rank_params,
        *holders_params,
        *page_params,
        *order_params,
        limit,
        offset,
    ]
    return text, params


@lru_cache(maxsize=8)
def _holders(vendor: str, today: date) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the providers holding the quality mark on ``today`` and its parameters: the same
    on every search of the day, compiled once."""
    sql, params = providers_holding_valid_mark(today=today).query.sql_with_params()
    return sql, tuple(params)


class StatementEngine:
    """A search engine that answers a search with one statement in ``dialect``."""

    reads_log_head = False

    def __init__(self, dialect: Dialect, *, name: str) -> None:
        self.dialect = dialect
        self.name = name

    def search(self, query: EngineQuery) -> Outcome:
        groups, criteria, sort = query.groups, query.criteria, query.sort
        sql = self.dialect.text_filter(groups) if groups else SqlFilter()
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
        starts_on = self.dialect.starts_on(sort)
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
        if criteria.card_ids is not None:
            sql.add(_in("c.id", criteria.card_ids), *criteria.card_ids)
        # The providers holding the quality mark today: a filter, and a flag on each card of the page.
        holders_sql, holders_params = _holders(self.dialect.vendor, query.today)
        if criteria.quality_mark:
            # "+ 0": not a way in by the provider index (which would read the wide rows of half the
            # catalogue), only a test on each card the covering indexes give.
            sql.add(f"c.provider_id + 0 IN ({holders_sql})", *holders_params)

        # The order of the page. By distance: the gminas nearest first (the dialect's position),
        # cards without a place (remote, outside Małopolska) last.
        order_params: list[Any] = []
        position = None
        if sort == SortOrder.DISTANCE:
            position = self.dialect.position(query.by_distance)
            order_params = position[1]
            order = [position[0], *(["rank"] if groups else []), "starts_on", "id"]
        elif sort == SortOrder.PRICE:
            order = ["price_gross", "starts_on", "id"]
        elif sort == SortOrder.RELEVANCE:
            order = ["rank", "starts_on", "id"]
        else:
            order = ["starts_on", "id"]

        text, params = statement(
            self.dialect,
            sql,
            order_by=(", ".join(order), order_params),
            holders=(holders_sql, holders_params),
            limit=query.limit,
            offset=query.offset,
            by_rank="rank" in order,
            position=position,
        )
        with connection.cursor() as cursor:
            cursor.execute(text, params)
            rows = cursor.fetchall()

        outcome = Outcome(Counter(), Counter(), Counter(), [])
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
