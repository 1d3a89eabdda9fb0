"""Qualifications of the register for tests, entered through the service as the system."""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Any

from kierunek.core.actor import SYSTEM
from kierunek.qualifications import services
from kierunek.qualifications.domain import OutcomeInput, OutcomeSetInput, QualificationInput
from kierunek.qualifications.models import Qualification


def outcome_sets(*names: str) -> tuple[OutcomeSetInput, ...]:
    names = names or ("Zestaw podstawowy",)
    return tuple(
        OutcomeSetInput(
            code=f"ZE{number}",
            name=name,
            outcomes=(
                OutcomeInput(
                    code=f"ZE{number}.1",
                    text="Wykonuje zadania opisane w zestawie",
                    criteria=("wykonuje zadanie", "ocenia wynik"),
                ),
            ),
        )
        for number, name in enumerate(names, start=1)
    )


def qualification_input(**overrides: Any) -> QualificationInput:
    data = QualificationInput(
        code="TEST-01",
        name="Prowadzenie szkoleń",
        kind="market",
        prk_level=5,
        workload_hours=300,
        description="Opis kwalifikacji do testów.",
        target_group="Osoby dorosłe.",
        validation_methods="Test teoretyczny i obserwacja w warunkach symulowanych.",
        validation_staff="Komisja złożona z co najmniej dwóch asesorów.",
        quality_body="Instytucja zapewniania jakości",
        registered_on=datetime.date(2020, 5, 4),
        outcome_sets=outcome_sets(),
        certifying_institutions=("Centrum Walidacji w Krakowie",),
    )
    return replace(data, **overrides)


def qualification(**overrides: Any) -> Qualification:
    return services.qualification_create(actor=SYSTEM, data=qualification_input(**overrides))
