"""The suppression rule of the powiat page, as a table: primary cells under ten people, the total
under ten, and the secondary cell that keeps a lone hidden cell from being worked out of the total."""

import pytest

from kierunek.core.disclosure import Hidden, suppress

P, S = Hidden.PRIMARY, Hidden.SECONDARY


@pytest.mark.parametrize(
    ("counts", "total", "cells", "total_hidden"),
    [
        # Nothing small: everything shown.
        ({"a": 10, "b": 25}, 35, {"a": None, "b": None}, None),
        # 9 is under ten, 10 is not.
        ({"a": 9, "b": 10, "c": 40}, None, {"a": P, "b": None, "c": None}, None),
        # Zero is under ten too.
        ({"a": 0, "b": 12, "c": 30}, None, {"a": P, "b": None, "c": None}, None),
        # One hidden cell beside a shown total: the smallest shown cell is hidden as well.
        ({"a": 3, "b": 12, "c": 30}, 45, {"a": P, "b": S, "c": None}, None),
        # Ties among the smallest shown cells: the first by key.
        ({"a": 3, "c": 12, "b": 12}, 27, {"a": P, "b": S, "c": None}, None),
        # Two hidden cells of ten or more together: only their sum can be worked out.
        ({"a": 5, "b": 6, "c": 30}, 41, {"a": P, "b": P, "c": None}, None),
        # Two hidden cells of fewer than ten together: another cell is hidden to cover them.
        ({"a": 3, "b": 4, "c": 30, "d": 50}, 87, {"a": P, "b": P, "c": S, "d": None}, None),
        # ... and when no cell is left to hide, the total.
        ({"a": 1, "b": 1}, 12, {"a": P, "b": P}, S),
        # A lone hidden cell and no total: nothing to subtract from.
        ({"a": 3, "b": 12}, None, {"a": P, "b": None}, None),
        # The only cell is hidden and the total is shown: the total goes.
        ({"a": 4}, 11, {"a": P}, S),
        # A total under ten is hidden itself (and so is every cell).
        ({"a": 4, "b": 5}, 9, {"a": P, "b": P}, P),
        # No cells at all.
        ({}, 0, {}, P),
    ],
)
def test_suppression_table(counts, total, cells, total_hidden):
    table = suppress(counts, total)
    assert {key: cell.hidden for key, cell in table.cells.items()} == cells
    if total is not None:
        assert table.total is not None
        assert table.total.hidden == total_hidden


def test_a_hidden_cell_shows_no_value_and_a_shown_one_its_count():
    table = suppress({"a": 3, "b": 12, "c": 30}, 45)
    assert [table.cells[key].shown for key in "abc"] == [None, None, 30]
    assert table.total is not None
    assert table.total.shown == 45


@pytest.mark.parametrize("seed", range(30))
def test_no_lone_hidden_cell_can_be_worked_out_from_a_shown_total(seed):
    """For tables of groups that do not overlap (the worst case): whenever the total is shown,
    the hidden cells are never
    exactly one, and add up to ten people or more."""
    import random

    rng = random.Random(seed)
    counts = {f"g{n}": rng.choice([0, 1, 5, 9, 10, 11, 30, 200]) for n in range(rng.randint(1, 6))}
    table = suppress(counts, sum(counts.values()))
    hidden = [key for key, cell in table.cells.items() if cell.hidden]
    assert table.total is not None
    if not table.total.hidden:
        assert len(hidden) != 1
        assert sum(table.cells[key].value for key in hidden) >= 10 or not hidden
