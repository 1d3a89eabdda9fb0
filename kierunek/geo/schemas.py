"""Shapes of the geography API. Read-only: there is no input schema to mass-assign."""

from ninja import Schema

from kierunek.core.api_errors import ErrorOut

from .models import Gmina

__all__ = ["DistanceOut", "ErrorOut", "GminaOut", "PowiatOut"]


class PowiatOut(Schema):
    teryt: str
    name: str
    is_city: bool


class GminaOut(Schema):
    teryt: str
    name: str
    label: str
    kind: str
    kind_label: str
    powiat: PowiatOut
    lat: float
    lon: float
    coord_source: str

    @staticmethod
    def resolve_label(obj: Gmina) -> str:
        """The name a person can tell apart from namesakes: "Bochnia (urban gmina, powiat bocheński)"."""
        return str(obj)

    @staticmethod
    def resolve_kind_label(obj: Gmina) -> str:
        return str(obj.get_kind_display())


class DistanceOut(Schema):
    km: float
