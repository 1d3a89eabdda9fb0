"""Pure rules of the human-resources offer: the suppression of small cells (one function, the rule
the powiat page and its CSV both apply), the powiat's address, the map's projection and the
numbers of an imported file. No Django here."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
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


def powiat_slug(folded_name: str) -> str:
    """The powiat's address on the site from its name folded without diacritics (by
    ``geo.domain.search_key``): "bochenski", "nowy-sacz", "krakow" (the city) beside "krakowski"
    (the land powiat around it)."""
    return re.sub(r"[^a-z0-9]+", "-", folded_name).strip("-")


# --- the map ----------------------------------------------------------------------------------

Point = tuple[float, float]


@dataclass(frozen=True)
class Frame:
    """Where the map's longitude and latitude go on the drawing: an equirectangular projection
    about the region's middle latitude (a degree of longitude is cos(latitude) of a degree of
    latitude there; over Małopolska's 1.4 degrees of latitude the error is under 2 %), scaled so
    that the region fills ``width`` units across with ``margin`` around."""

    west: float
    north: float
    scale: float  # drawing units per degree of latitude
    x_factor: float  # cos(middle latitude)
    width: float
    height: float
    margin: float

    def project(self, lon: float, lat: float) -> Point:
        return (
            round(self.margin + (lon - self.west) * self.x_factor * self.scale, 1),
            round(self.margin + (self.north - lat) * self.scale, 1),
        )


def frame_fit(points: Iterable[Point], *, width: float = 800, margin: float = 8) -> Frame:
    """The frame that fits ``points`` (longitude, latitude) into ``width`` drawing units across."""
    lons, lats = zip(*points, strict=True)
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    x_factor = math.cos(math.radians((north + south) / 2))
    scale = (width - 2 * margin) / ((east - west) * x_factor)
    height = (north - south) * scale + 2 * margin
    return Frame(west, north, scale, x_factor, width, round(height, 1), margin)


def svg_path(frame: Frame, polygons: Sequence[Sequence[Sequence[Point]]]) -> str:
    """The SVG path data of polygons (rings of longitude, latitude): one subpath per ring, points
    that round to the same place dropped, so the drawing is no larger than it must be."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            projected: list[Point] = []
            for lon, lat in ring:
                point = frame.project(lon, lat)
                if not projected or projected[-1] != point:
                    projected.append(point)
            if len(projected) < 3:
                continue
            head, *rest = projected
            parts.append(f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest) + "Z")
    return "".join(parts)


def centroid(frame: Frame, polygons: Sequence[Sequence[Sequence[Point]]]) -> Point:
    """The area-weighted centroid of the outer rings on the drawing (where a label goes)."""
    area_sum = cx_sum = cy_sum = 0.0
    for polygon in polygons:
        ring = [frame.project(lon, lat) for lon, lat in polygon[0]]
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            cross = x0 * y1 - x1 * y0
            area_sum += cross
            cx_sum += (x0 + x1) * cross
            cy_sum += (y0 + y1) * cross
    if not area_sum:
        x, y = ring[0]
        return (x, y)
    return (round(cx_sum / (3 * area_sum), 1), round(cy_sum / (3 * area_sum), 1))


# --- numbers in an imported file ---------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f")


def count_parse(text: str) -> int | None:
    """A count of people as a file gives it: "12345", "12 345" (a space, a no-break or a narrow
    no-break space between thousands). None when it is not a whole number of zero or more."""
    cleaned = text.translate(_SPACES)
    if not re.fullmatch(r"[0-9]{1,9}", cleaned):
        return None
    return int(cleaned)


def rate_parse(text: str) -> Decimal | None:
    """A percentage with at most one decimal, "5,4" or "5.4" (a "%" after it allowed), between 0
    and 100. None otherwise."""
    cleaned = text.translate(_SPACES).removesuffix("%").replace(",", ".")
    if not re.fullmatch(r"[0-9]{1,3}(\.[0-9])?", cleaned):
        return None
    try:
        rate = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return rate if rate <= 100 else None


class Balance(StrEnum):
    """The occupational barometer's forecast for an occupation in a powiat ("Barometr zawodów")."""

    SHORTAGE = "shortage"  # deficytowy
    BALANCED = "balanced"  # zrównoważony
    SURPLUS = "surplus"  # nadwyżkowy


BALANCE_WORDS = {
    "deficytowy": Balance.SHORTAGE,
    "deficyt": Balance.SHORTAGE,
    "shortage": Balance.SHORTAGE,
    "zrownowazony": Balance.BALANCED,
    "rownowaga": Balance.BALANCED,
    "balanced": Balance.BALANCED,
    "nadwyzkowy": Balance.SURPLUS,
    "nadwyzka": Balance.SURPLUS,
    "surplus": Balance.SURPLUS,
}


def balance_parse(folded: str) -> Balance | None:
    """The barometer's word, folded without diacritics ("deficytowy", "nadwyzkowy", or English)."""
    return BALANCE_WORDS.get(folded.strip())
