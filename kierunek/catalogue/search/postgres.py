"""PostgreSQL full-text search (production): the search as one statement
(kierunek.catalogue.search.statement) with PostgreSQL's match (``to_tsquery('simple', ...)``
over SearchDocument.search_vector, migration 0008: each weight class's tokens with its label) and
its grouping sets, which give both counts from one scan. The rank is ``ts_rank`` with the classes'
weights (kierunek.catalogue.search.weights)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from .query import SortOrder
from .statement import PUBLISHED, TYPED_NULLS, KeptCounts, SqlFilter, StatementEngine
from .text import QueryGroup, core_alternatives
from .weights import TYPED_WORD_BOOST, ts_rank_weights

# ts_rank's weights of the labels D, C, B, A: the same table as FTS5's bm25 on SQLite.
_RANK = "-ts_rank('" + ts_rank_weights() + "'::float4[], {t}search_vector, query)"
# With family alternatives, the rank of the full match plus that of the words as typed
# (``text.core_alternatives``; 0 for a card found by a family word alone), as on SQLite.
_CORE_RANK = (
    _RANK + f" - {TYPED_WORD_BOOST!r} * ts_rank('{ts_rank_weights()}'::float4[], {{t}}search_vector, core)"
)
# A document as the statement reads a card (``statement._COLUMNS``, the filters): its own copy of
# the card's columns that a text search needs (migration 0014, kept in step by triggers).
_DOCUMENTS_AS_CARDS = (
    "(SELECT card_id AS id, status, category_id, delivery_form, gmina_id, starts_on, price_gross, "
    "provider_id, service_group, search_vector FROM catalogue_searchdocument) c"
)


def tsquery_expression(groups: Sequence[QueryGroup]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression: ``(a | b:*) & (c)``."""
    return " & ".join(
        "(" + " | ".join(alt.token + (":*" if alt.prefix else "") for alt in group) + ")" for group in groups
    )


def tsquery_core_expression(groups: Sequence[QueryGroup]) -> str:
    """Any of the query's words as typed (``text.core_alternatives``): ``a | c``; empty when no
    group has a family alternative."""
    return " | ".join(alt.token + (":*" if alt.prefix else "") for alt in core_alternatives(groups))


# The facets and the number of results of the whole catalogue, as the triggers of migration 0015
# keep them: the statement's parts 0 (per category and form), 1 (per gmina; 0 for none) and 6.
_FACETS = "catalogue_search_facet_counts"
_GROUPS = "catalogue_search_group_counts"
_KEPT_COUNTS = (
    "SELECT CAST(part AS INTEGER), NULLIF(key, 0), delivery_form, CAST(cards AS BIGINT), "  # noqa: S608
    f"{TYPED_NULLS} FROM {_FACETS} WHERE cards > 0 "
    f"UNION ALL SELECT 6, NULL, NULL, COUNT(*), NULL, NULL FROM {_GROUPS}"
)
# The same less the published cards that the search's filters exclude (``{x}``: their condition on
# the cards ``c``): counted per (category, form) (GROUPING 1) and per gmina (2) in ``excluded``,
# per service group in ``excluded_groups`` (two CTEs of the statement, so that the planner knows
# the groups are many: it joins them by hashing, not by a probe each); the kept counts less
# theirs, and the groups less those whose every card is excluded (as many excluded cards as the
# group has). A card without a group (which save() never leaves) is a group of its own.
# (By the group's column, not ``COALESCE(service_group, -id)``: the by-start index, whose range
# gives the cards before a date, holds every search column but the id.)
_EXCLUDED_CARDS = f"FROM catalogue_servicecard c WHERE {PUBLISHED} AND ({{x}})"
_EXCLUDED = (
    "excluded AS MATERIALIZED (SELECT GROUPING(category_id, gmina) AS s, category_id, delivery_form, gmina, "  # noqa: S608
    "COUNT(*) AS n FROM (SELECT category_id, delivery_form, COALESCE(gmina_id, 0) AS gmina "
    f"{_EXCLUDED_CARDS}) e GROUP BY GROUPING SETS ((category_id, delivery_form), (gmina))), "
)
_EXCLUDED_GROUPS = (
    "excluded_groups AS MATERIALIZED (SELECT service_group, COUNT(*) AS n "
    f"{_EXCLUDED_CARDS} GROUP BY service_group), "
)
_FACETS_LESS = (
    "SELECT CAST(part AS INTEGER), NULLIF(key, 0), delivery_form, CAST(SUM(n) AS BIGINT), "  # noqa: S608
    f"{TYPED_NULLS} FROM (SELECT part, key, delivery_form, cards AS n FROM {_FACETS} UNION ALL "
    "SELECT CASE s WHEN 1 THEN 0 ELSE 1 END, CASE s WHEN 1 THEN category_id ELSE gmina END, "
    "CASE s WHEN 1 THEN delivery_form ELSE '' END, -n FROM excluded) d "
    "GROUP BY part, key, delivery_form HAVING SUM(n) > 0 "
)
_KEPT_COUNTS_LESS = (
    f"{_FACETS_LESS}UNION ALL SELECT 6, NULL, NULL, (SELECT COUNT(*) FROM {_GROUPS}) - "  # noqa: S608
    "(SELECT COUNT(*) FROM excluded_groups xg "
    f"JOIN {_GROUPS} g ON g.service_group = xg.service_group AND g.cards = xg.n) "
    "- (SELECT COALESCE(SUM(n), 0) FROM excluded_groups WHERE service_group IS NULL), NULL, NULL"
)
# When the excluded cards are those that start before a date (the CTE's parameter), a group is
# excluded whole exactly when its latest start (migration 0018) is before the date: the groups
# kept are a range of the index on the latest start, nothing is joined.
_GROUPS_FROM = f"kept_groups AS (SELECT COUNT(*) AS n FROM {_GROUPS} WHERE latest_start >= %s), "  # noqa: S608
_KEPT_COUNTS_FROM = f"{_FACETS_LESS}UNION ALL SELECT 6, NULL, NULL, (SELECT n FROM kept_groups), NULL, NULL"  # noqa: S608


class PostgresDialect:
    vendor = "postgresql"
    cards_by_provider = True  # migration 0017

    def kept_counts(
        self, excluded: str, excluded_params: list[Any], *, starts_from: date | None = None
    ) -> KeptCounts:
        if not excluded:
            return KeptCounts("", [], _KEPT_COUNTS)
        if starts_from is not None:
            return KeptCounts(
                _EXCLUDED.replace("{x}", excluded) + _GROUPS_FROM,
                [*excluded_params, starts_from],
                _KEPT_COUNTS_FROM,
            )
        return KeptCounts(
            (_EXCLUDED + _EXCLUDED_GROUPS).replace("{x}", excluded),
            [*excluded_params, *excluded_params],
            _KEPT_COUNTS_LESS,
        )

    def text_filter(self, groups: Sequence[QueryGroup], *, card_columns: bool = False) -> SqlFilter:
        expression = tsquery_expression(groups)
        core = tsquery_core_expression(groups)
        rank, queries, params = _RANK, "to_tsquery('simple', %s) query", [expression]
        if core:
            rank, queries, params = (
                _CORE_RANK,
                f"{queries} CROSS JOIN to_tsquery('simple', %s) core",
                [*params, core],
            )
        if not card_columns:
            # The documents carry what the search reads of their cards: no card is looked up.
            return SqlFilter(
                sources=f"{_DOCUMENTS_AS_CARDS} CROSS JOIN {queries}",
                where=["c.search_vector @@ query", PUBLISHED],
                params=list(params),
                rank=rank.replace("{t}", "c."),
                text=True,
            )
        # The matched documents are ranked before their cards are joined (a subquery the planner
        # keeps: OFFSET 0), so that only their ids and ranks reach the join, not their vectors
        # (1.5 kB each: a hash join of a few thousand would copy megabytes).
        return SqlFilter(
            sources=(
                f"(SELECT d.card_id, {rank.replace('{t}', 'd.')} AS rank FROM catalogue_searchdocument d "  # noqa: S608
                f"CROSS JOIN {queries} WHERE d.search_vector @@ query OFFSET 0) d "
                "JOIN catalogue_servicecard c ON c.id = d.card_id"
            ),
            where=[PUBLISHED],
            params=list(params),
            rank="d.rank",
            text=True,
        )

    def counts(self, source: str, source_params: list[Any], *, text: bool) -> tuple[str, list[Any]]:
        # Both counts from one scan: grouping sets.
        counts = (
            "SELECT CASE WHEN GROUPING(gmina_id) = 1 THEN 0 ELSE 1 END, "  # noqa: S608
            "CASE WHEN GROUPING(gmina_id) = 1 THEN category_id ELSE gmina_id END, delivery_form, COUNT(*), "
            f"{TYPED_NULLS} FROM {source} "
            "GROUP BY GROUPING SETS ((category_id, delivery_form), (gmina_id)) "
        )
        return counts, source_params

    def starts_on(self, sort: SortOrder) -> str:
        return "c.starts_on"

    def position(self, gminas: Sequence[int]) -> tuple[str, list[Any]]:
        # One search of an array, not a CASE of a branch per gmina tried in turn on each card.
        found = "array_position(CAST(%s AS BIGINT[]), CAST({t}gmina_id AS BIGINT))"
        return f"COALESCE({found} - 1, {len(gminas)})", [list(gminas)]


POSTGRES_ENGINE = StatementEngine(PostgresDialect(), name="postgresql")
