"""Statistical disclosure control: which cells of a published table of counts of people may be
shown. One function, so every page, export and open-data file that counts people applies the same
rule (first written for the human-resources offer, decision 0022). No Django here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

# Statistical disclosure control: a cell counting fewer people than this is not shown.
SUPPRESSION_THRESHOLD = 10


class Hidden(StrEnum):
    """Why a cell is not shown: it counts fewer than ten people (primary), or showing it beside the
    total would let a reader work a primary cell out by subtraction (secondary)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Cell:
    value: int  # kept for ordering; never shown when ``hidden``
    hidden: Hidden | None = None

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value


@dataclass(frozen=True)
class SuppressedTable:
    cells: dict[str, Cell]
    total: Cell | None


def suppress(
    counts: Mapping[str, int], total: int | None = None, *, threshold: int = SUPPRESSION_THRESHOLD
) -> SuppressedTable:
    """The table of ``counts`` (people per group) and its ``total`` (people in any group, or None
    when no total is shown) as it may be published.

    - Primary: every cell under ``threshold`` is hidden (shown as "<10"), zero included.
    - The total is hidden when it is under ``threshold`` itself.
    - Secondary: a shown total minus the shown cells gives the sum of the hidden ones when the
      groups do not overlap, so while the hidden cells of a table with a shown total add up to
      fewer than ``threshold`` people (a lone hidden cell always does), the smallest shown cell is
      hidden too (the smallest, to lose the least; ties by key); with no cell left to hide, the
      total is hidden. The hidden cells are then only ever known as a sum of ``threshold`` or more.

    The rule assumes the worst (groups that do not overlap), so it also protects tables whose groups
    do overlap (a person with competences of two groups counts in both, and once in the total)."""
    cells = {key: Cell(value, Hidden.PRIMARY if value < threshold else None) for key, value in counts.items()}
    total_cell = None if total is None else Cell(total, Hidden.PRIMARY if total < threshold else None)
    if total_cell is None or total_cell.hidden:
        return SuppressedTable(cells=cells, total=total_cell)
    while (
        any(cell.hidden for cell in cells.values())
        and sum(cell.value for cell in cells.values() if cell.hidden) < threshold
    ):
        shown = sorted((cell.value, key) for key, cell in cells.items() if not cell.hidden)
        if not shown:
            total_cell = Cell(total_cell.value, Hidden.SECONDARY)
            break
        key = shown[0][1]
        cells[key] = Cell(cells[key].value, Hidden.SECONDARY)
    return SuppressedTable(cells=cells, total=total_cell)
