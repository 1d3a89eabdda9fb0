"""Pure rules of the geography context: distances, TERYT codes, name search. No Django here."""

from __future__ import annotations

import math
import re
import unicodedata

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG), the usual choice for the haversine formula

# TERYT TERC codes of Małopolska (voivodeship 12): powiat WWPP, gmina WWPPGGR where R is the kind
# of gmina (1 urban, 2 rural, 3 urban-rural).
MALOPOLSKA_PREFIX = "12"
POWIAT_TERYT_PATTERN = r"^12[0-9]{2}$"
GMINA_TERYT_PATTERN = r"^12[0-9]{4}[123]$"
_POWIAT_TERYT_RE = re.compile(POWIAT_TERYT_PATTERN)
_GMINA_TERYT_RE = re.compile(GMINA_TERYT_PATTERN)

# Letters that NFKD does not decompose into a base letter and a diacritic.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l"})


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points (haversine formula on a sphere
    of radius :data:`EARTH_RADIUS_KM`). Within 0.5 % of the ellipsoidal distance: ample for
    ranking gminas by distance, not for routing. Symmetric, zero for the same point."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    delta_phi = phi2 - phi1
    delta_lambda = math.radians(lon2 - lon1)
    a = math.sin(delta_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(delta_lambda / 2) ** 2
    # min(): rounding can push a a hair above 1 for antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def is_powiat_teryt(code: str) -> bool:
    """A 4-digit TERYT code of a powiat in Małopolska, e.g. ``"1261"``."""
    return bool(_POWIAT_TERYT_RE.fullmatch(code))


def is_gmina_teryt(code: str) -> bool:
    """A 7-digit TERYT code of a gmina in Małopolska, e.g. ``"1261011"``."""
    return bool(_GMINA_TERYT_RE.fullmatch(code))


def search_key(text: str) -> str:
    """``text`` folded for searching place names: lower case, without Polish diacritics, single
    spaces. "Nowy Sącz" and "nowy sacz" give the same key, as do "Łapanów" and "lapanow"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED).casefold())
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(without_marks.split())
