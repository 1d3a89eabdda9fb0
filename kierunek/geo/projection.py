"""The projection of maps of Małopolska: longitude and latitude to drawing units, SVG paths of
polygons and their centroids. Pure functions, no Django: every map of the site (by powiat, with
gminas as symbols at their seats) is drawn on the server as SVG from them."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
