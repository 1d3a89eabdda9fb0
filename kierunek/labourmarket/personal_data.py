"""The offer in a person's data export: the imports of labour facts an officer made (the file's
name, its kind, source and reference date). The facts themselves are about powiats, not people,
and the residents' figures are counted at request time and stored nowhere."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import FactImport, FactKind


def labourmarket_of(*, user: User) -> dict[str, Any]:
    imports = FactImport.objects.filter(imported_by=user).order_by("imported_at", "pk")
    return {
        "imports": [
            field_values(i, "kind", "source", "reference_date", "file_name", "row_count", "imported_at")
            for i in imports
        ]
    }


def labourmarket_rows(*, user: User) -> list[Model]:
    return list(FactImport.objects.filter(imported_by=user))


def personal_data_register() -> None:
    """Called from ``LabourmarketConfig.ready()``."""
    personal_data.register(
        "labourmarket",
        title=_("Human-resources offer"),
        collect=labourmarket_of,
        models=["labourmarket.FactImport"],
        labels={"imports": _("Imports of labour facts you made")},
        choices={"kind": dict(FactKind.choices)},
        order=85,
    )
    personal_data.register_owned_rows(labourmarket_rows)
    for model in (
        "labourmarket.PopulationFact",
        "labourmarket.UnemploymentFact",
        "labourmarket.GraduateFact",
        "labourmarket.BarometerFact",
    ):
        personal_data.exclude(
            model,
            reason="figures about a powiat, not a person; the import that brought them is exported",
        )
