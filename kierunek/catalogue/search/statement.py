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
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from django.db import connection

from kierunek.quality.selectors import providers_holding_valid_mark

from ..models import REMOTE_FORMS, CardStatus
from .query import Criteria, EngineQuery, PageRead, SortOrder
from .results import MAX_DATES, Outcome
from .text import QueryGroup

# Stated literally, not as a parameter: the covering indexes are partial on exactly this.
PUBLISHED = "c.status = 'published'"
assert CardStatus.PUBLISHED == "published"

# The columns a search reads from a card, named as the statement's parts use them.
_COLUMNS = (
    "c.id AS id, c.category_id AS category_id, c.delivery_form AS delivery_form, c.gmina_id AS gmina_id, "
    "c.starts_on AS starts_on, c.price_gross AS price_gross, c.provider_id AS provider_id, "
    "c.service_group AS service_group"
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
    # Conditions that the counting parts of a search without a text state otherwise (by their
    # place in ``where``; the same parameters): a way in by an index that the page must not take.
    counting: dict[int, str] = field(default_factory=dict)

    def add(self, condition: str, *params: Any, counting: str = "") -> None:
        if counting:
            self.counting[len(self.where)] = counting
        self.where.append(condition)
        self.params += params

    def counting_where(self) -> str:
        """The conditions as the counting parts state them."""
        return " AND ".join(self.counting.get(place, condition) for place, condition in enumerate(self.where))


@dataclass(frozen=True)
class KeptCounts:
    """The statement's counting parts read from counts the database keeps (Dialect.kept_counts):
    the common table expressions they need (each followed by a comma) with their parameters, and
    the parts (rows as :func:`statement`'s, the first typed)."""

    tables: str
    params: list[Any]
    counts: str


class Dialect(Protocol):
    """What the statement leaves to the engine of the database."""

    vendor: str
    # Whether a covering index of the published cards led by the provider lets the counts of a
    # search of the quality mark's holders read their cards alone (PostgreSQL, migration 0017).
    cards_by_provider: bool

    def text_filter(self, groups: Sequence[QueryGroup], *, card_columns: bool = False) -> SqlFilter:
        """The cards the text matches, with the engine's rank. ``card_columns``: the filters also
        test the card's columns that a booking or a rating changes (seats, rating), which a
        document need not carry (PostgreSQL's documents carry the others, migration 0014)."""
        ...

    def counts(self, source: str, source_params: list[Any], *, text: bool) -> tuple[str, list[Any]]:
        """The statement's counting parts over ``source`` (rows: part, key, form, count, and two
        more columns; see :func:`statement`) and their parameters."""
        ...

    def starts_on(self, sort: SortOrder) -> str:
        """The start date's column as the date filters test it."""
        ...

    def kept_counts(
        self, excluded: str, excluded_params: list[Any], *, starts_from: date | None = None
    ) -> KeptCounts | None:
        """The statement's parts 0, 1 and 6 of a search without a text, from counts of the whole
        catalogue that the database keeps, less the published cards that ``excluded`` (a
        condition on the cards ``c``, "" for none; ``excluded_params`` its parameters) names;
        None where the database keeps no counts. ``starts_from``: the excluded cards are exactly
        those that start before this date (the groups kept are those with a card from it on)."""
        ...

    def position(self, gminas: Sequence[int]) -> tuple[str, list[Any]]:
        """The position of a card's ``gmina_id`` in ``gminas`` (nearest first), ``len(gminas)``
        for a card without one or in another gmina; and its parameters. ``{t}`` stands for the
        table's alias and a dot (the page's order is written for several aliases)."""
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
    kept_counts: KeptCounts | None = None,
    page_read: PageRead | None = None,
) -> tuple[str, list[Any]]:
    """One statement for the whole search, and its parameters. Rows of (part, key, form, count
    or position, rank, mark):

    - the dialect's counts of the matching cards (per (category, form) and per gmina, or per
      (category, form, gmina)): parts 0, 1 and 3;
    - the page (part 2): one result per service group (ServiceCard.service_group), its best card
      in the order of the page (a card no matching card of its group precedes: an anti-join that
      the planner runs in the page's order, probing the index by group, and stops at the page),
      with its position, rank and whether its provider holds the quality mark; the groups are in
      the order of their best cards;
    - the group's other matching dates (part 4): card id, the result's card id, the date's
      position in its group by start date (its first MAX_DATES + 1 only) and the number of the
      group's matching cards;
    - the number of groups (part 6, a distinct count): the results, what the pages count.

    With a text the matching cards are computed once (a materialised CTE: the engine's match and
    rank are the costly part). Without one the counts read the cards themselves: the planner
    answers each from the covering index in its order, without sorting and without the wide
    rows; or, with ``kept_counts`` (:meth:`Dialect.kept_counts`), parts 0, 1 and 6 come from
    the counts the database keeps.

    With ``page_read``, the page's cards and their other dates as it reads them (part 5: its
    columns after the first six, NULL there), every other row followed by as many NULLs: one round
    trip for the whole search."""
    # Every fragment put into the text below is a constant of this package; values are parameters.
    order_template, order_params = order_by
    holders_sql, holders_params = holders
    where = " AND ".join(sql.where)

    def keys(alias: str) -> str:
        return order_template.replace("{t}", alias)

    if sql.text:
        head = (
            f"WITH m AS MATERIALIZED (SELECT {_COLUMNS}, {sql.rank} AS rank "  # noqa: S608
            f"FROM {sql.sources} WHERE {where}), "
        )
        head_params, source, source_params = sql.params, "m", []
        cards, cards_params = "m", []
        counted = cards
    else:
        head, head_params = "WITH ", []
        counted = f"(SELECT {_COLUMNS} FROM {sql.sources} WHERE {sql.counting_where()})"  # noqa: S608
        source, source_params = f"{counted} m", sql.params
        cards = f"(SELECT {_COLUMNS}, 0 AS rank FROM {sql.sources} WHERE {where})"  # noqa: S608
        cards_params = sql.params
    if kept_counts:
        head, head_params = f"{head}{kept_counts.tables}", [*head_params, *kept_counts.params]
        counts: str = f"{kept_counts.counts} "
        counts_params: list[Any] = []
    else:
        counts, counts_params = dialect.counts(source, source_params, text=sql.text)
    parts = (
        f"{counts}"  # noqa: S608
        f"UNION ALL SELECT 2, id, NULL, ROW_NUMBER() OVER (ORDER BY {keys('')}), rank, "
        f"CASE WHEN provider_id IN ({holders_sql}) THEN 1 ELSE 0 END FROM page "
        "UNION ALL SELECT 4, id, NULL, result, d, dates FROM dates "
    )
    if not kept_counts:
        # (A card without a group, which save() never leaves, is a service of its own, as in the
        # anti-join above and in the columns: the group as the column is, for its index.)
        parts += (
            "UNION ALL SELECT 6, NULL, NULL, COUNT(DISTINCT COALESCE(service_group, -id)), NULL, NULL "  # noqa: S608
            f"FROM {counted} y"
        )
    if page_read is not None:
        # The page's cards and their other dates (part 5, first: its columns' types are the
        # union's), the other parts' rows widened by as many NULLs.
        wanted = "c.id IN (SELECT id FROM page UNION ALL SELECT id FROM dates)"
        parts = (
            f"SELECT 5, NULL, NULL, NULL, NULL, NULL, {page_read.columns} "  # noqa: S608
            f"FROM {page_read.sources.format(wanted)} "
            f"UNION ALL SELECT s.*{', NULL' * page_read.width} FROM ({parts}) s"
        )
    text = (
        # The page: the cards no better card of their group (in the page's order) precedes. An
        # anti-join that stops at the page, read in the page's order, probing the group index.
        f"{head}page AS (SELECT p.* FROM {cards} p WHERE NOT EXISTS (SELECT 1 FROM {cards} o "  # noqa: S608
        f"WHERE o.service_group = p.service_group AND ({keys('o.')}) < ({keys('p.')})) "
        f"ORDER BY {keys('p.')} LIMIT %s OFFSET %s), "
        # The results' other dates: the first MAX_DATES + 1 of each group by start (one may be
        # the result's own card), with the number of the group's matching cards.
        "dates AS (SELECT * FROM (SELECT x.id AS id, page.id AS result, "
        "ROW_NUMBER() OVER (PARTITION BY page.id ORDER BY x.starts_on, x.id) AS d, "
        "COUNT(*) OVER (PARTITION BY page.id) AS dates "
        f"FROM {cards} x JOIN page ON page.service_group = x.service_group) o "
        f"WHERE id <> result AND d <= {MAX_DATES + 1}) "
        f"{parts}"
    )
    params = [
        *head_params,
        *cards_params,
        *cards_params,
        *order_params,
        *order_params,
        *order_params,
        limit,
        offset,
        *cards_params,
        *counts_params,
        *order_params,
        *holders_params,
        *([] if kept_counts else cards_params),
    ]
    return text, params


@lru_cache(maxsize=8)
def _holders(vendor: str, today: date) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the providers holding the quality mark on ``today`` and its parameters: the same
    on every search of the day, compiled once."""
    sql, params = providers_holding_valid_mark(today=today).query.sql_with_params()
    return sql, tuple(params)


class StatementEngine:
    """A search engine that answers a search with one statement in ``dialect``. ``kept_counts``:
    a search of the whole catalogue reads the counts the dialect keeps, if it keeps any (false:
    counts the cards, to compare the two). ``by_provider``: the counts of a search of the quality
    mark's holders without a text read the holders' cards by their provider, if the dialect has
    an index for it (false: test every published card, to compare the two)."""

    reads_log_head = False
    reads_page = True  # EngineQuery.page_read

    def __init__(
        self, dialect: Dialect, *, name: str, kept_counts: bool = True, by_provider: bool = True
    ) -> None:
        self.dialect = dialect
        self.name = name
        self.kept_counts = kept_counts
        self.by_provider = by_provider and dialect.cards_by_provider

    def _kept_counts(self, query: EngineQuery) -> KeptCounts | None:
        """The counts of a search without a text from those the database keeps, when it keeps
        any and the search's filters keep most of the catalogue: none, a start from a date on
        (the cards before it are the excluded ones, a range of the by-start index), free places
        only (the full cards: a test on each entry of an index, nothing counted for most). Those
        filters' counts are then the catalogue's less the few excluded cards' instead of a count
        of the most that are kept."""
        criteria = query.criteria
        if not self.kept_counts or query.groups:
            return None
        if replace(criteria, starts_after=None, free_places_only=False) != Criteria():
            return None
        excluded: list[str] = []
        params: list[Any] = []
        if criteria.starts_after:
            excluded.append(f"{self.dialect.starts_on(query.sort)} < %s")
            params.append(criteria.starts_after)
        if criteria.free_places_only:
            excluded.append("c.seats_taken >= c.max_participants")
        starts_from = None if criteria.free_places_only else criteria.starts_after
        return self.dialect.kept_counts(" OR ".join(excluded), params, starts_from=starts_from)

    def search(self, query: EngineQuery) -> Outcome:
        groups, criteria, sort = query.groups, query.criteria, query.sort
        card_columns = criteria.free_places_only or criteria.min_rating is not None
        sql = self.dialect.text_filter(groups, card_columns=card_columns) if groups else SqlFilter()
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
            # catalogue), only a test on each card the covering indexes give. Where the holders'
            # cards have a covering index of their own, the counts of a search without a text
            # read it (the holders' ranges of it, instead of testing every published card).
            by_provider = f"c.provider_id IN ({holders_sql})" if self.by_provider else ""
            sql.add(f"c.provider_id + 0 IN ({holders_sql})", *holders_params, counting=by_provider)

        # The order of the page. By distance: the gminas nearest first (the dialect's position),
        # cards without a place (remote, outside Małopolska) last.
        order_params: list[Any] = []
        if sort == SortOrder.DISTANCE:
            at, order_params = self.dialect.position(query.by_distance)
            order = [at, *(["{t}rank"] if groups else []), "{t}starts_on", "{t}id"]
        elif sort == SortOrder.PRICE:
            order = ["{t}price_gross", "{t}starts_on", "{t}id"]
        elif sort == SortOrder.RELEVANCE:
            order = ["{t}rank", "{t}starts_on", "{t}id"]
        else:
            order = ["{t}starts_on", "{t}id"]

        text, params = statement(
            self.dialect,
            sql,
            order_by=(", ".join(order), order_params),  # "{t}": a table's alias and a dot, or nothing
            holders=(holders_sql, holders_params),
            limit=query.limit,
            offset=query.offset,
            kept_counts=self._kept_counts(query),
            page_read=query.page_read,
        )
        with connection.cursor() as cursor:
            cursor.execute(text, params)
            rows = cursor.fetchall()

        outcome = Outcome(Counter(), Counter(), Counter(), [])
        page_rows: list[tuple[int, int, float, bool]] = []
        others: dict[int, list[tuple[int, int]]] = {}
        if query.page_read is not None:
            outcome.page_rows = []
        for part, key, form, value, rank, marked, *read in rows:
            if part == 5:
                outcome.page_rows.append(tuple(read))  # type: ignore[union-attr]
            elif part == 0:
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
            elif part == 2:
                page_rows.append((value, key, float(rank or 0), bool(marked)))
            elif part == 4:  # another date of the result ``value``: its place by date, the total
                others.setdefault(value, []).append((int(rank), key))
                outcome.dates_count[value] = marked
            else:
                outcome.groups = value
        page_rows.sort()
        outcome.page.extend((card_id, rank, marked) for _position, card_id, rank, marked in page_rows)
        for card_id, dated in others.items():
            outcome.dates[card_id] = [other for _place, other in sorted(dated)[:MAX_DATES]]
        return outcome
