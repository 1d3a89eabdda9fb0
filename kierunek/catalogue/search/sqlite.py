"""SQLite (the embedded default): FTS5 matches and ranks the text (the virtual table
``catalogue_search_fts`` over SearchDocument's columns, one per weight class, migration 0008; its
``rank`` is ``bm25`` with the classes' weights, kierunek.catalogue.search.weights, set in the
table by the migration so that both ways of searching below read the same), and by default the filters,
the counts and the page's order are array operations over the published cards' search columns
that each process keeps up to date (kierunek.catalogue.search.columns, decision 0002; whether
they still earn their cost: decision 0004). The same search as one statement (the SQLite
:class:`SqliteDialect` of kierunek.catalogue.search.statement) gives the same results
(tests/catalogue/search/test_columns.py compares the two)."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
from django.db import connection

from ..models import REMOTE_FORMS
from .columns import FORM_CODES, card_columns, day_number
from .query import EngineQuery, SortOrder
from .results import MAX_DATES, Outcome
from .statement import PUBLISHED, TYPED_NULLS, KeptCounts, SqlFilter, StatementEngine
from .text import Alternative, QueryGroup, core_alternatives
from .weights import TYPED_WORD_BOOST


def fts5_match_expression(groups: Sequence[QueryGroup]) -> str:
    """An FTS5 MATCH expression: groups ANDed, alternatives ORed, prefixes as ``"tok"*``. Tokens
    are [a-z0-9] (text.py), quoted anyway so that no token is read as an operator."""
    return " AND ".join(_alternatives(group, "OR") for group in groups)


def _alternatives(alternatives: Sequence[Alternative], operator: str) -> str:
    return (
        "("
        + f" {operator} ".join(f'"{alt.token}"' + ("*" if alt.prefix else "") for alt in alternatives)
        + ")"
    )


def _boosted(groups: Sequence[QueryGroup]) -> list[list[tuple[Alternative, bool]]]:
    """Each group's alternatives, each with whether the typed words' boost counts it: a word as
    typed (``text.core_alternatives``, when some group has a family alternative) at its first
    occurrence (a word typed twice is boosted once, as PostgreSQL's ranking of the typed words
    does). The one walk that both ways of ranking the boost read, so that what one boosts the
    other leaves as it is."""
    core = set(core_alternatives(groups))
    boosted: list[list[tuple[Alternative, bool]]] = []
    for group in groups:
        boosted.append([])
        for alternative in group:
            boosted[-1].append((alternative, alternative in core))
            core.discard(alternative)
    return boosted


def fts5_ranked_expression(groups: Sequence[QueryGroup]) -> str:
    """The MATCH expression that ranks with the typed words' boost in one match:
    ``fts5_match_expression`` with each boosted alternative (``_boosted``) written 1 +
    TYPED_WORD_BOOST times among its group's alternatives. It matches what the plain expression
    matches (an alternative ORed with itself), and bm25, which sums over every phrase of the
    expression, gives a card its full rank plus TYPED_WORD_BOOST times that of its typed words.
    One of the two ways of ranking the boost (see ``TWO_MATCHES_FROM_TYPED``)."""
    copies = 1 + int(TYPED_WORD_BOOST)
    return " AND ".join(
        _alternatives(
            [copy for alternative, boosted in group for copy in [alternative] * (copies if boosted else 1)],
            "OR",
        )
        for group in _boosted(groups)
    )


def fts5_unboosted_expression(groups: Sequence[QueryGroup]) -> str:
    """The phrases of ``fts5_match_expression`` that ``fts5_ranked_expression`` does not write
    again (``_boosted``), ORed: the family alternatives, and a typed alternative's occurrences
    after its first. A card's rank by it is the part of the plain match's rank that the typed
    words' boost leaves as it is; empty when the query has no family alternative."""
    if not core_alternatives(groups):
        return ""
    return _alternatives(
        [alternative for group in _boosted(groups) for alternative, boosted in group if not boosted], "OR"
    )


# The typed words' boost is ranked in one of two ways, equal up to the last bits of a double
# (tests/catalogue/search/test_ranking.py), chosen by what they cost (decision 0007):
#
# - *copies*: one match of ``fts5_ranked_expression``. FTS5 reads every copy of a typed word as a
#   phrase of its own: its document frequency again, and its hits in every card, where bm25 goes
#   through all the phrases for each hit (the cost of a card grows with the phrases times the hits).
# - *two matches*: the plain match, and a second one of ``fts5_unboosted_expression``, whose
#   ranks say how much of each card's plain rank is not of its typed words (bm25 is a sum over
#   phrases, each phrase's term the same in any expression): boosted = (1 + B) * plain - B *
#   unboosted (``fts5_boosted``). The second match reads every card having a family word,
#   including cards the plain match does not find (in the process it ranks only those it found).
#
# The copies cost little with one or two typed alternatives ("fryzjer": 4 ms either way at
# 100 000 cards, "opiekun": 13.5 ms against 22) and much from three on ("opiekun osób starszych",
# seven typed alternatives: 30 ms against 20; "analiza danych": 25 against 7); the second match
# costs with every card having a family word, and gives way (read with a limit) when those are
# many against the cards matched ("programistka java": 556 cards found, 2 706 say "programować").
# The two matches are two statements: a card whose document changes between them is ranked from
# both versions by that one search (the next one ranks it right); one statement for both cost
# 1.5 ms more.
TWO_MATCHES_FROM_TYPED = 3
FAMILY_CARDS_PER_MATCH = 4


def fts5_boosted(plain: Any, unboosted: Any) -> Any:
    """A card's rank with the typed words' boost from its plain rank and its unboosted rank (0 for
    a card without a family word): the same arithmetic, in the same order, as ``_BOOSTED_SQL``,
    so that the search in the process and the statement give the same doubles."""
    return (1.0 + TYPED_WORD_BOOST) * plain - TYPED_WORD_BOOST * unboosted


_BOOSTED_SQL = f"{1.0 + TYPED_WORD_BOOST!r} * {{plain}} - {TYPED_WORD_BOOST!r} * COALESCE({{unboosted}}, 0.0)"


def _two_matches(typed: int, matched: int, family_cards: int) -> bool:
    """Whether the boost is ranked by two matches rather than by copies (see above)."""
    return typed >= TWO_MATCHES_FROM_TYPED and family_cards <= FAMILY_CARDS_PER_MATCH * matched


def _count(cursor: Any, expression: str, *, limit: int = -1) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM "
        "(SELECT 1 FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s LIMIT %s)",
        [expression, limit],
    )
    return int(cursor.fetchone()[0])


# CROSS JOIN makes SQLite run the full-text match first and look the cards up by id.
_FTS_CARDS = "catalogue_search_fts CROSS JOIN catalogue_servicecard c ON c.id = catalogue_search_fts.rowid"


class SqliteDialect:
    vendor = "sqlite"
    cards_by_provider = False  # the columns in the process count the holders' cards (decision 0002)

    def kept_counts(
        self, excluded: str, excluded_params: list[Any], *, starts_from: date | None = None
    ) -> KeptCounts | None:
        return None  # the columns in the process count the whole catalogue (decision 0002)

    def text_filter(self, groups: Sequence[QueryGroup], *, card_columns: bool = False) -> SqlFilter:
        sources = _FTS_CARDS
        typed = len(core_alternatives(groups))
        if typed >= TWO_MATCHES_FROM_TYPED:
            plain, unboosted = fts5_match_expression(groups), fts5_unboosted_expression(groups)
            with connection.cursor() as cursor:
                matched = _count(cursor, plain)
                limit = FAMILY_CARDS_PER_MATCH * matched
                family_cards = _count(cursor, unboosted, limit=limit + 1)
            if _two_matches(typed, matched, family_cards):
                # The second match's ranks, materialised once and looked up by card (its LIMIT keeps
                # SQLite from merging the subquery into the outer one).
                return SqlFilter(
                    sources=(
                        f"{sources} LEFT JOIN (SELECT rowid AS card, rank FROM catalogue_search_fts "  # noqa: S608
                        "WHERE catalogue_search_fts MATCH %s LIMIT -1) unboosted ON unboosted.card = c.id"
                    ),
                    where=["catalogue_search_fts MATCH %s", PUBLISHED],
                    params=[unboosted, plain],
                    rank=_BOOSTED_SQL.format(plain="catalogue_search_fts.rank", unboosted="unboosted.rank"),
                    text=True,
                )
        return SqlFilter(
            sources=sources,
            where=["catalogue_search_fts MATCH %s", PUBLISHED],
            params=[fts5_ranked_expression(groups)],
            rank="catalogue_search_fts.rank",
            text=True,
        )

    def counts(self, source: str, source_params: list[Any], *, text: bool) -> tuple[str, list[Any]]:
        if text:
            # SQLite has no grouping sets. The matching cards are a few thousand at most: one
            # grouping by (category, form, gmina), in the gmina's place the last column, added up in
            # Python, is cheaper than two groupings of the materialised matches.
            counts = (
                "SELECT 3, category_id, delivery_form, COUNT(*), CAST(NULL AS DOUBLE PRECISION), gmina_id "  # noqa: S608
                f"FROM {source} GROUP BY category_id, delivery_form, gmina_id "
            )
            return counts, source_params
        # Without a text, each grouping is read in order from its covering index: two index scans
        # cost less than sorting (category, form, gmina) groups of the whole catalogue.
        counts = (
            f"SELECT 0, category_id, delivery_form, COUNT(*), {TYPED_NULLS} FROM {source} "  # noqa: S608
            "GROUP BY category_id, delivery_form "
            f"UNION ALL SELECT 1, gmina_id, NULL, COUNT(*), NULL, NULL FROM {source} GROUP BY gmina_id "
        )
        return counts, [*source_params, *source_params]

    def starts_on(self, sort: SortOrder) -> str:
        # Sorted by price, the page is read from the by-price index and the dates are a test on
        # each entry: as a way in (SQLite's "+" forbids it), the dates would have the whole range
        # sorted.
        return "+c.starts_on" if sort == SortOrder.PRICE else "c.starts_on"

    def position(self, gminas: Sequence[int]) -> tuple[str, list[Any]]:
        whens = " ".join(["WHEN %s THEN %s"] * len(gminas))
        params: list[Any] = []
        for position, pk in enumerate(gminas):
            params += [pk, position]
        return f"CASE {{t}}gmina_id {whens} ELSE {len(gminas)} END", params


SQLITE_STATEMENT_ENGINE = StatementEngine(SqliteDialect(), name="sqlite-statement")


# --- the search over the columns in the process ------------------------------------------------


def fts5_matches(groups: Sequence[QueryGroup]) -> tuple[np.ndarray, np.ndarray]:
    """Every card the text matches, by id, with the engine's rank (the statement's: typed words
    above their families, ranked by copies or by two matches as the statement does): the
    engine's only part."""
    typed = len(core_alternatives(groups))
    with connection.cursor() as cursor:
        if typed < TWO_MATCHES_FROM_TYPED:
            return _ranked(cursor, fts5_ranked_expression(groups))
        ids, plain = _ranked(cursor, fts5_match_expression(groups))
        if not len(ids):
            return ids, plain
        limit = FAMILY_CARDS_PER_MATCH * len(ids)
        # Every card having a family word is read (up to the limit, to know how many), and ranked
        # only if the plain match found it: bm25 is most of what a card costs.
        cursor.execute(
            "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(%s)) THEN rank ELSE 0.0 END "
            "FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s LIMIT %s",
            [json.dumps(ids.tolist()), fts5_unboosted_expression(groups), limit + 1],
        )
        family_ids, family_ranks = _arrays(cursor.fetchall())
        if not _two_matches(typed, len(ids), len(family_ids)):
            return _ranked(cursor, fts5_ranked_expression(groups))
    unboosted = np.zeros(len(ids))
    order = np.argsort(ids)
    at = np.searchsorted(ids, family_ids, sorter=order)
    found = at < len(ids)
    found[found] = ids[order[at[found]]] == family_ids[found]
    unboosted[order[at[found]]] = family_ranks[found]
    return ids, fts5_boosted(plain, unboosted)


def _ranked(cursor: Any, expression: str) -> tuple[np.ndarray, np.ndarray]:
    cursor.execute(
        "SELECT rowid, rank FROM catalogue_search_fts WHERE catalogue_search_fts MATCH %s", [expression]
    )
    return _arrays(cursor.fetchall())


def _arrays(rows: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Card ids and ranks of (id, rank) rows, in one pass (ids are far below 2**53: exact as
    floats)."""
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


def _search_columns(query: EngineQuery) -> Outcome:
    """The same search as the statement's, over kierunek.catalogue.search.columns: the engine
    only matches the text; filters, counts and the page's order are array operations. Identical
    results (tests/catalogue/search/test_columns.py compares the two)."""
    groups, criteria, sort, by_distance = query.groups, query.criteria, query.sort, query.by_distance
    limit, offset = query.limit, query.offset
    columns = card_columns(query.head)
    holders = columns.holders(query.today)
    ranks: np.ndarray | None = None
    if groups:
        matched_ids, matched_ranks = fts5_matches(groups)
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
    if criteria.card_ids is not None:
        keep &= _member(column("ids"), criteria.card_ids)

    chosen = np.flatnonzero(keep)  # positions within column()
    by_form = _counts(column("form")[chosen])
    outcome = Outcome(
        by_category=Counter(_counts(column("category")[chosen])),
        # A code past FORM_CODES is a value the catalogue does not know: counted, not shown.
        by_form=Counter({FORM_CODES[code]: n for code, n in by_form.items() if code < len(FORM_CODES)}),
        by_gmina=Counter({pk: n for pk, n in _counts(column("gmina")[chosen]).items() if pk}),
        page=[],
    )

    # The chosen cards in the statement's order of the sort.
    if at is None and sort != SortOrder.DISTANCE:
        # Without a text every card ranks the same: relevance is the order of start dates.
        order = columns.by_price if sort == SortOrder.PRICE else columns.by_start
        ordered = order[keep[order]]
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
        ordered = chosen[np.lexsort(keys)]
    # One result per service group: its first card in that order; the groups in the order of those.
    codes = column("group_codes")
    page = _grouped_page(ordered, codes, offset=offset, limit=limit, outcome=outcome)
    ids = column("ids")[page].tolist()
    page_ranks = ranks[page].tolist() if ranks is not None else [0.0] * len(ids)
    providers = column("provider")[page].tolist()
    outcome.page.extend(
        (card_id, rank, provider in holders)
        for card_id, rank, provider in zip(ids, page_ranks, providers, strict=True)
    )
    _other_dates(page, chosen, codes, column("ids"), column("day"), outcome=outcome)
    return outcome


def _grouped_page(
    ordered: np.ndarray, codes: np.ndarray, *, offset: int, limit: int, outcome: Outcome
) -> np.ndarray:
    """The positions of the page's results among ``ordered`` (the chosen cards in the page's
    order): the first card of each group (``codes``: each position's group as a small number),
    the groups in the order of their first cards; the number of groups into ``outcome``.

    The first cards are looked for in a prefix of ``ordered`` that grows until it holds enough
    groups: the first ``offset + limit`` groups of a prefix are the first ones of the whole (a
    group's first card in a prefix is its first card), so a broad search does not go through
    every card in order."""
    ordered_codes = codes[ordered]
    outcome.groups = int(np.count_nonzero(np.bincount(ordered_codes))) if len(ordered) else 0
    wanted = offset + limit
    size = 4 * wanted + 64
    while True:
        prefix = ordered_codes[:size]
        _codes, firsts = np.unique(prefix, return_index=True)
        if len(firsts) >= wanted or size >= len(ordered):
            break
        size *= 4
    firsts.sort()
    return ordered[firsts[offset:wanted]]


def _other_dates(
    page: np.ndarray,
    chosen: np.ndarray,
    codes: np.ndarray,
    ids: np.ndarray,
    days: np.ndarray,
    *,
    outcome: Outcome,
) -> None:
    """For each result of ``page`` whose group has other chosen cards: their ids by start date
    then id (the first MAX_DATES) and the number of the group's chosen cards, into ``outcome``;
    as the statement's part 4."""
    if not len(page):
        return
    slot = np.full(int(codes.max(initial=-1)) + 1, -1, dtype=np.int64)  # group -> result on the page
    slot[codes[page]] = np.arange(len(page))
    members = chosen[slot[codes[chosen]] >= 0]
    member_slots = slot[codes[members]]
    by_date = np.lexsort((ids[members], days[members], member_slots))
    members, member_slots = members[by_date], member_slots[by_date]
    sizes = np.bincount(member_slots, minlength=len(page))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    place = np.arange(len(members)) - starts[member_slots]  # by date within its group, from 0
    listed = (members != page[member_slots]) & (place <= MAX_DATES)
    page_ids = ids[page].tolist()
    for index in np.flatnonzero(sizes > 1).tolist():
        mine = members[listed & (member_slots == index)]
        outcome.dates[page_ids[index]] = ids[mine[:MAX_DATES]].tolist()
        outcome.dates_count[page_ids[index]] = int(sizes[index])


class ColumnsEngine:
    """FTS5 for the text, the search columns in the process for the rest (SQLite's default)."""

    name = "sqlite-columns"
    # The newest row of the columns' change log is read with the reference data (no extra query).
    reads_log_head = True
    reads_page = False  # its page is found in the process, its cards read after

    def search(self, query: EngineQuery) -> Outcome:
        return _search_columns(query)


SQLITE_COLUMNS_ENGINE = ColumnsEngine()
