"""PostgreSQL's statement ranks only the matches the page's order needs (decision 0007): the same
results as ranking every match, for any search."""

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings

from kierunek.catalogue.search import SearchParams, cards, search_cards
from kierunek.catalogue.search.postgres import POSTGRES_ENGINE, PostgresDialect
from kierunek.catalogue.search.statement import StatementEngine
from tests.catalogue.factories import KRAKOW
from tests.catalogue.search.test_columns import search_params, wide_catalogue  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement"),
]


class EveryMatchRanked(PostgresDialect):
    """PostgreSQL's dialect without the lookup of one card's rank: every match is ranked."""

    def text_filter(self, groups):
        return dataclasses.replace(super().text_filter(groups), rank_of="", rank_of_params=[])


EVERY_MATCH_RANKED = StatementEngine(EveryMatchRanked(), name="postgresql-every-match-ranked")


def result_of(params: SearchParams) -> tuple:
    result = search_cards(params)
    return (
        result.count,
        [(hit.card.pk, hit.rank, hit.quality_mark, hit.distance_km) for hit in result.items],
        result.facets,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=search_params())
def test_ranking_only_what_the_order_needs_gives_what_ranking_every_match_gives(
    wide_catalogue,  # noqa: F811
    params,
    monkeypatch,
):
    assert cards.engine_for("postgresql") is POSTGRES_ENGINE
    late = result_of(params)
    with monkeypatch.context() as patch:
        patch.setattr(cards, "engine_for", lambda vendor, columnar=None: EVERY_MATCH_RANKED)
        every = result_of(params)
    assert late == every


def _outputs(plan: dict) -> list[str]:
    return [*plan.get("Output", []), *(out for child in plan.get("Plans", []) for out in _outputs(child))]


def test_the_statement_ranks_every_match_only_when_ordered_by_relevance(wide_catalogue):  # noqa: F811
    """In the plan of the matches (the materialised CTE), a rank is computed only by relevance."""
    ranked = {}
    for sort in ("relevance", "distance", "price", "start"):
        with CaptureQueriesContext(connection) as captured:
            search_cards(SearchParams(q="angielski", gmina=KRAKOW, sort=sort))
        search = next(query["sql"] for query in captured.captured_queries if "MATERIALIZED" in query["sql"])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (VERBOSE, FORMAT JSON) {search}")
            plan = cursor.fetchone()[0][0]["Plan"]
        (matches,) = [child for child in plan["Plans"] if child.get("Subplan Name") == "CTE m"]
        ranked[sort] = any("ts_rank" in output for output in _outputs(matches))
    assert ranked == {"relevance": True, "distance": False, "price": False, "start": False}
