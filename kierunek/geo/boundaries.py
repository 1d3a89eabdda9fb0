"""The powiats' boundaries (``data/malopolska_powiaty.geojson``: WGS84, simplified to about 1 km;
from the national register of borders PRG of GUGiK, as republished under the MIT licence by the
repository ppatrzyk/polska-geojson), for maps by powiat. Read once and kept: the file is 23 kB and
never changes while the process runs."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "malopolska_powiaty.geojson"

Ring = tuple[tuple[float, float], ...]  # (longitude, latitude) points, the first repeated last
Polygon = tuple[Ring, ...]  # the outer ring, then any holes


@cache
def powiat_boundaries() -> dict[str, tuple[Polygon, ...]]:
    """Each powiat's TERYT code to its polygons (a land powiat in two parts has two)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    boundaries: dict[str, tuple[Polygon, ...]] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        boundaries[feature["properties"]["teryt"]] = tuple(
            tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in polygon)
            for polygon in polygons
        )
    return boundaries
