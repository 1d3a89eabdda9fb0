"""The reports' pure rules: periods, the disclosure rule and its secondary suppression (tried by a
reader who wants a hidden cell back), the charts' geometry; and the indicator kit's helpers."""

from datetime import date
from itertools import product

import pytest

from kierunek.core.disclosure import Hidden
from kierunek.core.indicators import (
    Figure,
    age_band,
    count_people,
    isced_group,
    median_by_group,
    sum_by_group,
)
from kierunek.reports.domain import (
    bars,
    map_classes,
    period_choices,
    period_last_closed,
    period_parse,
    protect,
)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_a_period_is_a_whole_calendar_unit(key, start, end):
    period = period_parse(key)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("key", ["", "2026-13", "2026-Q5", "2026-1", "26", "2026-01-01", "1999", "x2026"])
def test_any_other_period_is_refused(key):
    assert period_parse(key) is None


def test_the_choices_begin_with_this_year_and_hold_no_future_month():
    choices = [c.key for c in period_choices(date(2026, 5, 10))]
    assert choices[:3] == ["2026", "2025", "2024"]
    assert "2026-05" in choices
    assert "2026-06" not in choices
    assert "2026-Q3" not in choices
    assert "2025-12" in choices
    assert "2025-Q4" in choices


def test_the_last_closed_quarter_and_month():
    assert period_last_closed(date(2026, 5, 10), unit="quarter").key == "2026-Q1"
    assert period_last_closed(date(2026, 2, 1), unit="quarter").key == "2025-Q4"
    assert period_last_closed(date(2026, 1, 5), unit="month").key == "2025-12"


def test_a_small_cell_is_hidden_and_so_is_the_smallest_other_beside_a_total():
    protected = protect({"a": 30, "b": 12, "c": 3}, total=45, threshold=10)
    assert protected.hidden == {"c": Hidden.PRIMARY, "b": Hidden.SECONDARY}
    assert protected.total_hidden is None


def test_hidden_cells_that_already_cover_enough_people_need_no_other():
    protected = protect({"a": 30, "b": 4, "c": 7}, total=41, threshold=10)
    assert protected.hidden == {"b": Hidden.PRIMARY, "c": Hidden.PRIMARY}


def test_without_a_total_only_the_small_cells_are_hidden():
    assert protect({"a": 30, "b": 3}, total=None, threshold=10).hidden == {"b": Hidden.PRIMARY}


def test_a_small_total_is_hidden_and_every_cell_with_it():
    protected = protect({"a": 5, "b": 3}, total=8, threshold=10)
    assert protected.total_hidden == Hidden.PRIMARY
    assert set(protected.hidden) == {"a", "b"}


def test_a_lone_cell_beside_its_total_takes_the_total_with_it():
    protected = protect({"a": 3}, total=3, threshold=2)
    assert protected.hidden == {}
    assert protected.total_hidden is None
    protected = protect({"a": 1, "b": 20}, total=21, threshold=2)
    assert protected.hidden == {"a": Hidden.PRIMARY, "b": Hidden.SECONDARY}


def _recoverable(cells: dict[str, int], hidden: set[str], sums: list[tuple[list[str], int]]) -> set[str]:
    """The hidden cells a reader can work out exactly: try every value the published figures allow
    (each hidden cell 0..its set's published sum) and see which cells have only one."""
    keys = sorted(hidden)
    bound = max((total for _keys, total in sums), default=0)
    possible: dict[str, set[int]] = {key: set() for key in keys}
    for values in product(range(bound + 1), repeat=len(keys)):
        guess = dict(zip(keys, values, strict=True))
        guess.update({key: value for key, value in cells.items() if key not in hidden})
        if all(sum(guess[key] for key in members) == total for members, total in sums):
            for key in keys:
                possible[key].add(guess[key])
    return {key for key, found in possible.items() if len(found) == 1}


def test_a_reader_cannot_work_out_a_hidden_gmina_from_the_powiats_and_the_total():
    # Gminas of two powiats; the powiats' own figures and the total are published as well.
    gminas = {"1201011": 12, "1201022": 2, "1201032": 11, "1206012": 15, "1206022": 1}
    powiats = {"1201": 25, "1206": 16}
    total = sum(gminas.values())
    subtotals = [([k for k in gminas if k[:4] == p], v) for p, v in powiats.items()]
    protected = protect(gminas, total=total, threshold=10, subtotals=subtotals)
    hidden = set(protected.hidden)
    assert {"1201022", "1206022"} <= hidden
    sums = [(list(gminas), total), *subtotals]
    assert _recoverable(gminas, hidden, sums) == set()
    # Without the subtotals the powiat of the lone small gmina would give it away.
    naive = protect(gminas, total=total, threshold=10)
    assert _recoverable(gminas, set(naive.hidden), sums)


def test_bars_scale_to_the_largest_value_and_hidden_ones_are_empty():
    found = bars([50, None, 100, 0], width=200)
    assert [bar.width for bar in found] == [100.0, 0.0, 200.0, 0.0]
    assert [bar.y for bar in found] == [0, 28, 56, 84]


def test_map_classes_split_the_range_in_five():
    classes, ranges = map_classes({"a": 0, "b": 49, "c": 50, "d": None})
    assert classes == {"a": 0, "b": 4, "c": 4}
    assert ranges[0] == (0, 9)
    assert ranges[-1] == (40, 50)
    assert len(ranges) == 5


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (date(2000, 6, 1), date(2024, 5, 31), "18-24"),
        (date(2000, 6, 1), date(2025, 6, 1), "25-34"),
        (date(1961, 1, 1), date(2026, 1, 1), "65+"),
        (date(2010, 1, 1), date(2026, 1, 1), "0-17"),
    ],
)
def test_age_bands(born, on, band):
    assert age_band(born, on) == band


def test_isced_groups():
    assert [isced_group(level) for level in (None, 0, 2, 3, 4, 5, 8)] == [
        "",
        "isced_0_2",
        "isced_0_2",
        "isced_3_4",
        "isced_3_4",
        "isced_5_8",
        "isced_5_8",
    ]


def test_people_are_counted_once_per_group_and_values_summed():
    assert count_people([(1, "a"), (1, "a"), (2, "a"), (1, "b")]) == {"a": Figure(2, 2), "b": Figure(1, 1)}
    assert sum_by_group([(1, "a", 5), (1, "a", 7), (2, "b", 1)]) == {"a": Figure(12, 1), "b": Figure(1, 1)}


def test_the_median_of_days_rounds_half_up():
    assert median_by_group([(1, "", 3), (2, "", 4)]) == {"": Figure(4, 2)}
    assert median_by_group([(1, "", 3), (2, "", 10), (3, "", 4)]) == {"": Figure(4, 3)}
