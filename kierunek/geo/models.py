"""Powiats and gminas of Małopolska (TERYT TERC register, state 2024-01-01).

Reference data, loaded by migration 0002 from ``kierunek/geo/data/`` and read-only afterwards.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from .domain import MALOPOLSKA_PREFIX

# A box around Małopolska (49.17-50.52 N, 19.08-21.42 E) with a margin. Tighter than the world's
# ranges on purpose: it also catches latitude and longitude swapped.
LAT_MIN, LAT_MAX = 49.0, 50.7
LON_MIN, LON_MAX = 18.9, 21.6


class Powiat(models.Model):
    """A powiat (county), or a city with powiat rights (Kraków, Nowy Sącz, Tarnów)."""

    teryt = models.CharField(_("TERYT code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_city = models.BooleanField(_("city with powiat rights"), default=False)

    class Meta:
        verbose_name = _("powiat")
        verbose_name_plural = _("powiats")
        ordering = ["name", "teryt"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("teryt"), 4) & models.Q(teryt__startswith=MALOPOLSKA_PREFIX),
                name="geo_powiat_teryt_malopolska",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="geo_powiat_name_set"),
        ]

    def __str__(self) -> str:
        if self.is_city:
            return self.name
        # Land powiats are named by an adjective: "powiat bocheński".
        return _("powiat %(name)s") % {"name": self.name}


class GminaKind(models.TextChoices):
    """Kind of gmina; the value is the register's term, the last digit of the TERYT code follows
    from it (1, 2, 3)."""

    URBAN = "miejska", _("urban")
    RURAL = "wiejska", _("rural")
    URBAN_RURAL = "miejsko-wiejska", _("urban-rural")


GMINA_KIND_TERYT_DIGIT = {GminaKind.URBAN: "1", GminaKind.RURAL: "2", GminaKind.URBAN_RURAL: "3"}


class CoordSource(models.TextChoices):
    SEAT = "seat", _("seat of the gmina (gazetteer)")
    SEAT_APPROX = "seat-approx", _("seat placed by hand, within about 5 km")


class Gmina(models.Model):
    """A gmina (municipality), located by the coordinates of its seat.

    Names repeat (Bochnia the town and Bochnia the rural gmina around it; two rural gminas called
    Bolesław in different powiats), so a gmina is identified by its TERYT code and shown with its
    kind and, for land powiats, its powiat.
    """

    teryt = models.CharField(_("TERYT code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=GminaKind.choices)
    powiat = models.ForeignKey(
        Powiat, verbose_name=_("powiat"), on_delete=models.PROTECT, related_name="gminas"
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    coord_source = models.CharField(_("source of coordinates"), max_length=20, choices=CoordSource.choices)

    class Meta:
        verbose_name = _("gmina")
        verbose_name_plural = _("gminas")
        ordering = ["name", "teryt"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("teryt"), 7) & models.Q(teryt__startswith=MALOPOLSKA_PREFIX),
                name="geo_gmina_teryt_malopolska",
            ),
            # The last digit of the code is the kind of gmina.
            models.CheckConstraint(
                condition=(
                    models.Q(kind=GminaKind.URBAN, teryt__endswith="1")
                    | models.Q(kind=GminaKind.RURAL, teryt__endswith="2")
                    | models.Q(kind=GminaKind.URBAN_RURAL, teryt__endswith="3")
                ),
                name="geo_gmina_kind_matches_teryt",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="geo_gmina_name_set"),
            models.CheckConstraint(
                condition=models.Q(lat__gte=LAT_MIN, lat__lte=LAT_MAX), name="geo_gmina_lat_in_malopolska"
            ),
            models.CheckConstraint(
                condition=models.Q(lon__gte=LON_MIN, lon__lte=LON_MAX), name="geo_gmina_lon_in_malopolska"
            ),
            models.CheckConstraint(
                condition=models.Q(coord_source__in=CoordSource.values), name="geo_gmina_coord_source_valid"
            ),
        ]

    def __str__(self) -> str:
        """``"Bochnia (urban gmina, powiat bocheński)"``; in Polish ``"Bochnia (gmina miejska,
        powiat bocheński)"``. For a city with powiat rights the powiat is the city itself and is
        left out: ``"Kraków (urban gmina)"``. Reads ``self.powiat``: select it with the gmina."""
        kind = self.get_kind_display()
        if self.powiat.is_city:
            return _("%(name)s (%(kind)s gmina)") % {"name": self.name, "kind": kind}
        return _("%(name)s (%(kind)s gmina, %(powiat)s)") % {
            "name": self.name,
            "kind": kind,
            "powiat": self.powiat,
        }
