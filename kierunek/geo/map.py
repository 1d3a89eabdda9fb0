"""The map of Małopolska by powiat, drawn on the server as SVG from the powiats' boundaries
(:mod:`kierunek.geo.boundaries`): one shape per powiat (a page makes each a link, or colours it by
a figure). The three cities with powiat rights lie inside land powiats, so they are drawn last, on
top. ``Drawing.point`` places a gmina's seat (or any place) on the same drawing, for symbols."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .boundaries import powiat_boundaries
from .projection import Frame, Point, centroid, frame_fit, svg_path


@dataclass(frozen=True)
class Shape:
    teryt: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    frame: Frame

    def point(self, *, lon: float, lat: float) -> Point:
        """Where a place (a gmina's seat) lies on the drawing."""
        return self.frame.project(lon, lat)


@cache
def drawing() -> Drawing:
    """The projected shapes, once per process: the boundaries never change."""
    boundaries = powiat_boundaries()
    frame: Frame = frame_fit(
        point for polygons in boundaries.values() for polygon in polygons for point in polygon[0]
    )
    shapes = []
    for teryt in sorted(boundaries, key=lambda code: (code >= "1261", code)):
        polygons = boundaries[teryt]
        x, y = centroid(frame, polygons)
        shapes.append(Shape(teryt=teryt, path=svg_path(frame, polygons), label_x=x, label_y=y))
    return Drawing(width=frame.width, height=frame.height, shapes=tuple(shapes), frame=frame)
