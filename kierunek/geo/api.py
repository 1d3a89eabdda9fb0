"""Public, read-only JSON API of the geography context, mounted by config/api.py at /api/v1/geo/.

Unknown codes give 404 ``{"detail": "..."}``; malformed codes give 422 in the API's usual
validation-error shape, with a message that says what a code looks like.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Path, Query, Router, Status
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from . import selectors
from .domain import distance_km, is_gmina_teryt, is_powiat_teryt
from .models import Gmina
from .schemas import DistanceOut, ErrorOut, GminaOut

router = Router(auth=None)  # public reference data, whatever the API's default authentication


def _gmina_teryt(value: str) -> str:
    if not is_gmina_teryt(value):
        raise PydanticCustomError(
            "gmina_teryt",
            str(_("A gmina TERYT code has 7 digits and, in Małopolska, starts with 12 (e.g. 1261011).")),
        )
    return value


def _powiat_teryt(value: str) -> str:
    if not is_powiat_teryt(value):
        raise PydanticCustomError(
            "powiat_teryt",
            str(_("A powiat TERYT code has 4 digits and, in Małopolska, starts with 12 (e.g. 1261).")),
        )
    return value


GminaTeryt = Annotated[str, AfterValidator(_gmina_teryt)]
PowiatTeryt = Annotated[str, AfterValidator(_powiat_teryt)]
SearchText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


def _not_found(teryt: str) -> Status[dict[str, str]]:
    return Status(404, {"detail": str(_("No gmina has the TERYT code %(teryt)s.") % {"teryt": teryt})})


@router.get("/gminas", response=list[GminaOut], summary="Gminas of Małopolska")
def gminas(
    request: HttpRequest,
    powiat: Query[PowiatTeryt | None] = None,
    q: Query[SearchText | None] = None,
) -> Any:
    """All 182 gminas ordered by name; only those of one powiat (`powiat`, a 4-digit TERYT code)
    and only those whose name contains `q` (case and Polish diacritics ignored)."""
    return selectors.gmina_list(powiat_teryt=powiat, q=q)


@router.get("/gminas/{teryt}", response={200: GminaOut, 404: ErrorOut}, summary="One gmina")
def gmina(request: HttpRequest, teryt: Path[GminaTeryt]) -> Any:
    try:
        return selectors.gmina_get(teryt=teryt)
    except Gmina.DoesNotExist:
        return _not_found(teryt)


@router.get("/distance", response={200: DistanceOut, 404: ErrorOut}, summary="Distance between two gminas")
def distance(request: HttpRequest, from_teryt: Query[GminaTeryt], to_teryt: Query[GminaTeryt]) -> Any:
    """Great-circle distance between the seats of two gminas, in km rounded to 0.1 km (the seats
    are points; for some gminas placed within about 5 km)."""
    ends = []
    for teryt in (from_teryt, to_teryt):
        try:
            ends.append(selectors.gmina_get(teryt=teryt))
        except Gmina.DoesNotExist:
            return _not_found(teryt)
    start, end = ends
    return {"km": round(distance_km(start.lat, start.lon, end.lat, end.lon), 1)}
