"""The labour facts of each powiat the office imports (working-age population, registered
unemployment, graduates by field, the occupational barometer), each row from one import whose
source, reference date, file and author are kept. A powiat's page shows, for each kind of fact, the
rows of the newest import that covers it (by reference date, then by when it was imported)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .domain import Balance


class FactKind(models.TextChoices):
    POPULATION = "population", _("working-age population")
    UNEMPLOYMENT = "unemployment", _("registered unemployment")
    GRADUATES = "graduates", _("graduates by field")
    BAROMETER = "barometer", _("occupational barometer")


BALANCE_LABELS = {
    Balance.SHORTAGE: _("shortage"),
    Balance.BALANCED: _("balanced"),
    Balance.SURPLUS: _("surplus"),
}


class FactImport(models.Model):
    """One file the office imported: all its rows were saved together, or none."""

    kind = models.CharField(_("kind of facts"), max_length=16, choices=FactKind.choices)
    source = models.CharField(_("source"), max_length=300)
    reference_date = models.DateField(_("reference date"))
    file_name = models.CharField(_("file name"), max_length=255)
    row_count = models.PositiveIntegerField(_("rows"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("import of labour facts")
        verbose_name_plural = _("imports of labour facts")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FactKind.values), name="labourmarket_import_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(source=""), name="labourmarket_import_source_set"),
            models.CheckConstraint(condition=Q(row_count__gt=0), name="labourmarket_import_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference_date} ({self.file_name})"


class _Fact(models.Model):
    fact_import = models.ForeignKey(FactImport, on_delete=models.CASCADE, related_name="+")
    powiat = models.ForeignKey(
        "geo.Powiat", verbose_name=_("powiat"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class PopulationFact(_Fact):
    working_age = models.PositiveIntegerField(_("working-age population"))

    class Meta:
        verbose_name = _("working-age population")
        verbose_name_plural = _("working-age population")
        constraints = [
            models.UniqueConstraint(fields=["fact_import", "powiat"], name="labourmarket_population_once"),
        ]

    def __str__(self) -> str:
        return f"{self.powiat_id}: {self.working_age}"


class UnemploymentFact(_Fact):
    registered = models.PositiveIntegerField(_("registered unemployed"))
    rate = models.DecimalField(_("unemployment rate (%)"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("registered unemployment")
        verbose_name_plural = _("registered unemployment")
        constraints = [
            models.UniqueConstraint(fields=["fact_import", "powiat"], name="labourmarket_unemployment_once"),
            models.CheckConstraint(condition=Q(rate__gte=0, rate__lte=100), name="labourmarket_rate_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.powiat_id}: {self.rate}%"


class GraduateFact(_Fact):
    field = models.CharField(_("field of education"), max_length=200)
    graduates = models.PositiveIntegerField(_("graduates"))

    class Meta:
        verbose_name = _("graduates by field")
        verbose_name_plural = _("graduates by field")
        constraints = [
            models.UniqueConstraint(
                fields=["fact_import", "powiat", "field"], name="labourmarket_graduates_once"
            ),
            models.CheckConstraint(condition=~Q(field=""), name="labourmarket_graduates_field_set"),
        ]

    def __str__(self) -> str:
        return f"{self.powiat_id}: {self.field} {self.graduates}"


class BarometerFact(_Fact):
    occupation = models.CharField(_("occupation"), max_length=200)
    balance = models.CharField(
        _("forecast"), max_length=10, choices=[(key.value, label) for key, label in BALANCE_LABELS.items()]
    )

    class Meta:
        verbose_name = _("occupational barometer")
        verbose_name_plural = _("occupational barometer")
        constraints = [
            models.UniqueConstraint(
                fields=["fact_import", "powiat", "occupation"], name="labourmarket_barometer_once"
            ),
            models.CheckConstraint(condition=~Q(occupation=""), name="labourmarket_barometer_occupation_set"),
            models.CheckConstraint(
                condition=Q(balance__in=[b.value for b in Balance]), name="labourmarket_balance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.powiat_id}: {self.occupation} ({self.balance})"


FACT_MODELS: dict[str, type[_Fact]] = {
    FactKind.POPULATION: PopulationFact,
    FactKind.UNEMPLOYMENT: UnemploymentFact,
    FactKind.GRADUATES: GraduateFact,
    FactKind.BAROMETER: BarometerFact,
}
