"""The map of Małopolska by powiat, drawn on the server as SVG from the powiats' boundaries
(:mod:`kierunek.geo.boundaries`): one shape per powiat, each a link to its page. The three cities
with powiat rights lie inside land powiats, so they are drawn last, on top."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kierunek.geo.boundaries import powiat_boundaries

from .domain import Frame, centroid, frame_fit, svg_path


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
    return Drawing(width=frame.width, height=frame.height, shapes=tuple(shapes))
