"""Pure rules of the reports: the periods a person may choose, the disclosure rule applied to a
table (primary and secondary suppression, across the groups whose totals are published), and the
geometry of the charts. No Django here.

Periods are whole calendar units (a year, a quarter, a month), never any two days: with free dates
a reader could subtract the figures of two periods a day apart and learn about the people of one
day, which no suppression inside one table prevents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kierunek.core.disclosure import Hidden

PERIOD_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


@dataclass(frozen=True)
class PeriodChoice:
    key: str  # "2026", "2026-Q3", "2026-07"
    start: date
    end: date


def period_parse(key: str) -> PeriodChoice | None:
    """The period a key names, None for a key that names none."""
    match = PERIOD_KEY.match(key or "")
    if match is None:
        return None
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        return None
    if match["quarter"]:
        first_month = 3 * int(match["quarter"]) - 2
        start = date(year, first_month, 1)
        end = _month_end(year, first_month + 2)
    elif match["month"]:
        start = date(year, int(match["month"]), 1)
        end = _month_end(year, int(match["month"]))
    else:
        start, end = date(year, 1, 1), date(year, 12, 31)
    return PeriodChoice(key, start, end)


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_choices(today: date, *, years: int = 3) -> list[PeriodChoice]:
    """The years (this one first), the quarters and the months begun so far of this year and the
    last one, newest first."""
    keys = [str(today.year - back) for back in range(years)]
    for year in (today.year, today.year - 1):
        keys += [f"{year}-Q{q}" for q in range(4, 0, -1) if date(year, 3 * q - 2, 1) <= today]
        keys += [f"{year}-{m:02d}" for m in range(12, 0, -1) if date(year, m, 1) <= today]
    return [choice for key in keys if (choice := period_parse(key)) is not None]


def period_last_closed(today: date, *, unit: str) -> PeriodChoice:
    """The last month or quarter that has ended before ``today``."""
    if unit == "month":
        first = date(today.year, today.month, 1) - timedelta(days=1)
        return period_parse(f"{first.year}-{first.month:02d}")  # type: ignore[return-value]
    quarter = (today.month - 1) // 3  # this quarter's number - 1
    year = today.year if quarter else today.year - 1
    return period_parse(f"{year}-Q{quarter or 4}")  # type: ignore[return-value]


# --- disclosure control ------------------------------------------------------------------------


@dataclass(frozen=True)
class Protected:
    hidden: dict[str, Hidden]  # the cells not shown, and why
    total_hidden: Hidden | None


def protect(
    people: Mapping[str, int],
    *,
    total: int | None,
    threshold: int,
    subtotals: Iterable[tuple[Sequence[str], int | None]] = (),
) -> Protected:
    """Which cells of a table of groups (``people``: how many people each cell is about) may be
    shown beside its ``total`` (None: no total is published, as for medians).

    - Primary: a cell about fewer than ``threshold`` people is hidden; so is the total.
    - Secondary: wherever a published sum covers a set of cells (the total covers every cell;
      ``subtotals`` name other sets and their sums published elsewhere: the gminas of a powiat
      and the powiat's own figure), the hidden cells of the set must be about ``threshold``
      people or more together, or subtracting the shown ones from the sum would tell them; while
      they are not, the smallest shown cell of the set (ties by key) is hidden too, and with no
      cell left to hide, the sum is. Repeated until no set changes.

    The rule assumes the worst: that the cells of a set do not overlap (a person in two months
    counts in both), so it also protects sets whose cells do."""
    hidden: dict[str, Hidden] = {key: Hidden.PRIMARY for key, count in people.items() if count < threshold}
    total_hidden = None if total is None or total >= threshold else Hidden.PRIMARY
    sets: list[tuple[list[str], bool]] = []
    if total is not None and total_hidden is None:
        sets.append((list(people), True))
    for keys, subtotal in subtotals:
        if subtotal is not None and subtotal >= threshold:
            sets.append(([key for key in keys if key in people], False))
    changed = True
    while changed:
        changed = False
        for keys, is_total in sets:
            if is_total and total_hidden is not None:
                continue
            while (
                any(key in hidden for key in keys)
                and sum(people[key] for key in keys if key in hidden) < threshold
            ):
                shown = sorted((people[key], key) for key in keys if key not in hidden)
                if not shown:
                    if is_total:
                        total_hidden = Hidden.SECONDARY
                    break
                hidden[shown[0][1]] = Hidden.SECONDARY
                changed = True
    return Protected(hidden=hidden, total_hidden=total_hidden)


# --- charts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    y: float
    width: float  # 0 for a hidden or empty value


def bars(values: Sequence[int | None], *, width: float, row: float = 28) -> list[Bar]:
    """Horizontal bars for ``values`` (None: not shown), the longest ``width`` long."""
    largest = max((value for value in values if value), default=0)
    return [
        Bar(y=index * row, width=round(width * (value or 0) / largest, 1) if largest else 0.0)
        for index, value in enumerate(values)
    ]


# Five classes of a sequential palette (light to dark), readable beside their labels; the map's
# legend names each class's range, and the table beside it gives every value.
MAP_CLASSES = ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d")


def map_classes(values: Mapping[str, int | None]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Each shown value's class (0-4) by equal intervals up to the largest, and the classes'
    ranges (from, to) for the legend; hidden values get no class."""
    shown = [value for value in values.values() if value is not None]
    if not shown:
        return {}, []
    top = max(shown)
    step = max(1, -(-top // len(MAP_CLASSES)))
    ranges = [(index * step, (index + 1) * step - 1) for index in range(len(MAP_CLASSES))]
    ranges[-1] = (ranges[-1][0], max(top, ranges[-1][0]))
    classes = {
        key: min(len(MAP_CLASSES) - 1, value // step) for key, value in values.items() if value is not None
    }
    return classes, ranges
