"""The medians of days counted by the database (``medians_of``): the whole days between two
date-times as Python counts them, on either engine; the median read from counts of each value;
the days from application to decision on constructed data, with exact figures."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.core.indicators import (
    TOTAL,
    Breakdown,
    DaysBetween,
    Figure,
    Period,
    indicator_get,
    median_by_group,
    median_of_counts,
)
from kierunek.programmes.models import Application
from tests.programmes.helpers import TARNOW, gmina, submitted_application

KRAKOW = "1261011"
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_from_counts_is_the_median_of_the_values_written_out(values):
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    rows = [(person, "", value) for person, value in enumerate(values)]
    assert median_of_counts(counts) == median_by_group(rows)[""].value


def test_the_median_of_no_values_is_refused():
    with pytest.raises(ValueError, match="no values"):
        median_of_counts({})


SPANS = (
    timedelta(0),
    timedelta(days=1),
    timedelta(days=1) - timedelta(microseconds=1),
    timedelta(days=1, microseconds=1),
    timedelta(days=20, hours=23, minutes=59, seconds=59),
    timedelta(days=400, hours=5),
    -timedelta(microseconds=1),
    -timedelta(days=1),
    -timedelta(days=2, hours=3),
)


@pytest.mark.django_db
def test_the_database_counts_whole_days_as_python_does():
    """Periods of 24 hours rounded down, a microsecond either side of a whole day, and spans
    backwards (rounded down too, as ``timedelta.days``), on the engine the tests run on."""
    application = submitted_application()
    start = datetime(2026, 3, 28, 23, 30, 0, 500_000, tzinfo=UTC)  # the night summer time begins
    for span in SPANS:
        Application.objects.filter(pk=application.pk).update(submitted_at=start, decided_at=start + span)
        days = Application.objects.filter(pk=application.pk).values_list(
            DaysBetween("decided_at", "submitted_at"), flat=True
        )
        assert list(days) == [span.days], span


@pytest.mark.django_db
def test_the_days_to_a_decision_are_the_median_of_the_decisions_in_the_period():
    """Four decisions in March after 2, 5, 10 and 1 days (median 3.5, rounded up to 4: 2 and 5
    are the middle), one in May after 30 days, one decided last year (left out); by month and by
    powiat, each with the people behind it."""
    made = []
    for teryt, submitted, days in (
        (KRAKOW, datetime(2026, 3, 1, 9, tzinfo=UTC), 2),
        (KRAKOW, datetime(2026, 3, 2, 9, tzinfo=UTC), 5),
        (KRAKOW, datetime(2026, 3, 3, 9, tzinfo=UTC), 10),
        (TARNOW, datetime(2026, 3, 4, 9, tzinfo=UTC), 1),
        (TARNOW, datetime(2026, 4, 20, 9, tzinfo=UTC), 30),
        (TARNOW, datetime(2025, 12, 1, 9, tzinfo=UTC), 3),
    ):
        application = submitted_application(residence_gmina=gmina(teryt))
        decided = submitted + timedelta(days=days, hours=1)
        Application.objects.filter(pk=application.pk).update(submitted_at=submitted, decided_at=decided)
        made.append(application)
    days_to_decision = indicator_get("programmes.days_to_decision")
    assert days_to_decision.compute(YEAR, None) == {TOTAL: Figure(5, 5)}  # 1, 2, 5, 10, 30
    assert days_to_decision.compute(YEAR, Breakdown.MONTH) == {
        "2026-03": Figure(4, 4),
        "2026-05": Figure(30, 1),
    }
    assert days_to_decision.compute(YEAR, Breakdown.POWIAT) == {
        "1261": Figure(5, 3),  # 2, 5, 10
        "1263": Figure(16, 2),  # 1 and 30: 15.5 rounded up
    }
    assert days_to_decision.compute(Period(date(2026, 6, 1), date(2026, 6, 30)), None) == {}
