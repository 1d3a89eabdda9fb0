"""Figures by place added up from one count by the gmina where each person lives: the gminas'
and the powiats' figures are the same as counted one by one, and a page that shows both asks the
database once for them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    Figure,
    Period,
    figures_regrouped,
    figures_reused,
    indicator_get,
)
from tests.outreach.builders import NIEPOLOMICE, WIELICZKA, resident
from tests.programmes.helpers import TARNOW

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def test_finer_groups_add_up_to_coarser_ones():
    fine = {"1219053": Figure(5, 2), "1219043": Figure(7, 3), "1263011": Figure(1, 1), "": Figure(4, 4)}
    assert figures_regrouped(fine, lambda key: key[:4]) == {
        "1219": Figure(12, 5),
        "1263": Figure(1, 1),
        "": Figure(4, 4),
    }
    assert figures_regrouped(fine, lambda key: TOTAL) == {TOTAL: Figure(17, 10)}
    assert figures_regrouped({}, lambda key: TOTAL) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["outreach.reach_registered", "programmes.applied"])
def test_a_count_by_gmina_gives_the_gminas_and_the_powiats_figures_at_one_query(key):
    for teryt, people in ((WIELICZKA, 3), (NIEPOLOMICE, 2), (TARNOW, 1)):
        for _ in range(people):
            resident(teryt)
    indicator = indicator_get(key)
    breakdowns = (None, Breakdown.GMINA, Breakdown.POWIAT)
    alone = {breakdown: indicator.compute(YEAR, breakdown) for breakdown in breakdowns}
    assert alone[None] == {TOTAL: Figure(6, 6)}
    assert alone[Breakdown.GMINA] == {
        WIELICZKA: Figure(3, 3),
        NIEPOLOMICE: Figure(2, 2),
        TARNOW: Figure(1, 1),
    }
    assert alone[Breakdown.POWIAT] == {"1219": Figure(5, 5), "1263": Figure(1, 1)}
    with figures_reused(), CaptureQueriesContext(connection) as queries:
        together = {breakdown: indicator.compute(YEAR, breakdown) for breakdown in reversed(breakdowns)}
    assert together == alone
    counts = [query for query in queries if "COUNT(" in query["sql"]]
    by_gmina = [query for query in counts if "residence_gmina_id" in query["sql"]]
    assert len(by_gmina) == 1, [query["sql"] for query in by_gmina]
    assert len(counts) == 1  # the total is added up from the same count
