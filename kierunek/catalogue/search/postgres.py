"""PostgreSQL full-text search (production): the search as one statement
(kierunek.catalogue.search.statement) with PostgreSQL's match (``to_tsquery('simple', ...)``
over SearchDocument.search_vector, migration 0008: each weight class's tokens with its label) and
its grouping sets, which give both counts from one scan. The rank is ``ts_rank`` with the classes'
weights (kierunek.catalogue.search.weights)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .query import SortOrder
from .statement import PUBLISHED, TYPED_NULLS, SqlFilter, StatementEngine
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


class PostgresDialect:
    vendor = "postgresql"

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
